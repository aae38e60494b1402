/**
 * How the Task API sees engine tasks: each with its process (definition key, business key), the
 * record it runs for and whether the user may read it, and whether the user is its assignee or a
 * candidate. Built for a whole inbox at once: one engine call for the instances, one statement per
 * record entity.
 */
import type { EngineClient, EngineTaskQuery } from '../../engine/index.js';
import type { CompiledModel } from '../../metadata/index.js';
import { candidateGroupsOf, isUnrestricted, modelFor } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { Db } from '../db/db.js';
import { processEntity, readableRecords } from './records.js';

export type EngineTask = NonNullable<Awaited<ReturnType<EngineClient['task']>>>;

export interface RecordRef {
  entity: string;
  id: string;
  display: string;
}

/** A task as the API answers it. */
export interface TaskItem {
  id: string;
  name: string | null;
  processDefinitionKey: string;
  /** The BPMN process's `name` (the shipped models name it in both languages, e.g. "报价流转 Quote routing"); null when it has none. */
  processDefinitionName: string | null;
  taskDefinitionKey: string | null;
  processInstanceId: string;
  assignee: string | null;
  /** Who delegated the task (Camunda's owner): it returns to them when the delegate resolves it. */
  owner: string | null;
  /** PENDING while delegated, RESOLVED once returned, null when never delegated. */
  delegationState: 'PENDING' | 'RESOLVED' | null;
  created: string | null;
  due: string | null;
  followUp: string | null;
  priority: number;
  formKey: string | null;
  businessKey: string | null;
  record: RecordRef | null;
}

export interface ViewedTask {
  task: EngineTask;
  item: TaskItem;
  /** The process's record entity (null: the process runs for no record). */
  entity: string | null;
  /** The record exists for the process and the user may not read it: the task is not theirs to see. */
  hidden: boolean;
}

export interface TaskDeps {
  db: Db;
  engine: EngineClient;
  /** The published model (per-user views are made from it). */
  model(): CompiledModel;
}

/** `key:version:id` (Camunda's definition ids) → key; a definition id of another shape is taken whole. */
const keyOfDefinitionId = (id: string | null | undefined): string => (id ?? '').split(':')[0];

/** The tasks as the user sees them (record previews through the access builder), in the order given. */
export async function viewTasks(deps: TaskDeps, user: User, tasks: EngineTask[]): Promise<ViewedTask[]> {
  const model = deps.model();
  const instances = new Map((await deps.engine.processInstancesById([...new Set(tasks.map((t) => t.processInstanceId))])).map((p) => [p.id, p]));
  const base = tasks.map((task) => {
    const pi = instances.get(task.processInstanceId);
    const key = pi?.processDefinitionKey ?? keyOfDefinitionId(task.processDefinitionId);
    const businessKey = pi?.businessKey ?? null;
    return { task, key, name: pi?.processDefinitionName ?? null, businessKey, entity: businessKey === null ? null : processEntity(model, key) };
  });
  const userModel = modelFor(user, model);
  const readable = new Map<string, Map<string, string>>();
  for (const entity of new Set(base.map((b) => b.entity).filter((e): e is string => e !== null)))
    readable.set(entity, await readableRecords(deps.db, user, userModel, entity, base.filter((b) => b.entity === entity).map((b) => b.businessKey!)));
  return base.map(({ task, key, name, businessKey, entity }) => {
    const display = entity === null ? undefined : readable.get(entity)?.get(businessKey!.toLowerCase());
    const item: TaskItem = {
      id: task.id,
      name: task.name,
      processDefinitionKey: key,
      processDefinitionName: name,
      taskDefinitionKey: task.taskDefinitionKey,
      processInstanceId: task.processInstanceId,
      assignee: task.assignee,
      owner: task.owner ?? null,
      delegationState: (task.delegationState as TaskItem['delegationState']) ?? null,
      created: task.created,
      due: task.due,
      followUp: task.followUp,
      priority: task.priority,
      formKey: task.formKey,
      businessKey,
      record: entity !== null && display !== undefined ? { entity, id: businessKey!, display } : null,
    };
    return { task, item, entity, hidden: entity !== null && display === undefined };
  });
}

/** Whether the user is a candidate of the task (user or group), assigned or not. */
export async function isCandidate(deps: TaskDeps, user: User, taskId: string): Promise<boolean> {
  const queries: EngineTaskQuery[] = [{ taskId, candidateUser: user.id, includeAssignedTasks: true }];
  const groups = candidateGroupsOf(user, deps.model());
  if (groups.length > 0) queries.push({ taskId, candidateGroups: groups, includeAssignedTasks: true });
  for (const q of queries) if ((await deps.engine.tasks(q)).length > 0) return true;
  return false;
}

/**
 * Who may see one task: admins and service accounts; whoever may read the process's record; for
 * a task of a process without a record, its assignee, owner (who delegated it) and candidates.
 */
export async function mayView(deps: TaskDeps, user: User, v: ViewedTask): Promise<boolean> {
  if (isUnrestricted(user)) return true;
  if (v.hidden) return false;
  if (v.item.record !== null) return true;
  return v.task.assignee === user.id || v.task.owner === user.id || (await isCandidate(deps, user, v.task.id));
}
