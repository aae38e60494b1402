/**
 * The persistence shell around the pure core: load instance + definition, `execute` a command,
 * apply the effects, save the state under its revision, then run the follow-ups on other instances
 * (call activities) — all inside the caller's transaction. Core and expression errors become
 * Camunda's ProcessEngineException with a 4xx status: the call that caused them fails and nothing
 * is written.
 */
import { CoreError, execute, type Command, type InstanceState } from '../core/index.js';
import { EngineError } from '../errors.js';
import { isExpressionError } from '../expressions/index.js';
import { getLatestDefinition } from '../persistence/index.js';
import { applyRun, graphHas, type FollowUp, type InstanceIdentity } from './apply.js';
import { coreContext } from './context.js';
import { loadDefinition, type Definition } from './definitions.js';
import type { ShellEnv } from './env.js';
import { deleteEndedInstance, insertInstance, loadInstance, OptimisticLockingError, saveInstance, type InstanceRow } from './instances.js';
import type { Tx } from './tx.js';
import { WriteBatch } from './rows.js';

export interface StartOptions {
  businessKey?: string | null;
  /** Stored form (TypedValue) by name. */
  variables?: Record<string, unknown>;
  startEventId?: string;
  /** Set when a call activity starts the instance. */
  caller?: { instance: InstanceIdentity; executionId: string; activityInstanceId: string };
}

function run(def: Definition, state: InstanceState | null, command: Command) {
  try {
    return execute(def.graph, state, command, coreContext);
  } catch (e) {
    throw asEngineError(e);
  }
}

/** Core and expression failures as the REST API answers them; anything else unchanged. */
export function asEngineError(e: unknown): unknown {
  if (e instanceof CoreError) {
    const status = e.code === 'unknown-execution' ? 404 : 400;
    return new EngineError('ProcessEngineException', status, e.message);
  }
  if (isExpressionError(e)) return new EngineError('ProcessEngineException', 400, e.message);
  return e;
}

export const identity = (row: InstanceRow): InstanceIdentity => ({
  id: row.id,
  businessKey: row.businessKey,
  rootProcessInstanceId: row.rootProcessInstanceId,
  superProcessInstanceId: row.superProcessInstanceId,
  superExecutionId: row.superExecutionId,
  tenantId: row.tenantId,
});

/** Start an instance of `def`; returns its state after the start (status `completed` if it ran to its end). */
export async function startInstance(tx: Tx, env: ShellEnv, def: Definition, opts: StartOptions = {}): Promise<InstanceState> {
  if (def.record.suspended) {
    throw new EngineError('ProcessEngineException', 400, `Cannot start process instance. Process definition ${def.record.name ?? def.record.key} (id = ${def.record.id}) is suspended`);
  }
  const result = run(def, null, {
    type: 'start',
    definitionId: def.record.id,
    businessKey: opts.businessKey ?? null,
    variables: opts.variables ?? {},
    ...(opts.startEventId ? { startEventId: opts.startEventId } : {}),
  });
  const caller = opts.caller;
  const instance: InstanceIdentity = {
    id: result.state.id,
    businessKey: opts.businessKey ?? null,
    rootProcessInstanceId: caller ? caller.instance.rootProcessInstanceId : result.state.id,
    superProcessInstanceId: caller?.instance.id ?? null,
    superExecutionId: caller?.executionId ?? null,
    tenantId: def.record.tenantId,
  };
  // One statement for the row (only while the instance runs: one that ran to its end leaves
  // history only) and everything the run wrote; the tasks' foreign keys are checked at its end.
  const batch = new WriteBatch();
  if (result.state.status === 'active') {
    insertInstance(batch, {
      ...instance,
      processDefinitionId: def.record.id,
      processDefinitionKey: def.record.key,
      state: result.state,
      ownerActivityInstanceId: caller?.activityInstanceId ?? null,
    });
  }
  const followUps = await applyRun(tx, env, { def, instance, before: null, after: result.state, effects: result.effects }, batch);
  if (caller) {
    batch.write((p) => `update engine.hi_activity_instance set called_process_instance_id = ${p(instance.id)} where id = ${p(caller.activityInstanceId)}`);
  }
  await batch.flush(tx.q);
  await settle(tx, env, instance.id, null, followUps);
  return result.state;
}

export interface CommandOptions {
  /** The task being completed (variable history names it). */
  taskId?: string;
  /** The instance row, when the caller read it already (null: it does not exist). */
  instance?: InstanceRow | null;
}

/** Run `command` on the instance; returns its new state. 404 when the instance does not exist. */
export async function commandInstance(tx: Tx, env: ShellEnv, instanceId: string, command: Command, opts: CommandOptions = {}): Promise<InstanceState> {
  const { instance: preloaded, ...applyOpts } = opts;
  const row = preloaded !== undefined ? preloaded : await loadInstance(tx.q, instanceId);
  if (!row) throw new EngineError('InvalidRequestException', 404, `Process instance with id ${instanceId} does not exist`);
  if (row.suspended) throw new EngineError('ProcessEngineException', 400, `ProcessInstance with id ${instanceId} is suspended.`);
  const def = await loadDefinition(tx.q, row.processDefinitionId);
  const result = run(def, row.state, command);
  // An instance that ended and can have no callees leaves the runtime in the statement that
  // writes its history (with callees it must wait until they are cancelled, see settle): the row
  // is deleted under the revision it was read at, and a concurrent command makes the delete find
  // nothing, which fails the transaction (it is retried). Otherwise the state is saved first: a
  // concurrent command on this instance fails there, before anything else is written.
  const removed = result.state.status !== 'active' && !hasCallActivity(def.graph);
  if (!removed) await saveInstance(tx.q, row.id, row.revision, result.state);
  const batch = new WriteBatch();
  const followUps = await applyRun(
    tx,
    env,
    { def, instance: identity(row), before: row.state, after: result.state, effects: result.effects, instanceRemoved: removed, ...applyOpts },
    batch,
  );
  if (removed) deleteEndedInstance(batch, row.id, row.revision);
  const [deleted] = await batch.flush(tx.q);
  if (removed && deleted !== 1) throw new OptimisticLockingError(row.id);
  await settle(tx, env, row.id, removed ? null : result.state, followUps);
  return result.state;
}

/** Whether the graph has a call activity (its instances can own callees). */
const hasCallActivity = graphHas((n) => n.type === 'callActivity');

/**
 * After a run: callees it cancelled go first (deleted with their history), then an ended instance
 * leaves the runtime, then the other follow-ups. The order matters: the instance row's FK cascade
 * would otherwise remove a callee cancelled in the same run as its caller ended, history left open.
 */
async function settle(tx: Tx, env: ShellEnv, instanceId: string, state: InstanceState | null, followUps: FollowUp[]): Promise<void> {
  await runFollowUps(tx, env, followUps.filter((f) => f.type === 'cancelCalled'));
  if (state && state.status !== 'active') await tx.q.query('delete from engine.process_instance where id = $1', [instanceId]);
  await runFollowUps(tx, env, followUps.filter((f) => f.type !== 'cancelCalled'));
}

/**
 * Delete a running instance (REST delete, a canceled call activity, a cascading deployment
 * delete): open activities and tasks end as canceled/deleted in history, callees go too, and the
 * runtime rows are removed (FK cascade).
 */
export async function deleteInstance(tx: Tx, env: ShellEnv, instanceId: string, opts: { reason?: string | null; internal?: boolean } = {}): Promise<boolean> {
  const callees = await tx.q.query<{ id: string }>('select id from engine.process_instance where super_process_instance_id = $1', [instanceId]);
  for (const callee of callees) await deleteInstance(tx, env, callee.id, { ...opts, internal: true });
  const nowIso = env.now().toISOString();
  const deleted = await tx.q.query('delete from engine.process_instance where id = $1 returning id', [instanceId]);
  if (deleted.length === 0) return false;
  await tx.q.query(`update engine.hi_activity_instance set end_time = $2, canceled = true where process_instance_id = $1 and end_time is null`, [instanceId, nowIso]);
  await tx.q.query(`update engine.hi_task set end_time = $2, delete_reason = $3 where process_instance_id = $1 and end_time is null`, [
    instanceId,
    nowIso,
    opts.reason ?? 'deleted',
  ]);
  await tx.q.query(`update engine.hi_process_instance set end_time = $2, state = $3, delete_reason = $4 where id = $1`, [
    instanceId,
    nowIso,
    opts.internal ? 'INTERNALLY_TERMINATED' : 'EXTERNALLY_TERMINATED',
    opts.reason ?? null,
  ]);
  return true;
}

async function runFollowUps(tx: Tx, env: ShellEnv, followUps: FollowUp[]): Promise<void> {
  for (const f of followUps) {
    switch (f.type) {
      case 'startCalled': {
        const latest = await getLatestDefinition(tx.q, f.definitionKey);
        if (!latest) throw new EngineError('ProcessEngineException', 400, `no processes deployed with key '${f.definitionKey}'`);
        const def = await loadDefinition(tx.q, latest.id);
        await startInstance(tx, env, def, {
          businessKey: f.businessKey,
          variables: f.variables,
          caller: { instance: f.caller, executionId: f.executionId, activityInstanceId: f.activityInstanceId },
        });
        break;
      }
      case 'calledCompleted':
        await commandInstance(tx, env, f.instanceId, { type: 'calledCompleted', executionId: f.executionId, variables: f.variables });
        break;
      case 'propagateError':
        await commandInstance(tx, env, f.instanceId, { type: 'bpmnError', executionId: f.executionId, errorCode: f.errorCode });
        break;
      case 'cancelCalled':
        await deleteInstance(tx, env, f.instanceId, { reason: 'deleted', internal: true });
        break;
    }
  }
}
