/**
 * Applying one core run to the database: the effects become history rows, tasks, external tasks,
 * message subscriptions and jobs; whatever an ended activity instance still owned is deleted (the
 * ownership rule, core/effects.ts); variable changes are diffed into variable history. What must
 * happen on *other* instances (start a called instance, tell a caller its callee completed, cancel
 * callees) is returned as follow-ups, run by commands.ts after this instance is saved.
 */
import type { Effect, InstanceState } from '../core/index.js';
import type { ProcessGraph } from '../model/graph.js';
import type { Definition } from './definitions.js';
import { EXTERNAL_TASK, HI_ACTIVITY, HI_PROCESS, HI_TASK, JOB, SUBSCRIPTION, TASK } from './columns.js';
import type { WriteBatch } from './rows.js';
import { externalPriority, userTaskRow } from './task-attributes.js';
import { EXTERNAL_TASK_CHANNEL, JOB_CHANNEL, USER_TASK_CHANNEL } from './signals.js';
import { scheduleTimer } from './timers.js';
import type { Tx } from './tx.js';
import type { ShellEnv } from './env.js';
import { recordVariableChanges } from './variable-history.js';

/** Who the instance is, as history and runtime rows need it. */
export interface InstanceIdentity {
  id: string;
  businessKey: string | null;
  rootProcessInstanceId: string;
  superProcessInstanceId: string | null;
  superExecutionId: string | null;
  tenantId: string | null;
}

export type FollowUp =
  | { type: 'startCalled'; caller: InstanceIdentity; definitionKey: string; executionId: string; activityInstanceId: string; businessKey: string | null; variables: Record<string, unknown> }
  | { type: 'calledCompleted'; instanceId: string; executionId: string; variables: Record<string, unknown> }
  | { type: 'cancelCalled'; instanceId: string }
  /** A called instance did not catch a BPMN error: its caller's call activity gets it. */
  | { type: 'propagateError'; instanceId: string; executionId: string; errorCode: string };

export interface ApplyInput {
  def: Definition;
  instance: InstanceIdentity;
  before: InstanceState | null;
  after: InstanceState;
  effects: Effect[];
  /** The task whose completion caused the run (variable history rows name it). */
  taskId?: string;
  /** The instance ended and its row is already deleted, with everything it owned (FK cascade). */
  instanceRemoved?: boolean;
}

type Row = Record<string, unknown>;

/**
 * Apply a run; returns the follow-ups for other instances. Writes go into `batch` (flushed by the
 * caller, one statement); only the ownership delete, whose answer is needed, and variable history
 * run at once. The instance row itself is written by the caller.
 */
export async function applyRun(tx: Tx, env: ShellEnv, input: ApplyInput, batch: WriteBatch): Promise<FollowUp[]> {
  const { def, instance, effects } = input;
  const now = env.now();
  const nowIso = now.toISOString();
  const common = { process_definition_id: def.record.id, process_definition_key: def.record.key, process_instance_id: instance.id };

  const started = new Map<string, Row>(); // activity instance id → its new history row
  const endedBefore: { id: string; canceled: boolean; activityId: string }[] = []; // activity instances started by earlier commands
  const ended = new Map<string, boolean>(); // activity instance id → canceled
  const tasks: Row[] = [];
  const externalTasks: Row[] = [];
  const subscriptions: Row[] = [];
  const jobs: Row[] = [];
  const followUps: FollowUp[] = [];
  let instanceEnded = false;
  let lastEnded: string | null = null;
  let startActivityId: string | null = null;
  let propagated: FollowUp | undefined;
  const silenced: { owner: string; nodeIds: string[] }[] = []; // scopes an interrupting event subprocess took over

  for (const effect of effects) {
    switch (effect.type) {
      case 'activityStarted': {
        if (input.before === null && startActivityId === null) startActivityId = effect.activityId;
        const interrupted = interruptedEventStarts(def.graph, effect.activityId);
        if (interrupted) silenced.push({ owner: effect.parentActivityInstanceId, nodeIds: interrupted });
        started.set(effect.activityInstanceId, {
          ...common,
          id: effect.activityInstanceId,
          parent_activity_instance_id: effect.parentActivityInstanceId,
          activity_id: effect.activityId,
          activity_name: effect.activityName ?? null,
          activity_type: effect.activityType,
          root_process_instance_id: instance.rootProcessInstanceId,
          execution_id: effect.executionId,
          start_time: nowIso,
          canceled: false,
          tenant_id: instance.tenantId,
        });
        break;
      }
      case 'activityEnded': {
        ended.set(effect.activityInstanceId, effect.canceled);
        lastEnded = effect.activityId;
        const row = started.get(effect.activityInstanceId);
        if (row) Object.assign(row, { end_time: nowIso, canceled: effect.canceled });
        else endedBefore.push({ id: effect.activityInstanceId, canceled: effect.canceled, activityId: effect.activityId });
        break;
      }
      case 'userTaskCreated': {
        const task = userTaskRow(effect, now);
        const id = env.newId();
        tasks.push({
          ...common,
          id,
          execution_id: effect.executionId,
          activity_instance_id: effect.activityInstanceId,
          task_definition_key: effect.activityId,
          name: effect.name ?? null,
          tenant_id: instance.tenantId,
          create_time: nowIso,
          ...task,
        });
        const row = started.get(effect.activityInstanceId);
        if (row) Object.assign(row, { task_id: id, assignee: task.assignee });
        break;
      }
      case 'externalTaskCreated':
        externalTasks.push({
          ...common,
          id: env.newId(),
          execution_id: effect.executionId,
          activity_id: effect.activityId,
          activity_instance_id: effect.activityInstanceId,
          topic_name: effect.topic,
          priority: externalPriority(effect.priority, effect.activityId),
          business_key: instance.businessKey,
          tenant_id: instance.tenantId,
          create_time: nowIso,
        });
        break;
      case 'messageSubscribed':
        subscriptions.push({
          id: env.newId(),
          event_type: 'message',
          event_name: effect.messageName,
          process_instance_id: instance.id,
          execution_id: effect.executionId,
          owner_activity_instance_id: effect.ownerActivityInstanceId,
          node_id: effect.nodeId,
          create_time: nowIso,
        });
        break;
      case 'timerScheduled': {
        const timer = scheduleTimer(effect.timer, now);
        jobs.push({
          ...common,
          id: env.newId(),
          type: 'timer',
          execution_id: effect.executionId,
          owner_activity_instance_id: effect.ownerActivityInstanceId,
          node_id: effect.nodeId,
          activity_id: effect.nodeId,
          due_date: timer.due.toISOString(),
          repeat: timer.repeat,
          exclusive: true,
          create_time: nowIso,
        });
        break;
      }
      case 'asyncScheduled':
        jobs.push({
          ...common,
          id: env.newId(),
          type: 'async',
          execution_id: effect.executionId,
          owner_activity_instance_id: null,
          node_id: effect.activityId,
          activity_id: effect.activityId,
          due_date: null, // due at once
          repeat: null,
          exclusive: effect.exclusive,
          create_time: nowIso,
        });
        break;
      case 'callActivityStarted':
        followUps.push({
          type: 'startCalled',
          caller: instance,
          definitionKey: effect.calledElement,
          executionId: effect.executionId,
          activityInstanceId: effect.activityInstanceId,
          businessKey: effect.businessKey,
          variables: effect.variables,
        });
        break;
      case 'instanceEnded':
        instanceEnded = true;
        break;
      case 'errorUnhandled':
        if (instance.superProcessInstanceId && instance.superExecutionId && effect.errorCode !== null) {
          propagated = { type: 'propagateError', instanceId: instance.superProcessInstanceId, executionId: instance.superExecutionId, errorCode: effect.errorCode };
          followUps.push(propagated);
          break;
        }
        env.log?.(`BPMN error '${effect.errorCode ?? ''}' thrown at '${effect.activityId}' of process instance ${instance.id} was not caught; the execution ended.`, undefined);
        break;
      case 'waitCancelled':
        break; // covered by the subscriptions and the ownership rule
    }
  }

  if (input.before === null) insertProcessHistory(batch, input, startActivityId, instanceEnded ? { at: nowIso, activityId: lastEnded } : null, nowIso);
  else if (instanceEnded) {
    batch.write((p) => `update engine.hi_process_instance set end_time = ${p(nowIso)}, end_activity_id = ${p(lastEnded)}, state = 'COMPLETED' where id = ${p(instance.id)}`);
  }
  batch.insert('engine.hi_activity_instance', HI_ACTIVITY, [...started.values()]);
  if (endedBefore.length > 0) {
    // `id = any(array)`, not a join with jsonb_to_recordset: the planner guesses 100 rows for the
    // function and hash-joins a sequential scan of the whole history table, on every command.
    const ids = endedBefore.map((e) => e.id);
    const canceled = endedBefore.filter((e) => e.canceled).map((e) => e.id);
    batch.write(
      (p) => `update engine.hi_activity_instance set end_time = ${p(nowIso)}::timestamptz, canceled = id = any(${p(canceled)}::text[])
         where id = any(${p(ids)}::text[])`,
    );
  }
  const gone = Object.keys(input.before?.executions ?? {}).filter((id) => !input.after.executions[id]);
  // Rows this run created are filtered below; rows of earlier commands can only be owned by
  // activity instances that started earlier and by elements that own anything at all (a start
  // event or a gateway owns nothing), and async jobs only by tokens of a graph with async steps.
  // An ended instance's own rows go with its row (FK cascade).
  const owners = endedBefore.filter((e) => canOwn(def.graph, e.activityId)).map((e) => e.id);
  const goneWithJobs = hasAsync(def.graph) ? gone : [];
  if (input.instanceRemoved) {
    // The runtime rows went with the instance's row; only the history of its open tasks is left to end.
    if (owners.length > 0) {
      const canceled = owners.filter((o) => ended.get(o));
      batch.write(
        (p) => `update engine.hi_task set end_time = ${p(nowIso)}::timestamptz,
                  delete_reason = case when activity_instance_id = any(${p(canceled)}::text[]) then 'deleted' else 'completed' end
                 where process_instance_id = ${p(instance.id)} and end_time is null and activity_instance_id = any(${p(owners)}::text[])`,
      );
    }
  } else if (owners.length > 0 || goneWithJobs.length > 0) followUps.push(...(await removeOwned(tx, instance.id, owners, ended, goneWithJobs, nowIso)));

  // The ownership rule also covers rows this very run created: an activity instance that ended in
  // it (cancelled by an error, a terminate end event or an interrupting event of the same call)
  // owns nothing any more, so its rows are never written — its task only enters the history, ended.
  // An instance that ended writes no runtime rows at all (its own row is gone).
  const owned = (owner: unknown) => instanceEnded || (typeof owner === 'string' && ended.has(owner));
  const endOf = (t: Row) => (owned(t.activity_instance_id) ? { end_time: nowIso, delete_reason: ended.get(t.activity_instance_id as string) ? 'deleted' : 'completed' } : {});
  const liveTasks = tasks.filter((t) => !owned(t.activity_instance_id));
  batch.insert('engine.task', TASK, liveTasks);
  // Inboxes hear of new user tasks (the runtime's task stream LISTENs on the channel).
  batch.notify(USER_TASK_CHANNEL, liveTasks.map((t) => t.id as string));
  batch.insert(
    'engine.hi_task',
    HI_TASK,
    tasks.map((t) => ({ ...t, root_process_instance_id: instance.rootProcessInstanceId, start_time: t.create_time, ...endOf(t) })),
  );
  const liveExternalTasks = externalTasks.filter((t) => !owned(t.activity_instance_id));
  batch.insert('engine.external_task', EXTERNAL_TASK, liveExternalTasks);
  const isSilenced = (row: Row) => silenced.some((x) => x.owner === row.owner_activity_instance_id && x.nodeIds.includes(row.node_id as string));
  for (const { owner, nodeIds } of silenced) {
    for (const table of ['engine.event_subscription', 'engine.job']) {
      batch.write((p) => `delete from ${table} where process_instance_id = ${p(instance.id)} and owner_activity_instance_id = ${p(owner)} and node_id = any(${p(nodeIds)}::text[])`);
    }
  }
  batch.insert('engine.event_subscription', SUBSCRIPTION, subscriptions.filter((s) => !owned(s.owner_activity_instance_id) && !isSilenced(s)));
  const tokens = input.after.executions;
  const liveJobs = jobs.filter((j) => !owned(j.owner_activity_instance_id ?? null) && !isSilenced(j) && (j.type !== 'async' || tokens[j.execution_id as string] !== undefined));
  batch.insert('engine.job', JOB, liveJobs);
  await recordVariableChanges(tx, env, input, nowIso, batch);

  const topics = [...new Set(liveExternalTasks.map((t) => t.topic_name as string))];
  if (topics.length > 0) {
    batch.notify(EXTERNAL_TASK_CHANNEL, topics);
    tx.onCommit(() => topics.forEach((t) => env.signals.externalTask(t)));
  }
  if (liveJobs.some((j) => j.due_date === null || (j.due_date as string) <= nowIso)) {
    batch.notify(JOB_CHANNEL, ['']);
    tx.onCommit(() => env.signals.job());
  }

  if (instanceEnded && instance.superProcessInstanceId && instance.superExecutionId && !propagated) {
    followUps.push({ type: 'calledCompleted', instanceId: instance.superProcessInstanceId, executionId: instance.superExecutionId, variables: input.after.variables });
  }
  return followUps;
}

function insertProcessHistory(batch: WriteBatch, input: ApplyInput, startActivityId: string | null, end: { at: string; activityId: string | null } | null, nowIso: string): void {
  const { def, instance } = input;
  batch.insert('engine.hi_process_instance', HI_PROCESS, [
    {
      id: instance.id,
      business_key: instance.businessKey,
      process_definition_id: def.record.id,
      process_definition_key: def.record.key,
      process_definition_name: def.record.name,
      process_definition_version: def.record.version,
      start_time: nowIso,
      start_activity_id: startActivityId,
      super_process_instance_id: instance.superProcessInstanceId,
      root_process_instance_id: instance.rootProcessInstanceId,
      state: end ? 'COMPLETED' : 'ACTIVE',
      end_time: end?.at ?? null,
      end_activity_id: end?.activityId ?? null,
      tenant_id: instance.tenantId,
    },
  ]);
}

/**
 * The ownership rule: delete the tasks, external tasks (and their incidents), jobs and message
 * subscriptions that ended activity instances owned, and the async jobs of executions that are
 * gone — in one round trip. Callees of canceled call activities are returned to be cancelled.
 */
async function removeOwned(tx: Tx, instanceId: string, owners: string[], ended: Map<string, boolean>, gone: string[], nowIso: string): Promise<FollowUp[]> {
  const rows = await tx.q.query<{ kind: string; id: string; owner: string }>(
    `with t as (delete from engine.task where activity_instance_id = any($1::text[]) returning id, activity_instance_id),
          e as (delete from engine.external_task where activity_instance_id = any($1::text[]) returning id),
          j as (delete from engine.job where process_instance_id = $3 and (owner_activity_instance_id = any($1::text[]) or execution_id = any($2::text[])) returning id),
          s as (delete from engine.event_subscription where process_instance_id = $3 and owner_activity_instance_id = any($1::text[]) returning id),
          i as (delete from engine.incident where process_instance_id = $3 and configuration in (select id from e union all select id from j) returning id)
     select 'task' as kind, id, activity_instance_id as owner from t
     union all
     select 'called', id, owner_activity_instance_id from engine.process_instance
      where super_process_instance_id = $3 and owner_activity_instance_id = any($1::text[])`,
    [owners, gone, instanceId],
  );
  const endedTasks = rows.filter((r) => r.kind === 'task').map((r) => ({ id: r.id, reason: ended.get(r.owner) ? 'deleted' : 'completed' }));
  await endHistoricTasks(tx, endedTasks, nowIso);
  return rows.filter((r) => r.kind === 'called').map((r) => ({ type: 'cancelCalled' as const, instanceId: r.id }));
}

/**
 * When an interrupting event subprocess starts, its scope answers no other event subprocess start
 * any more (Camunda removes their subscriptions and timers): the start event ids to silence, or
 * null when `activityId` is no interrupting event subprocess.
 */
function interruptedEventStarts(graph: ProcessGraph, activityId: string): string[] | null {
  const node = graph.nodes[activityId];
  if (!node?.eventSubProcess) return null;
  const startOf = (sub: string) => Object.values(graph.nodes).find((n) => n.parent === sub && n.type === 'startEvent');
  if (startOf(node.id)?.interrupting === false) return null;
  return Object.values(graph.nodes)
    .filter((n) => n.eventSubProcess && n.parent === node.parent)
    .flatMap((n) => startOf(n.id)?.id ?? []);
}

/** Whether an activity of this node can own tasks, external tasks, subscriptions, timer jobs or callees (unknown ids, e.g. a multi-instance body: yes). */
function canOwn(graph: ProcessGraph, activityId: string): boolean {
  const node = graph.nodes[activityId];
  return !node || node.boundaries.length > 0 || node.external !== undefined || OWNING_TYPES.has(node.type);
}
const OWNING_TYPES = new Set(['userTask', 'receiveTask', 'intermediateCatchEvent', 'eventBasedGateway', 'callActivity', 'subProcess']);

/**
 * A question about a graph's nodes, answered once per deployed graph (graphs are cached and never
 * change): `graphHas(test)(graph)` is whether some node passes `test`.
 */
export function graphHas(test: (node: ProcessGraph['nodes'][string]) => boolean): (graph: ProcessGraph) => boolean {
  const known = new WeakMap<ProcessGraph, boolean>();
  return (graph) => {
    let answer = known.get(graph);
    if (answer === undefined) known.set(graph, (answer = Object.values(graph.nodes).some(test)));
    return answer;
  };
}

const hasAsync = graphHas((n) => Boolean(n.asyncBefore || n.asyncAfter));

/** Ends the history of tasks whose activity instance ended: `deleted` when cancelled, else `completed`. */
async function endHistoricTasks(tx: Tx, endedTasks: { id: string; reason: string }[], nowIso: string): Promise<void> {
  if (endedTasks.length === 0) return;
  // `id = any(array)` keeps this an index lookup (see the activity history update above).
  await tx.q.query(
    `update engine.hi_task set end_time = $3::timestamptz, delete_reason = case when id = any($2::text[]) then 'deleted' else 'completed' end
      where id = any($1::text[])`,
    [endedTasks.map((t) => t.id), endedTasks.filter((t) => t.reason === 'deleted').map((t) => t.id), nowIso],
  );
}
