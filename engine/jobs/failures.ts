/**
 * A failed job, as Camunda's default retry strategy treats it: each failure costs one retry and
 * stores the exception; with retries left the job runs again after a short delay (Camunda retries at
 * once — the pause keeps a broken job from spinning), at 0 retries it gets a `failedJob` incident.
 * Setting retries back above 0 resolves that incident; setting them to 0 raises one.
 */
import { EngineError } from '../errors.js';
import { isExpressionError } from '../expressions/index.js';
import { JOB_CHANNEL, type ShellEnv, type Tx } from '../shell/index.js';
import type { JobRecord } from './records.js';

/** Camunda's EXCEPTION_MSG_ column holds 4,000 characters. */
const MAX_MESSAGE = 4000;

export interface JobFailure {
  message: string;
  /** Retries left after this failure. */
  retries: number;
  /** The engine refused the work (Camunda: a ProcessEngineException), rather than an unexpected error. */
  engineException: boolean;
}

export function failureMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE) : message;
}

const stacktrace = (e: unknown): string => (e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));

/** Record `e` on the locked job: one retry less, the exception, and at 0 retries an incident. */
export async function recordFailure(tx: Tx, env: ShellEnv, job: JobRecord, e: unknown, retryDelayMs: number): Promise<JobFailure> {
  const message = failureMessage(e);
  const retryAt = new Date(env.now().getTime() + retryDelayMs);
  const [row] = await tx.q.query<{ retries: number }>(
    `update engine.job set retries = greatest(retries - 1, 0), exception_message = $2, exception_stacktrace = $3,
       failed_activity_id = activity_id, due_date = case when retries > 1 then $4::timestamptz else due_date end
     where id = $1 returning retries`,
    [job.id, message, stacktrace(e), retryAt.toISOString()],
  );
  const retries = row?.retries ?? 0;
  if (row && retries === 0) await raiseIncident(tx, env, job.id);
  return { message, retries, engineException: e instanceof EngineError || isExpressionError(e) };
}

/** A `failedJob` incident for the job (one at most), with the job's exception as its message. */
async function raiseIncident(tx: Tx, env: ShellEnv, jobId: string): Promise<void> {
  await tx.q.query(
    `insert into engine.incident (id, incident_type, incident_timestamp, incident_message, process_instance_id, process_definition_id,
       execution_id, activity_id, configuration)
     select $2, 'failedJob', $3, j.exception_message, j.process_instance_id, j.process_definition_id,
       coalesce(j.execution_id, j.process_instance_id), coalesce(j.failed_activity_id, j.activity_id), j.id
       from engine.job j
      where j.id = $1 and not exists (select 1 from engine.incident i where i.configuration = j.id and i.incident_type = 'failedJob')`,
    [jobId, env.newId(), env.now().toISOString()],
  );
}

/** The job's failedJob incident is resolved: runtime incidents are deleted when resolved, as in Camunda. */
export async function resolveIncident(tx: Tx, jobId: string): Promise<void> {
  await tx.q.query(`delete from engine.incident where configuration = $1 and incident_type = 'failedJob'`, [jobId]);
}

/**
 * Set a job's retries (and optionally its due date). Returns false when there is no such job.
 * 0 → n resolves the incident and makes the job executable again; n → 0 raises one.
 */
export async function setJobRetries(tx: Tx, env: ShellEnv, jobId: string, retries: number, dueDate?: Date | null): Promise<boolean> {
  const [before] = await tx.q.query<{ retries: number }>('select retries from engine.job where id = $1 for update', [jobId]);
  if (!before) return false;
  await tx.q.query(`update engine.job set retries = $2${dueDate !== undefined ? ', due_date = $3' : ''} where id = $1`, [
    jobId,
    retries,
    ...(dueDate !== undefined ? [dueDate?.toISOString() ?? null] : []),
  ]);
  if (before.retries === 0 && retries > 0) {
    await resolveIncident(tx, jobId);
    await tx.q.query(`select pg_notify('${JOB_CHANNEL}', '')`);
    tx.onCommit(() => env.signals.job());
  } else if (before.retries > 0 && retries === 0) {
    await raiseIncident(tx, env, jobId);
  }
  return true;
}
