/**
 * Reading user tasks (Camunda's TaskQuery). Candidate filters use the GIN indexes on
 * `candidate_users` / `candidate_groups` (`@>` for one, `&&` for any of several), and — as in
 * Camunda — match only unassigned tasks unless `includeAssignedTasks` is set.
 */
import type { EngineQueryable } from '../db.js';
import { listQueries } from './listing.js';
import { Where, type Page } from './query.js';

export const TASK_SORT = {
  instanceId: 't.process_instance_id',
  caseInstanceId: 't.id', // no cases here: every task ties, the id decides
  dueDate: 't.due_date',
  followUpDate: 't.follow_up_date',
  executionId: 't.execution_id',
  caseExecutionId: 't.id',
  assignee: 't.assignee',
  created: 't.create_time',
  lastUpdated: 't.last_updated',
  description: 't.description',
  id: 't.id',
  name: 't.name',
  nameCaseInsensitive: 'lower(t.name)',
  priority: 't.priority',
  tenantId: 't.tenant_id',
} as const;
export type TaskSortBy = keyof typeof TASK_SORT;

export interface TaskFilter {
  taskId?: string;
  taskIdIn?: string[];
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyIn?: string[];
  processInstanceBusinessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  processDefinitionName?: string;
  processDefinitionNameLike?: string;
  executionId?: string;
  activityInstanceIdIn?: string[];
  taskDefinitionKey?: string;
  taskDefinitionKeyIn?: string[];
  taskDefinitionKeyLike?: string;
  name?: string;
  nameNotEqual?: string;
  nameLike?: string;
  nameNotLike?: string;
  description?: string;
  descriptionLike?: string;
  assignee?: string;
  assigneeIn?: string[];
  assigneeNotIn?: string[];
  assigneeLike?: string;
  owner?: string;
  assigned?: boolean;
  unassigned?: boolean;
  involvedUser?: string;
  candidateUser?: string;
  candidateGroup?: string;
  candidateGroupLike?: string;
  candidateGroups?: string[];
  includeAssignedTasks?: boolean;
  withCandidateGroups?: boolean;
  withoutCandidateGroups?: boolean;
  withCandidateUsers?: boolean;
  withoutCandidateUsers?: boolean;
  delegationState?: 'PENDING' | 'RESOLVED';
  priority?: number;
  minPriority?: number;
  maxPriority?: number;
  dueDate?: Date;
  dueBefore?: Date;
  dueAfter?: Date;
  withoutDueDate?: boolean;
  followUpDate?: Date;
  followUpBefore?: Date;
  followUpAfter?: Date;
  followUpBeforeOrNotExistent?: Date;
  createdOn?: Date;
  createdBefore?: Date;
  createdAfter?: Date;
  updatedAfter?: Date;
  active?: boolean;
  suspended?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  /** Tasks here never have a parent task: any value matches nothing. */
  parentTaskId?: string;
}

export interface TaskRecord {
  id: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  delegationState: 'PENDING' | 'RESOLVED' | null;
  priority: number;
  createTime: Date | string;
  lastUpdated: Date | string | null;
  dueDate: Date | string | null;
  followUpDate: Date | string | null;
  executionId: string;
  activityInstanceId: string;
  processInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  taskDefinitionKey: string;
  formKey: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  suspended: boolean;
  tenantId: string | null;
}

export const TASK_COLUMNS = `t.id, t.name, t.description, t.assignee, t.owner, t.delegation_state as "delegationState", t.priority,
  t.create_time as "createTime", t.last_updated as "lastUpdated", t.due_date as "dueDate", t.follow_up_date as "followUpDate",
  t.execution_id as "executionId", t.activity_instance_id as "activityInstanceId", t.process_instance_id as "processInstanceId",
  t.process_definition_id as "processDefinitionId", t.process_definition_key as "processDefinitionKey",
  t.task_definition_key as "taskDefinitionKey", t.form_key as "formKey", t.candidate_users as "candidateUsers",
  t.candidate_groups as "candidateGroups", t.suspended, t.tenant_id as "tenantId"`;

const FROM = 'engine.task t';

/** `column` compared with a date: `op` is `=`, `<` or `>`. */
function dateCmp(w: Where, column: string, op: string, value: Date | undefined): void {
  if (value !== undefined) w.add(`${column} ${op} ${w.param(value.toISOString())}::timestamptz`);
}

/** Camunda's candidate filters see only unassigned tasks unless includeAssignedTasks. */
function candidates(w: Where, f: TaskFilter): void {
  const conds: string[] = [];
  if (f.candidateUser !== undefined) conds.push(`t.candidate_users @> array[${w.param(f.candidateUser)}::text]`);
  if (f.candidateGroup !== undefined) conds.push(`t.candidate_groups @> array[${w.param(f.candidateGroup)}::text]`);
  if (f.candidateGroups !== undefined) conds.push(`t.candidate_groups && ${w.param(f.candidateGroups)}::text[]`);
  if (f.candidateGroupLike !== undefined) conds.push(`exists (select 1 from unnest(t.candidate_groups) g where g like ${w.param(f.candidateGroupLike)})`);
  if (conds.length === 0) return;
  for (const c of conds) w.add(c);
  if (!f.includeAssignedTasks) w.add('t.assignee is null');
}

function instanceCond(w: Where, f: TaskFilter): void {
  const conds: string[] = [];
  if (f.processInstanceBusinessKey !== undefined) conds.push(`pi.business_key = ${w.param(f.processInstanceBusinessKey)}`);
  if (f.processInstanceBusinessKeyIn !== undefined) conds.push(`pi.business_key = any(${w.param(f.processInstanceBusinessKeyIn)}::text[])`);
  if (f.processInstanceBusinessKeyLike !== undefined) conds.push(`pi.business_key like ${w.param(f.processInstanceBusinessKeyLike)}`);
  if (conds.length > 0) w.add(`exists (select 1 from engine.process_instance pi where pi.id = t.process_instance_id and ${conds.join(' and ')})`);
  const defConds: string[] = [];
  if (f.processDefinitionName !== undefined) defConds.push(`pd.name = ${w.param(f.processDefinitionName)}`);
  if (f.processDefinitionNameLike !== undefined) defConds.push(`pd.name like ${w.param(f.processDefinitionNameLike)}`);
  if (defConds.length > 0) w.add(`exists (select 1 from engine.process_definition pd where pd.id = t.process_definition_id and ${defConds.join(' and ')})`);
}

function where(f: TaskFilter): Where {
  const w = new Where()
    .eq('t.id', f.taskId)
    .in('t.id', f.taskIdIn)
    .eq('t.process_instance_id', f.processInstanceId)
    .in('t.process_instance_id', f.processInstanceIdIn)
    .eq('t.process_definition_id', f.processDefinitionId)
    .eq('t.process_definition_key', f.processDefinitionKey)
    .in('t.process_definition_key', f.processDefinitionKeyIn)
    .eq('t.execution_id', f.executionId)
    .in('t.activity_instance_id', f.activityInstanceIdIn)
    .eq('t.task_definition_key', f.taskDefinitionKey)
    .in('t.task_definition_key', f.taskDefinitionKeyIn)
    .like('t.task_definition_key', f.taskDefinitionKeyLike)
    .eq('t.name', f.name)
    .like('t.name', f.nameLike)
    .eq('t.description', f.description)
    .like('t.description', f.descriptionLike)
    .eq('t.assignee', f.assignee)
    .in('t.assignee', f.assigneeIn)
    .like('t.assignee', f.assigneeLike)
    .eq('t.owner', f.owner)
    .eq('t.delegation_state', f.delegationState)
    .eq('t.priority', f.priority)
    .in('t.tenant_id', f.tenantIdIn);
  if (f.nameNotEqual !== undefined) w.add(`t.name <> ${w.param(f.nameNotEqual)}`);
  if (f.nameNotLike !== undefined) w.add(`t.name not like ${w.param(f.nameNotLike)}`);
  if (f.assigneeNotIn !== undefined) w.add(`not (t.assignee = any(${w.param(f.assigneeNotIn)}::text[]))`);
  if (f.minPriority !== undefined) w.add(`t.priority >= ${w.param(f.minPriority)}`);
  if (f.maxPriority !== undefined) w.add(`t.priority <= ${w.param(f.maxPriority)}`);
  if (f.involvedUser !== undefined) {
    const u = w.param(f.involvedUser);
    w.add(`(t.assignee = ${u} or t.owner = ${u} or t.candidate_users @> array[${u}::text])`);
  }
  candidates(w, f);
  instanceCond(w, f);
  dateCmp(w, 't.due_date', '=', f.dueDate);
  dateCmp(w, 't.due_date', '<', f.dueBefore);
  dateCmp(w, 't.due_date', '>', f.dueAfter);
  dateCmp(w, 't.follow_up_date', '=', f.followUpDate);
  dateCmp(w, 't.follow_up_date', '<', f.followUpBefore);
  dateCmp(w, 't.follow_up_date', '>', f.followUpAfter);
  if (f.followUpBeforeOrNotExistent !== undefined) {
    w.add(`(t.follow_up_date is null or t.follow_up_date < ${w.param(f.followUpBeforeOrNotExistent.toISOString())}::timestamptz)`);
  }
  dateCmp(w, 't.create_time', '=', f.createdOn);
  dateCmp(w, 't.create_time', '<', f.createdBefore);
  dateCmp(w, 't.create_time', '>', f.createdAfter);
  dateCmp(w, 't.last_updated', '>', f.updatedAfter);
  return w
    .when(f.assigned, 't.assignee is not null')
    .when(f.unassigned, 't.assignee is null')
    .when(f.withoutDueDate, 't.due_date is null')
    .when(f.withCandidateGroups, "t.candidate_groups <> '{}'")
    .when(f.withoutCandidateGroups, "t.candidate_groups = '{}'")
    .when(f.withCandidateUsers, "t.candidate_users <> '{}'")
    .when(f.withoutCandidateUsers, "t.candidate_users = '{}'")
    .when(f.active, 'not t.suspended')
    .when(f.suspended, 't.suspended')
    .when(f.withoutTenantId, 't.tenant_id is null')
    .when(f.parentTaskId !== undefined, 'false');
}

export type TaskQuery = TaskFilter & Page<TaskSortBy>;

const queries = listQueries<TaskFilter, TaskSortBy, TaskRecord>({ from: FROM, columns: TASK_COLUMNS, sort: TASK_SORT, idColumn: 't.id', where });
export const listTasks = queries.list;
export const countTasks = queries.count;

/** One task; `forUpdate` locks its row for the rest of the transaction (commands on it serialise). */
export async function getTask(q: EngineQueryable, id: string, forUpdate = false, extraColumns = ''): Promise<TaskRecord | null> {
  const [row] = await q.query<TaskRecord>(`select ${TASK_COLUMNS}${extraColumns ? `, ${extraColumns}` : ''} from ${FROM} where t.id = $1${forUpdate ? ' for update of t' : ''}`, [id]);
  return row ?? null;
}
