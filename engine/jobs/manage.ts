/** Changing a job from outside (Camunda's ManagementService): due date, suspension, priority, its stacktrace. */
import type { EngineQueryable } from '../db.js';
import { JOB_CHANNEL, type ShellEnv, type Tx } from '../shell/index.js';
import { toDate } from './records.js';

/**
 * Move the due date. With `cascade` the later firings of a cycle move along; without, they keep
 * their schedule (the move is remembered as an offset, as Camunda's repeat offset). Null = due now.
 * Returns false when there is no such job.
 */
export async function setJobDueDate(tx: Tx, env: ShellEnv, jobId: string, dueDate: Date | null, cascade: boolean): Promise<boolean> {
  const [job] = await tx.q.query<{ dueDate: Date | string | null; repeat: string | null }>(
    'select due_date as "dueDate", repeat from engine.job where id = $1 for update',
    [jobId],
  );
  if (!job) return false;
  const moved = !cascade && job.repeat && job.dueDate && dueDate ? dueDate.getTime() - toDate(job.dueDate).getTime() : 0;
  await tx.q.query('update engine.job set due_date = $2, repeat_offset = repeat_offset + $3 where id = $1', [jobId, dueDate?.toISOString() ?? null, moved]);
  if (dueDate === null || dueDate <= env.now()) {
    await tx.q.query(`select pg_notify('${JOB_CHANNEL}', '')`);
    tx.onCommit(() => env.signals.job());
  }
  return true;
}

/** Suspend or activate the job; false when there is no such job. */
export async function setJobSuspended(tx: Tx, env: ShellEnv, jobId: string, suspended: boolean): Promise<boolean> {
  const rows = await tx.q.query('update engine.job set suspended = $2 where id = $1 returning id', [jobId, suspended]);
  if (rows.length > 0 && !suspended) tx.onCommit(() => env.signals.job());
  return rows.length > 0;
}

export async function setJobPriority(q: EngineQueryable, jobId: string, priority: number): Promise<boolean> {
  const rows = await q.query('update engine.job set priority = $2 where id = $1 returning id', [jobId, priority]);
  return rows.length > 0;
}

/** The stacktrace of the job's last failure: undefined when there is no such job, null when it never failed. */
export async function getJobStacktrace(q: EngineQueryable, jobId: string): Promise<string | null | undefined> {
  const [row] = await q.query<{ stacktrace: string | null }>('select exception_stacktrace as stacktrace from engine.job where id = $1', [jobId]);
  return row ? row.stacktrace : undefined;
}
