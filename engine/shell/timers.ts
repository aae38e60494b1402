/**
 * Timer definitions as Camunda 7 reads them: timeDate (ISO 8601 date-time), timeDuration (ISO 8601
 * duration, from now) and timeCycle `R[n]/[start/]duration` (repeat n times, or forever without n).
 * Cron cycles are outside the supported subset and fail like an invalid expression.
 */
import { DateTime, Duration } from 'luxon';
import type { TimerSpec } from '../core/index.js';
import { EngineError } from '../errors.js';

export interface ScheduledTimer {
  due: Date;
  /** For cycles: what is left to repeat after this firing (`R2/PT1M`), null when nothing. */
  repeat: string | null;
}

const invalid = (text: string, kind: string) =>
  new EngineError('ProcessEngineException', 400, `Invalid ${kind} timer '${text}': expected ISO 8601 (${kind === 'date' ? '2026-01-31T12:00:00Z' : kind === 'cycle' ? 'R3/PT10M' : 'PT10M'}).`);

function asText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value ?? '').trim();
}

function duration(text: string, kind: string): Duration {
  const d = Duration.fromISO(text);
  if (!d.isValid) throw invalid(text, kind);
  return d;
}

function date(text: string, kind: string): DateTime {
  const d = DateTime.fromISO(text, { setZone: true });
  if (!d.isValid) throw invalid(text, kind);
  return d;
}

/** When the timer first fires, and for cycles the schedule it repeats on. */
export function scheduleTimer(spec: TimerSpec, now: Date): ScheduledTimer {
  const text = asText(spec.value);
  const base = DateTime.fromJSDate(now);
  if (spec.type === 'date') return { due: date(text, 'date').toJSDate(), repeat: null };
  if (spec.type === 'duration') return { due: base.plus(duration(text, 'duration')).toJSDate(), repeat: null };
  const schedule = anchorCycle(text, now);
  return { due: cycleDateAfter(schedule, now) ?? now, repeat: schedule };
}

interface Cycle {
  times: number;
  start: DateTime | null;
  period: Duration;
  periodText: string;
}

function parseCycle(text: string): Cycle {
  const parts = text.split('/');
  const m = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!m || parts.length < 2 || parts.length > 3) throw invalid(text, 'cycle');
  const periodText = parts[parts.length - 1];
  const period = duration(periodText, 'cycle');
  if (period.as('milliseconds') <= 0) throw invalid(text, 'cycle');
  return { times: m[1] === '' ? Infinity : Number(m[1]), start: parts.length === 3 ? date(parts[1], 'cycle') : null, period, periodText };
}

/**
 * A cycle's schedule is fixed when the timer is created, as Camunda fixes it: `R3/PT1M` becomes
 * `R3/<now>/PT1M` — firings at now + 1, 2, 3 minutes; a cycle with its own start keeps it (then
 * the start itself fires too: R3 with a start date fires four times, as in Camunda).
 */
export function anchorCycle(text: string, anchor: Date): string {
  const c = parseCycle(text);
  if (c.start) return text;
  return `R${c.times === Infinity ? '' : c.times}/${DateTime.fromJSDate(anchor).toUTC().toISO()}/${c.periodText}`;
}

/**
 * The cycle's next firing after `after`: the first of start + k·period (k = 0 … n) later than it,
 * or null when the schedule has run out. Firings missed while nothing ran are skipped, and a job
 * executed before it was due gets the same next date again — both as Camunda computes it.
 */
export function cycleDateAfter(schedule: string, after: Date): Date | null {
  const c = parseCycle(schedule);
  if (!c.start) throw invalid(schedule, 'cycle');
  const target = after.getTime();
  let k: number;
  let cur = c.start;
  if (c.period.years === 0 && c.period.months === 0 && c.period.quarters === 0) {
    // Fixed length: jump straight to the step (R/PT1S running for a year is 31 million steps).
    const ms = c.period.as('milliseconds');
    k = cur.toMillis() > target ? 0 : Math.min(c.times, Math.floor((target - cur.toMillis()) / ms) + 1);
    cur = cur.plus({ milliseconds: ms * k });
  } else {
    for (k = 0; k < c.times && cur.toMillis() <= target; k++) cur = cur.plus(c.period);
  }
  return cur.toMillis() < target ? null : cur.toJSDate();
}
