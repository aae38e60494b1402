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

/** When the timer first fires, and for cycles what repeats afterwards. */
export function scheduleTimer(spec: TimerSpec, now: Date): ScheduledTimer {
  const text = asText(spec.value);
  const base = DateTime.fromJSDate(now);
  if (spec.type === 'date') return { due: date(text, 'date').toJSDate(), repeat: null };
  if (spec.type === 'duration') return { due: base.plus(duration(text, 'duration')).toJSDate(), repeat: null };
  return nextCycle(text, now, true) ?? { due: now, repeat: null };
}

/**
 * A cycle `R[n]/[start/]period`: the next firing after `now`. `first` = scheduling it initially
 * (a start date, when given, is the first firing). Null when no repetition is left.
 */
export function nextCycle(text: string, now: Date, first = false): ScheduledTimer | null {
  const parts = text.split('/');
  const m = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!m || parts.length < 2 || parts.length > 3) throw invalid(text, 'cycle');
  const times = m[1] === '' ? Infinity : Number(m[1]);
  if (times <= 0) return null;
  const period = duration(parts[parts.length - 1], 'cycle');
  if (period.as('milliseconds') <= 0) throw invalid(text, 'cycle');
  const left = times === Infinity ? 'R' : `R${times - 1}`;
  const rest = `${left}/${parts[parts.length - 1]}`;
  if (first && parts.length === 3) {
    return { due: date(parts[1], 'cycle').toJSDate(), repeat: times - 1 > 0 ? rest : null };
  }
  const due = DateTime.fromJSDate(now).plus(period).toJSDate();
  return { due, repeat: times - 1 > 0 ? rest : null };
}
