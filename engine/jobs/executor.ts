/**
 * The job executor: N workers in this process, each acquiring and running one due job at a time
 * (run.ts: one transaction per job, `FOR UPDATE SKIP LOCKED`, so any number of executors may share a
 * database). A worker with nothing to do sleeps until the poll interval or the earliest due date,
 * whichever comes first, and wakes at once when this process creates a due job (`signals.onJob`).
 * Jobs created by other processes are found by polling.
 */
import type { EngineDb } from '../db.js';
import type { ShellEnv } from '../shell/index.js';
import { executeNextJob, nextDueDate, type JobOutcome } from './run.js';

export interface JobExecutorOptions {
  /** Concurrent workers in this process (default 3). */
  workers?: number;
  /** Longest sleep when idle, ms (default 1,000). */
  pollIntervalMs?: number;
  /** Pause before a failed job with retries left runs again, ms (default 1,000). */
  retryDelayMs?: number;
}

export interface JobExecutor {
  /** Stop acquiring; resolves when the jobs running now have finished. */
  stop(): Promise<void>;
  /** Jobs this executor ran: succeeded and failed (each failed attempt counts). */
  readonly executed: number;
  readonly failed: number;
}

export const JOB_EXECUTOR_DEFAULTS = { workers: 3, pollIntervalMs: 1000, retryDelayMs: 1000 };

export function startJobExecutor(db: EngineDb, env: ShellEnv, options: JobExecutorOptions = {}): JobExecutor {
  const opts = { ...JOB_EXECUTOR_DEFAULTS, ...options };
  let stopped = false;
  let generation = 0; // bumped by every wake-up, so a worker never sleeps through one that came while it looked
  let sleepers: (() => void)[] = [];
  let executed = 0;
  let failed = 0;

  const wakeAll = () => {
    generation++;
    const woken = sleepers;
    sleepers = [];
    for (const wake of woken) wake();
  };
  const unsubscribe = env.signals.onJob(wakeAll);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        sleepers = sleepers.filter((s) => s !== done);
        resolve();
      }, ms);
      sleepers.push(done);
    });

  const count = (outcome: JobOutcome) => {
    executed++;
    if (outcome.failure) failed++;
  };

  /** How long to sleep: until the earliest due date, at most the poll interval. */
  async function idleMs(): Promise<number> {
    const now = env.now();
    const due = await nextDueDate(db, now);
    return due ? Math.max(0, Math.min(opts.pollIntervalMs, due.getTime() - now.getTime())) : opts.pollIntervalMs;
  }

  async function work(): Promise<void> {
    while (!stopped) {
      const seen = generation;
      try {
        const outcome = await executeNextJob(db, env, opts);
        if (outcome) {
          count(outcome);
          continue;
        }
        if (generation === seen && !stopped) await sleep(await idleMs());
      } catch (e) {
        env.log?.('job executor: acquiring or running a job failed', e);
        if (!stopped) await sleep(opts.pollIntervalMs);
      }
    }
  }

  const workers = Array.from({ length: Math.max(1, opts.workers) }, () => work());
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      wakeAll();
      await Promise.all(workers);
    },
    get executed() {
      return executed;
    },
    get failed() {
      return failed;
    },
  };
}
