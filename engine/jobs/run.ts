/**
 * Executing one job, in one transaction that holds the job's row lock from acquisition to commit:
 * several executors (in this process or others on the same database) never run a job twice, and a
 * crashed executor's job simply becomes acquirable again when its transaction dies.
 *
 * The job's work runs behind a savepoint: when it fails, its writes are rolled back, the failure is
 * recorded on the still-locked job (retries, exception, incident) and that is committed. A lost race
 * (optimistic locking on the instance, deadlock) retries the whole transaction instead.
 */
import type { EngineDb, EngineQueryable } from '../db.js';
import { EngineError } from '../errors.js';
import { anchorCycle, commandInstance, cycleDateAfter, inTransaction, loadDefinition, retryable, startInstance, type ShellEnv, type Tx } from '../shell/index.js';
import { recordFailure, resolveIncident, type JobFailure } from './failures.js';
import { JOB_COLUMNS, JOB_FROM, toDate, type JobRecord, type JobType } from './records.js';

export interface RunOptions {
  /** Pause before a failed job with retries left runs again. */
  retryDelayMs: number;
}

export interface JobOutcome {
  job: JobRecord;
  /** Null when the job succeeded. */
  failure: JobFailure | null;
}

function instanceOf(job: JobRecord): string {
  if (!job.processInstanceId) throw new EngineError('ProcessEngineException', 500, `The ${job.type} job ${job.id} belongs to no process instance.`);
  return job.processInstanceId;
}

/** What each kind of job does (one line each; a new kind of job is one entry). */
const HANDLERS: Record<JobType, (tx: Tx, env: ShellEnv, job: JobRecord) => Promise<unknown>> = {
  timer: (tx, env, job) => commandInstance(tx, env, instanceOf(job), { type: 'event', executionId: job.executionId, nodeId: job.nodeId }),
  async: (tx, env, job) => commandInstance(tx, env, instanceOf(job), { type: 'continue', executionId: job.executionId ?? instanceOf(job) }),
  'timer-start': async (tx, env, job) => startInstance(tx, env, await loadDefinition(tx.q, job.processDefinitionId), { startEventId: job.nodeId }),
};

/**
 * A cycle's next firing: the first date of its fixed schedule after now — firings missed while
 * nothing ran are skipped, and a job executed early gets the same date again (Camunda's rule).
 */
function nextFiring(job: JobRecord, now: Date): { due: Date; repeat: string } | null {
  if (!job.repeat) return null;
  // Jobs written before schedules were anchored carry `R<left>/<period>`: anchor at their due date.
  const schedule = anchorCycle(job.repeat, toDate(job.dueDate ?? now));
  // A due date moved without cascade (repeatOffset) shifts the rest of the schedule with it.
  const next = cycleDateAfter(schedule, new Date(now.getTime() - job.repeatOffset));
  return next && { due: new Date(next.getTime() + job.repeatOffset), repeat: schedule };
}

/**
 * The job is done: it goes, with its incident. A cycle whose owner still exists (the ownership rule
 * did not delete the job while the command ran) gets its next firing as a new job, as in Camunda.
 */
async function finish(tx: Tx, env: ShellEnv, job: JobRecord): Promise<void> {
  const next = nextFiring(job, env.now());
  if (next) {
    await tx.q.query(
      `insert into engine.job (id, type, process_instance_id, process_definition_id, process_definition_key, execution_id,
         owner_activity_instance_id, node_id, activity_id, due_date, repeat, repeat_offset, priority, exclusive, suspended, create_time)
       select $2, type, process_instance_id, process_definition_id, process_definition_key, execution_id,
         owner_activity_instance_id, node_id, activity_id, $3, $4, repeat_offset, priority, exclusive, suspended, $5
         from engine.job where id = $1`,
      [job.id, env.newId(), next.due.toISOString(), next.repeat, env.now().toISOString()],
    );
  }
  await tx.q.query('delete from engine.job where id = $1', [job.id]);
  await resolveIncident(tx, job.id);
}

async function runLocked(tx: Tx, env: ShellEnv, job: JobRecord, opts: RunOptions): Promise<JobOutcome> {
  await tx.q.query('savepoint job_run');
  try {
    await HANDLERS[job.type](tx, env, job);
    await finish(tx, env, job);
    await tx.q.query('release savepoint job_run');
    return { job, failure: null };
  } catch (e) {
    if (retryable(e)) throw e;
    await tx.q.query('rollback to savepoint job_run');
    return { job, failure: await recordFailure(tx, env, job, e, opts.retryDelayMs) };
  }
}

/** Acquire one due job no one else holds and run it; null when there is none. */
export async function executeNextJob(db: EngineDb, env: ShellEnv, opts: RunOptions): Promise<JobOutcome | null> {
  return inTransaction(db, async (tx) => {
    const [job] = await tx.q.query<JobRecord>(
      `select ${JOB_COLUMNS} from ${JOB_FROM}
        where j.retries > 0 and not j.suspended and (j.due_date is null or j.due_date <= $1)
          and (j.lock_expiration_time is null or j.lock_expiration_time < $1)
        order by j.due_date nulls first
        limit 1 for update of j skip locked`,
      [env.now().toISOString()],
    );
    return job ? runLocked(tx, env, job, opts) : null;
  });
}

/**
 * Run the job now, whatever its due date, retries or suspension (ManagementService.executeJob).
 * Waits while an executor holds it; 404 when it does not exist (or was just executed).
 */
export async function executeJob(db: EngineDb, env: ShellEnv, id: string, opts: RunOptions): Promise<JobOutcome> {
  return inTransaction(db, async (tx) => {
    const [job] = await tx.q.query<JobRecord>(`select ${JOB_COLUMNS} from ${JOB_FROM} where j.id = $1 for update of j`, [id]);
    if (!job) throw new EngineError('InvalidRequestException', 404, `No job found with id '${id}'`);
    return runLocked(tx, env, job, opts);
  });
}

/** The earliest future due date of an acquirable job (the executor sleeps until then at most). */
export async function nextDueDate(q: EngineQueryable, now: Date): Promise<Date | null> {
  const [row] = await q.query<{ due: Date | string | null }>(
    'select min(due_date) as due from engine.job where retries > 0 and not suspended and due_date > $1',
    [now.toISOString()],
  );
  return row?.due ? toDate(row.due) : null;
}
