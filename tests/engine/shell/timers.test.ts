/**
 * Timer cycles keep Camunda's fixed schedule: `R<n>/<period>` is anchored when the timer is made
 * and fires at anchor + k·period (k = 1 … n); a cycle with its own start fires at the start too;
 * missed firings are skipped; a job executed early gets the same date again; none is left after
 * the last.
 */
import { anchorCycle, cycleDateAfter, scheduleTimer } from '../../../engine/shell/timers.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

test('R3/PT1M made at 10:00 fires at 10:01, 10:02, 10:03 and then no more', () => {
  const t = scheduleTimer({ type: 'cycle', value: 'R3/PT1M' }, at('2026-11-24T10:00:00Z'));
  expect(iso(t.due)).toBe('2026-11-24T10:01:00.000Z');
  expect(t.repeat).toBe('R3/2026-11-24T10:00:00.000Z/PT1M');
  expect(iso(cycleDateAfter(t.repeat!, at('2026-11-24T10:01:00.010Z')))).toBe('2026-11-24T10:02:00.000Z');
  expect(iso(cycleDateAfter(t.repeat!, at('2026-11-24T10:02:00.010Z')))).toBe('2026-11-24T10:03:00.000Z');
  expect(cycleDateAfter(t.repeat!, at('2026-11-24T10:03:00.010Z'))).toBeNull();
});

test('executed early, the next firing is the same scheduled date; late, the missed ones are skipped', () => {
  const schedule = 'R5/2026-11-24T10:00:00Z/PT10M';
  expect(iso(cycleDateAfter(schedule, at('2026-11-24T10:00:30Z')))).toBe('2026-11-24T10:10:00.000Z');
  expect(iso(cycleDateAfter(schedule, at('2026-11-24T10:00:31Z')))).toBe('2026-11-24T10:10:00.000Z');
  expect(iso(cycleDateAfter(schedule, at('2026-11-24T10:35:00Z')))).toBe('2026-11-24T10:40:00.000Z');
});

test('a cycle with a start date in the future fires at the start, then n more times', () => {
  const t = scheduleTimer({ type: 'cycle', value: 'R2/2026-12-01T08:00:00Z/P1D' }, at('2026-11-24T10:00:00Z'));
  expect(iso(t.due)).toBe('2026-12-01T08:00:00.000Z');
  expect(iso(cycleDateAfter(t.repeat!, at('2026-12-01T08:00:01Z')))).toBe('2026-12-02T08:00:00.000Z');
  expect(iso(cycleDateAfter(t.repeat!, at('2026-12-02T08:00:01Z')))).toBe('2026-12-03T08:00:00.000Z');
  expect(cycleDateAfter(t.repeat!, at('2026-12-03T08:00:01Z'))).toBeNull();
});

test('calendar months are added one after the other (Jan 31 → Feb 28 → Mar 28, as Java\'s calendar does); a second-long endless cycle jumps without looping', () => {
  expect(iso(cycleDateAfter('R/2026-01-31T00:00:00Z/P1M', at('2026-03-15T00:00:00Z')))).toBe('2026-03-28T00:00:00.000Z');
  expect(iso(cycleDateAfter('R/2025-11-24T00:00:00Z/PT1S', at('2026-11-24T00:00:00.500Z')))).toBe('2026-11-24T00:00:01.000Z');
});

test('anchoring leaves a cycle with its own start alone, and an invalid cycle is refused naming it', () => {
  expect(anchorCycle('R2/2026-01-01T00:00:00Z/PT1H', at('2026-11-24T10:00:00Z'))).toBe('R2/2026-01-01T00:00:00Z/PT1H');
  expect(() => anchorCycle('R2/soon', at('2026-11-24T10:00:00Z'))).toThrow(/Invalid cycle timer 'soon'/);
});
