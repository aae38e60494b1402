/**
 * User task commands as Camunda's TaskService runs them: claim, assign, delegate, resolve, save,
 * identity links, variables and completion. Each locks the task row first (commands on one task
 * serialise), keeps `hi_task` in step with the runtime row, and records a (re)assignment on the
 * task's historic activity instance. Completing is the core's `trigger` on the task's execution;
 * the ownership rule then deletes the task and ends its history ('completed').
 */
import type { InstanceState } from '../core/index.js';
import { EngineError } from '../errors.js';
import { getTask, type TaskRecord } from '../persistence/index.js';
import type { TypedValue } from '../values.js';
import { commandInstance } from './commands.js';
import { instanceColumnOf, instanceFromJson } from './instances.js';
import type { ShellEnv } from './env.js';
import type { Tx } from './tx.js';
import { changeInstanceVariables, type VariableChange } from './variables.js';

/** The columns a task command may change, with their types. */
const FIELDS = {
  name: 'text',
  description: 'text',
  assignee: 'text',
  owner: 'text',
  delegation_state: 'text',
  priority: 'integer',
  due_date: 'timestamptz',
  follow_up_date: 'timestamptz',
  candidate_users: 'text[]',
  candidate_groups: 'text[]',
} as const;
export type TaskChange = Partial<Record<keyof typeof FIELDS, unknown>>;

/** Camunda's ensureNotNull for a task a command names (`message` as the command words it). */
export async function lockTask(tx: Tx, taskId: string, message = `Cannot find task with id ${taskId}`, extraColumns = ''): Promise<TaskRecord> {
  const task = await getTask(tx.q, taskId, true, extraColumns);
  if (!task) throw new EngineError('NullValueException', 500, `${message}: task is null`);
  return task;
}

/** Write `change` to the task and its history; a new assignee is recorded on the activity instance too. */
export async function changeTask(tx: Tx, env: ShellEnv, task: TaskRecord, change: TaskChange): Promise<void> {
  const names = Object.keys(change) as (keyof typeof FIELDS)[];
  const sets = names.map((n, i) => `${n} = $${i + 3}::${FIELDS[n]}`);
  await tx.q.query(`update engine.task set ${[...sets, 'last_updated = $2::timestamptz'].join(', ')} where id = $1`, [
    task.id,
    env.now().toISOString(),
    ...names.map((n) => change[n] ?? null),
  ]);
  await tx.q.query(
    `update engine.hi_task h set name = t.name, description = t.description, owner = t.owner, assignee = t.assignee, priority = t.priority,
       due_date = t.due_date, follow_up_date = t.follow_up_date
       from engine.task t where t.id = $1 and h.id = t.id`,
    [task.id],
  );
  if ('assignee' in change && (change.assignee ?? null) !== task.assignee) {
    await tx.q.query('update engine.hi_activity_instance set assignee = $2 where id = $1', [task.activityInstanceId, change.assignee ?? null]);
  }
}

/** Claim: take an unassigned task (or keep one already ours); null unassigns. */
export async function claimTask(tx: Tx, env: ShellEnv, taskId: string, userId: string | null): Promise<void> {
  const task = await lockTask(tx, taskId);
  if (userId !== null && task.assignee !== null) {
    if (task.assignee === userId) return;
    throw new EngineError('TaskAlreadyClaimedException', 500, `Task '${taskId}' is already claimed by someone else.`);
  }
  await changeTask(tx, env, task, { assignee: userId });
}

export async function setAssignee(tx: Tx, env: ShellEnv, taskId: string, userId: string | null): Promise<void> {
  await changeTask(tx, env, await lockTask(tx, taskId), { assignee: userId });
}

/** Delegate: the assignee becomes the owner (unless there is one), `userId` the assignee, the task PENDING. */
export async function delegateTask(tx: Tx, env: ShellEnv, taskId: string, userId: string | null): Promise<void> {
  const task = await lockTask(tx, taskId);
  await changeTask(tx, env, task, { delegation_state: 'PENDING', owner: task.owner ?? task.assignee, assignee: userId });
}

/** Resolve: variables set from the task, then back to the owner, RESOLVED. */
export async function resolveTask(tx: Tx, env: ShellEnv, taskId: string, variables: Record<string, TypedValue>): Promise<void> {
  const task = await lockTask(tx, taskId);
  if (Object.keys(variables).length > 0) await changeTaskVariables(tx, env, task, { set: variables });
  await changeTask(tx, env, task, { delegation_state: 'RESOLVED', assignee: task.owner });
}

/** Lock a task row and read its instance in the same statement (for a command that runs on the instance next). */
export const lockTaskWithInstance = (tx: Tx, taskId: string): Promise<TaskRecord> => lockTask(tx, taskId, undefined, instanceColumnOf('t.process_instance_id'));

/**
 * Complete: the core continues the task's execution; returns the instance's state after it.
 * `locked`: the task as the caller locked it already (with its instance when by lockTaskWithInstance).
 */
export async function completeTask(tx: Tx, env: ShellEnv, taskId: string, variables: Record<string, TypedValue>, locked?: TaskRecord): Promise<InstanceState> {
  const task: TaskRecord & { instance?: unknown } = locked ?? (await lockTaskWithInstance(tx, taskId));
  const instance = 'instance' in task ? { instance: instanceFromJson(task.instance) } : {};
  return commandInstance(tx, env, task.processInstanceId, { type: 'trigger', executionId: task.executionId, variables }, { taskId, ...instance });
}

/** Variables through a task: its local scope is its execution's (they end with the task, as in Camunda). */
export async function changeTaskVariables(tx: Tx, env: ShellEnv, task: TaskRecord, change: Omit<VariableChange, 'executionId'>): Promise<InstanceState> {
  const state = await changeInstanceVariables(tx, env, task.processInstanceId, { ...change, executionId: task.executionId }, change.local ? { taskId: task.id } : {});
  await tx.q.query('update engine.task set last_updated = $2 where id = $1', [task.id, env.now().toISOString()]);
  return state;
}

export interface IdentityLink {
  userId: string | null;
  groupId: string | null;
  type: string;
}

/** Camunda's identity links of a task: candidates in the order Camunda creates them (groups, then users), then the assignee and the owner. */
export function identityLinks(task: TaskRecord): IdentityLink[] {
  return [
    ...task.candidateGroups.map((groupId) => ({ userId: null, groupId, type: 'candidate' })),
    ...task.candidateUsers.map((userId) => ({ userId, groupId: null, type: 'candidate' })),
    ...(task.assignee !== null ? [{ userId: task.assignee, groupId: null, type: 'assignee' }] : []),
    ...(task.owner !== null ? [{ userId: task.owner, groupId: null, type: 'owner' }] : []),
  ];
}

/** Add (or with `remove`, delete) an identity link: assignee/owner links set those fields. */
export async function changeIdentityLink(tx: Tx, env: ShellEnv, taskId: string, link: IdentityLink, remove: boolean): Promise<void> {
  const task = await lockTask(tx, taskId);
  const { userId, groupId, type } = link;
  if (type === 'assignee' || type === 'owner') {
    if (groupId !== null) throw new EngineError('ProcessEngineException', 500, `Incompatible usage: cannot use type '${type}' together with a groupId`);
    if (remove) await changeTask(tx, env, task, { [type]: null });
    else await changeTask(tx, env, task, { [type]: userId });
    return;
  }
  if (type !== 'candidate') {
    throw new EngineError('BadUserRequestException', 400, `Identity link type '${type}' is not supported by this engine: use candidate, assignee or owner.`);
  }
  const [column, current, id] = userId !== null ? (['candidate_users', task.candidateUsers, userId] as const) : (['candidate_groups', task.candidateGroups, groupId as string] as const);
  const next = remove ? current.filter((x) => x !== id) : current.includes(id) ? current : [...current, id];
  if (next.length !== current.length) await changeTask(tx, env, task, { [column]: next });
}
