/**
 * Long polling for fetchAndLock (Camunda's asyncResponseTimeout): when nothing can be fetched, the
 * request waits until a task of one of its topics may have become fetchable, then tries again —
 * another worker may have taken it meanwhile, and then it keeps waiting — until the timeout, when
 * it answers []. What wakes it:
 * - a signal for one of its topics (`signals.onExternalTask`): a task created, unlocked or given
 *   retries in this process (after commit), or in another one (the NOTIFY listener forwards it);
 *   `ANY_TOPIC` wakes every waiter (the listener reconnected and may have missed notifications);
 * - the next lock of a matching task expiring (it asks `nextUnlock` after each empty try);
 * - at the latest every `recheckMs`, a safety net for anything missed.
 * A request whose client went away (`closed`) stops waiting and answers nothing.
 */
import type { Signals } from './signals.js';

/** The topic a signal names to wake every waiter (topics are never empty: the BPMN check refuses that). */
export const ANY_TOPIC = '';

/** Camunda refuses a longer asyncResponseTimeout. */
export const MAX_LONG_POLL_MS = 1_800_000;

export interface LongPoll<T> {
  /** One try; a non-empty result ends the wait. */
  attempt(): Promise<T[]>;
  /** ms until a lock that could make `attempt` succeed expires, or null. */
  nextUnlock(): Promise<number | null>;
  topics: readonly string[];
  timeoutMs: number;
  signals: Signals;
  /** Aborted when the client went away. */
  closed: AbortSignal;
  recheckMs?: number;
}

const DEFAULT_RECHECK_MS = 2_000;

/** The tasks found, [] at the timeout, null when the client went away. */
export async function longPoll<T>(poll: LongPoll<T>): Promise<T[] | null> {
  const deadline = Date.now() + poll.timeoutMs;
  const topics = new Set(poll.topics);
  let woken: boolean;
  let wake: (() => void) | null = null;
  const off = poll.signals.onExternalTask((topic) => {
    if (topic !== ANY_TOPIC && !topics.has(topic)) return;
    woken = true;
    wake?.();
  });
  const onClose = () => wake?.();
  poll.closed.addEventListener('abort', onClose);
  try {
    for (;;) {
      if (poll.closed.aborted) return null;
      woken = false; // a signal from here on means: try again
      const found = await poll.attempt();
      if (found.length > 0) return found;
      if (Date.now() >= deadline) return [];
      if (woken) continue;
      const unlock = await poll.nextUnlock();
      if (woken) continue;
      if (poll.closed.aborted) return null;
      let ms = Math.min(deadline - Date.now(), poll.recheckMs ?? DEFAULT_RECHECK_MS);
      if (unlock !== null) ms = Math.min(ms, Math.max(unlock, 0) + 1);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
        const timer = setTimeout(done, Math.max(ms, 0));
        wake = done;
      });
    }
  } finally {
    off();
    poll.closed.removeEventListener('abort', onClose);
  }
}
