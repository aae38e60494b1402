/**
 * In-process wake-ups after commit: a new external task wakes long-polling fetchAndLock requests,
 * a new due job wakes the job executor. Other processes learn the same through PostgreSQL
 * LISTEN/NOTIFY (`EXTERNAL_TASK_CHANNEL`, `JOB_CHANNEL`), sent in the creating transaction.
 */
import { EventEmitter } from 'node:events';

export const EXTERNAL_TASK_CHANNEL = 'engine_external_task';
export const JOB_CHANNEL = 'engine_job';
/** A user task was created (payload: its id) — for inboxes; the engine itself does not listen. */
export const USER_TASK_CHANNEL = 'engine_user_task';

export interface Signals {
  /** An external task of `topic` became fetchable. */
  externalTask(topic: string): void;
  onExternalTask(fn: (topic: string) => void): () => void;
  /** A job became due (async continuation, or a timer due now). */
  job(): void;
  onJob(fn: () => void): () => void;
}

export function createSignals(): Signals {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open long poll
  const on = (event: string, fn: (topic: string) => void) => {
    emitter.on(event, fn);
    return () => void emitter.off(event, fn);
  };
  return {
    externalTask: (topic) => void emitter.emit('externalTask', topic),
    onExternalTask: (fn) => on('externalTask', fn),
    job: () => void emitter.emit('job'),
    onJob: (fn) => on('job', fn),
  };
}
