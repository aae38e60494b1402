/**
 * Commands on one external task, as Camunda's ExternalTaskService runs them: complete, failure,
 * BPMN error, lock / extend / unlock, retries and priority. Each locks the task row first (commands
 * on one task serialise with each other and with fetchAndLock's SKIP LOCKED), checks the input, the
 * worker and the suspension in Camunda's order and with its messages, then acts. Completing is the
 * core's `trigger` on the task's execution and a BPMN error its `bpmnError`; the ownership rule then
 * deletes the task row (and its incident). Locks use the database clock (see external-task-queries).
 *
 * Statuses are Camunda's REST statuses: unknown task → 404 and wrong worker → 400 RestException
 * (wrapping the engine exception, code 0); null arguments → 500 NullValueException; out-of-range
 * arguments of failure → 500 ProcessEngineException.
 */
import { EngineError } from '../errors.js';
import type { TypedValue } from '../values.js';
import { commandInstance } from './commands.js';
import type { ShellEnv } from './env.js';
import { EXTERNAL_TASK_CHANNEL } from './signals.js';
import type { Tx } from './tx.js';
import { instanceColumnOf, instanceFromJson } from './instances.js';
import { changeInstanceVariables } from './variables.js';

/** Camunda truncates an external task's error message to this length (its column size). */
const MAX_ERROR_MESSAGE_LENGTH = 666;

interface TaskRow {
  id: string;
  topic: string;
  workerId: string | null;
  retries: number | null;
  suspended: boolean;
  processInstanceId: string;
  processDefinitionId: string;
  executionId: string;
  activityId: string;
  errorMessage: string | null;
  /** The lock has not expired (database clock). */
  lockLive: boolean;
  /** The database clock in ms (Camunda's "expired" message names it). */
  nowMs: string;
  /** Its process instance as `instanceColumnOf` reads it (only when asked for; else null). */
  instance: unknown;
}

const wrapped = (status: number, message: string): EngineError => {
  const e = new EngineError('RestException', status, message);
  e.engineCode = 0;
  return e;
};

/** Camunda's EnsureUtil.ensureNotNull on a command argument (the REST API answers its 500). */
export function ensureNotNull(name: string, value: unknown): void {
  if (value === null || value === undefined) throw new EngineError('NullValueException', 500, `${name} is null`);
}

/** The task row, locked; with its instance when the command goes on to run on it. */
async function lockRow(tx: Tx, id: string, withInstance = false): Promise<TaskRow> {
  const [row] = await tx.q.query<TaskRow>(
    `select id, topic_name as topic, worker_id as "workerId", retries, suspended, process_instance_id as "processInstanceId",
            process_definition_id as "processDefinitionId", execution_id as "executionId", activity_id as "activityId",
            error_message as "errorMessage", coalesce(lock_expiration_time >= now(), false) as "lockLive", (extract(epoch from now()) * 1000)::bigint::text as "nowMs",
            ${withInstance ? instanceColumnOf('et.process_instance_id') : 'null as "instance"'}
       from engine.external_task et where id = $1 for update of et`,
    [id],
  );
  if (!row) throw wrapped(404, `External task with id ${id} does not exist`);
  return row;
}

/** Camunda's worker check: only the worker holding the task may report on it (`what` words the refusal). */
function ensureWorker(row: TaskRow, workerId: string, what: string): void {
  if (row.workerId !== workerId) throw wrapped(400, `${what}'. It is locked by worker '${row.workerId}'.`);
}

function ensureActive(row: TaskRow): void {
  if (row.suspended) throw new EngineError('ProcessEngineException', 500, `ExternalTask with id '${row.id}' is suspended.`);
}

/** Tell long polls here (after commit) and in other processes (NOTIFY, delivered on commit) that `topic` may have work. */
function announce(tx: Tx, env: ShellEnv, topic: string): Promise<unknown> {
  tx.onCommit(() => env.signals.externalTask(topic));
  return tx.q.query(`select pg_notify('${EXTERNAL_TASK_CHANNEL}', $1)`, [topic]);
}

export interface ExternalTaskVariables {
  variables?: Record<string, TypedValue>;
  localVariables?: Record<string, TypedValue>;
}

const hasEntries = (o: object | undefined): boolean => o !== undefined && Object.keys(o).length > 0;

async function setVariables(tx: Tx, env: ShellEnv, row: TaskRow, vars: ExternalTaskVariables, global: boolean): Promise<void> {
  const { executionId, processInstanceId } = row;
  if (global && hasEntries(vars.variables)) {
    await changeInstanceVariables(tx, env, processInstanceId, { executionId, set: vars.variables });
  }
  if (hasEntries(vars.localVariables)) {
    await changeInstanceVariables(tx, env, processInstanceId, { executionId, set: vars.localVariables, local: true });
  }
}

/** Complete: local variables on the task's execution, then the token moves on with `variables`. */
export async function completeExternalTask(tx: Tx, env: ShellEnv, id: string, workerId: string, vars: ExternalTaskVariables): Promise<void> {
  ensureNotNull('workerId', workerId);
  const row = await lockRow(tx, id, true);
  ensureWorker(row, workerId, `External Task ${id} cannot be completed by worker '${workerId}`);
  ensureActive(row);
  await setVariables(tx, env, row, { localVariables: vars.localVariables }, false);
  // Local variables change the instance (and its revision): then it is read again.
  const instance = hasEntries(vars.localVariables) ? {} : { instance: instanceFromJson(row.instance) };
  await commandInstance(tx, env, row.processInstanceId, { type: 'trigger', executionId: row.executionId, variables: vars.variables ?? {} }, instance);
}

export interface FailureReport extends ExternalTaskVariables {
  workerId: string;
  errorMessage?: string | null;
  errorDetails?: string | null;
  retries: number;
  /** ms until the task may be fetched again. */
  retryTimeout: number;
}

/**
 * A worker's failure: the error is kept, retries set, and the task locked for `retryTimeout`. The
 * retries running out raises a `failedExternalTask` incident; the task is no longer fetchable until
 * retries are given back (setExternalTaskRetries).
 */
export async function failExternalTask(tx: Tx, env: ShellEnv, id: string, report: FailureReport): Promise<void> {
  ensureNotNull('workerId', report.workerId);
  if (report.retries < 0) throw new EngineError('ProcessEngineException', 500, 'retries is not greater than or equal to 0');
  if (report.retryTimeout < 0) throw new EngineError('ProcessEngineException', 500, 'retryDuration is not greater than or equal to 0');
  const row = await lockRow(tx, id);
  ensureWorker(row, report.workerId, `Failure of External Task ${id} cannot be reported by worker '${report.workerId}`);
  ensureActive(row);
  await setVariables(tx, env, row, report, true);
  const message = report.errorMessage == null ? null : report.errorMessage.slice(0, MAX_ERROR_MESSAGE_LENGTH);
  await tx.q.query(
    `update engine.external_task set error_message = $2, error_details = coalesce($3, error_details),
       lock_expiration_time = now() + $4 * interval '1 millisecond' where id = $1`,
    [id, message, report.errorDetails ?? null, report.retryTimeout],
  );
  await setRetries(tx, env, { ...row, errorMessage: message }, report.retries);
}

/** A BPMN error: the nearest matching error boundary event or event subprocess takes over (the core's `bpmnError`). */
export async function bpmnErrorExternalTask(
  tx: Tx,
  env: ShellEnv,
  id: string,
  report: { workerId: string; errorCode: string; errorMessage?: string | null; variables?: Record<string, TypedValue> },
): Promise<void> {
  ensureNotNull('workerId', report.workerId);
  ensureNotNull('errorCode', report.errorCode);
  const row = await lockRow(tx, id, true);
  ensureWorker(row, report.workerId, `Bpmn error of External Task ${id} cannot be reported by worker '${report.workerId}`);
  ensureActive(row);
  await commandInstance(
    tx,
    env,
    row.processInstanceId,
    {
      type: 'bpmnError',
      executionId: row.executionId,
      errorCode: report.errorCode,
      ...(report.errorMessage != null ? { errorMessage: report.errorMessage } : {}),
      variables: report.variables ?? {},
    },
    { instance: instanceFromJson(row.instance) },
  );
}

/** Lock a task for `workerId` (POST …/lock): refused while another worker's lock holds. */
export async function lockExternalTask(tx: Tx, id: string, workerId: string, lockDuration: number): Promise<void> {
  ensureNotNull('workerId', workerId);
  if (!(lockDuration > 0)) throw wrapped(400, 'lockDuration is not greater than 0');
  const row = await lockRow(tx, id);
  if (row.workerId !== null && row.workerId !== workerId && row.lockLive) {
    ensureWorker(row, workerId, `External Task ${id} cannot be locked by worker '${workerId}`);
  }
  await tx.q.query(`update engine.external_task set worker_id = $2, lock_expiration_time = now() + $3 * interval '1 millisecond' where id = $1`, [
    id,
    workerId,
    lockDuration,
  ]);
}

/** Extend the lock of the worker holding it to now + `newDuration`; an expired lock cannot be extended. */
export async function extendExternalTaskLock(tx: Tx, id: string, workerId: string, newDuration: number): Promise<void> {
  if (!(newDuration > 0)) throw wrapped(400, 'lockTime is not greater than 0');
  ensureNotNull('workerId', workerId);
  const row = await lockRow(tx, id);
  // Camunda's message has the doubled quote too.
  ensureWorker(row, workerId, `The lock of the External Task ${id} cannot be extended by worker '${workerId}'`);
  ensureActive(row);
  if (!row.lockLive) throw wrapped(400, `Cannot extend a lock that expired: lockExpirationTime is not greater than or equal to ${row.nowMs}`);
  await tx.q.query(`update engine.external_task set lock_expiration_time = now() + $2 * interval '1 millisecond' where id = $1`, [id, newDuration]);
}

/** Unlock: no worker, no lock; fetchable at once. */
export async function unlockExternalTask(tx: Tx, env: ShellEnv, id: string): Promise<void> {
  const row = await lockRow(tx, id);
  await tx.q.query('update engine.external_task set worker_id = null, lock_expiration_time = null where id = $1', [id]);
  await announce(tx, env, row.topic);
}

/** Retries as an operator sets them (PUT …/retries): 0 raises the incident, more than 0 resolves it. */
export async function setExternalTaskRetries(tx: Tx, env: ShellEnv, id: string, retries: number): Promise<void> {
  if (retries < 0) throw new EngineError('BadUserRequestException', 400, 'The number of retries cannot be negative: retries is not greater than or equal to 0');
  await setRetries(tx, env, await lockRow(tx, id), retries);
}

/** Camunda's setRetriesAndManageIncidents: running out raises an incident, getting retries back removes it. */
async function setRetries(tx: Tx, env: ShellEnv, row: TaskRow, retries: number): Promise<void> {
  const hadRetries = row.retries === null || row.retries > 0;
  await tx.q.query('update engine.external_task set retries = $2 where id = $1', [row.id, retries]);
  if (hadRetries && retries <= 0) {
    await tx.q.query(
      `insert into engine.incident (id, incident_type, incident_timestamp, incident_message, process_instance_id, process_definition_id,
         execution_id, activity_id, configuration)
       values ($1, 'failedExternalTask', $2, $3, $4, $5, $6, $7, $8)`,
      [env.newId(), env.now().toISOString(), row.errorMessage, row.processInstanceId, row.processDefinitionId, row.executionId, row.activityId, row.id],
    );
  } else if (!hadRetries && retries > 0) {
    await tx.q.query(`delete from engine.incident where incident_type = 'failedExternalTask' and configuration = $1`, [row.id]);
  }
  if (retries > 0) await announce(tx, env, row.topic);
}

export async function setExternalTaskPriority(tx: Tx, id: string, priority: number): Promise<void> {
  await lockRow(tx, id);
  await tx.q.query('update engine.external_task set priority = $2 where id = $1', [id, priority]);
}
