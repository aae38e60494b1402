/**
 * One API call or job = one transaction. `inTransaction` retries the whole transaction when it
 * lost a race (optimistic locking on a process instance, a serialization failure or deadlock), so
 * callers never see a half-applied command; after commit it runs the `onCommit` callbacks (waking
 * long polls and the job executor in this process).
 */
import type { EngineDb, EngineQueryable } from '../db.js';
import { EngineError } from '../errors.js';
import { OptimisticLockingError } from './instances.js';

export interface Tx {
  q: EngineQueryable;
  /** Run `fn` after the transaction committed (never if it rolls back or is retried). */
  onCommit(fn: () => void): void;
}

const ATTEMPTS = 10;
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** A lost race (optimistic locking, serialization failure, deadlock): the whole transaction is worth retrying. */
export function retryable(e: unknown): boolean {
  if (e instanceof OptimisticLockingError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function inTransaction<T>(db: EngineDb, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return retrying(async () => {
    const callbacks: (() => void)[] = [];
    const result = await db.tx((q) => fn({ q, onCommit: (cb) => callbacks.push(cb) }));
    for (const cb of callbacks) cb();
    return result;
  });
}

/**
 * One statement is atomic without a transaction around it: `fn` runs a single statement on the
 * pool (autocommit), which saves the BEGIN and COMMIT round trips, retried like a transaction.
 */
export function inStatement<T>(db: EngineDb, fn: (q: EngineQueryable) => Promise<T>): Promise<T> {
  return retrying(() => fn(db));
}

async function retrying<T>(attemptOnce: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (e) {
      if (!retryable(e)) throw e;
      if (attempt >= ATTEMPTS) {
        throw new EngineError('ProcessEngineException', 500, e instanceof Error ? `${e.message} Gave up after ${ATTEMPTS} attempts.` : String(e));
      }
      await pause(Math.random() * 10 * attempt);
    }
  }
}
