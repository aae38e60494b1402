/** Reading historic task instances (Camunda's HistoricTaskInstanceQuery). */
import { historicProcessVariables } from './history-process-queries.js';
import { addDateRange, listQueries } from './listing.js';
import { Where } from './query.js';
import { addVariableFilters, type VariableFilter } from './variable-filters.js';

export const HISTORIC_TASK_SORT = {
  taskId: 't.id',
  activityInstanceId: 't.activity_instance_id',
  processDefinitionId: 't.process_definition_id',
  processInstanceId: 't.process_instance_id',
  executionId: 't.execution_id',
  duration: '(t.end_time - t.start_time)',
  endTime: 't.end_time',
  startTime: 't.start_time',
  taskName: 't.name',
  taskDescription: 't.description',
  assignee: 't.assignee',
  owner: 't.owner',
  dueDate: 't.due_date',
  followUpDate: 't.follow_up_date',
  deleteReason: 't.delete_reason',
  taskDefinitionKey: 't.task_definition_key',
  priority: 't.priority',
  tenantId: 't.tenant_id',
} as const;
export type HistoricTaskSortBy = keyof typeof HISTORIC_TASK_SORT;

export interface HistoricTaskFilter {
  taskId?: string;
  processInstanceId?: string;
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyIn?: string[];
  processInstanceBusinessKeyLike?: string;
  executionId?: string;
  activityInstanceIdIn?: string[];
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionName?: string;
  processDefinitionNameLike?: string;
  taskName?: string;
  taskNameLike?: string;
  taskDescription?: string;
  taskDescriptionLike?: string;
  taskDefinitionKey?: string;
  taskDefinitionKeyIn?: string[];
  taskDeleteReason?: string;
  taskDeleteReasonLike?: string;
  taskAssignee?: string;
  taskAssigneeLike?: string;
  taskOwner?: string;
  taskOwnerLike?: string;
  taskPriority?: number;
  assigned?: boolean;
  unassigned?: boolean;
  finished?: boolean;
  unfinished?: boolean;
  processFinished?: boolean;
  processUnfinished?: boolean;
  taskDueDate?: Date;
  taskDueDateBefore?: Date;
  taskDueDateAfter?: Date;
  withoutTaskDueDate?: boolean;
  taskFollowUpDate?: Date;
  taskFollowUpDateBefore?: Date;
  taskFollowUpDateAfter?: Date;
  startedBefore?: Date;
  startedAfter?: Date;
  finishedBefore?: Date;
  finishedAfter?: Date;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  processVariables?: VariableFilter[];
  variableNamesIgnoreCase?: boolean;
  variableValuesIgnoreCase?: boolean;
}

export interface HistoricTaskRow {
  id: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceId: string;
  executionId: string | null;
  activityInstanceId: string | null;
  name: string | null;
  description: string | null;
  deleteReason: string | null;
  owner: string | null;
  assignee: string | null;
  startTime: Date | string;
  endTime: Date | string | null;
  taskDefinitionKey: string;
  priority: number;
  due: Date | string | null;
  followUp: Date | string | null;
  tenantId: string | null;
  rootProcessInstanceId: string;
}

const COLUMNS = `t.id, t.process_definition_key as "processDefinitionKey", t.process_definition_id as "processDefinitionId",
  t.process_instance_id as "processInstanceId", t.execution_id as "executionId", t.activity_instance_id as "activityInstanceId", t.name,
  t.description, t.delete_reason as "deleteReason", t.owner, t.assignee, t.start_time as "startTime", t.end_time as "endTime",
  t.task_definition_key as "taskDefinitionKey", t.priority, t.due_date as "due", t.follow_up_date as "followUp", t.tenant_id as "tenantId",
  t.root_process_instance_id as "rootProcessInstanceId"`;

const FROM = 'engine.hi_task t left join engine.hi_process_instance p on p.id = t.process_instance_id';

function where(f: HistoricTaskFilter): Where {
  const w = new Where()
    .eq('t.id', f.taskId)
    .eq('t.process_instance_id', f.processInstanceId)
    .eq('p.business_key', f.processInstanceBusinessKey)
    .in('p.business_key', f.processInstanceBusinessKeyIn)
    .like('p.business_key', f.processInstanceBusinessKeyLike)
    .eq('t.execution_id', f.executionId)
    .in('t.activity_instance_id', f.activityInstanceIdIn)
    .eq('t.process_definition_id', f.processDefinitionId)
    .eq('t.process_definition_key', f.processDefinitionKey)
    .eq('p.process_definition_name', f.processDefinitionName)
    .like('p.process_definition_name', f.processDefinitionNameLike)
    .eq('t.name', f.taskName)
    .like('t.name', f.taskNameLike)
    .eq('t.description', f.taskDescription)
    .like('t.description', f.taskDescriptionLike)
    .eq('t.task_definition_key', f.taskDefinitionKey)
    .in('t.task_definition_key', f.taskDefinitionKeyIn)
    .eq('t.delete_reason', f.taskDeleteReason)
    .like('t.delete_reason', f.taskDeleteReasonLike)
    .eq('t.assignee', f.taskAssignee)
    .like('t.assignee', f.taskAssigneeLike)
    .eq('t.owner', f.taskOwner)
    .like('t.owner', f.taskOwnerLike)
    .eq('t.priority', f.taskPriority)
    .in('t.tenant_id', f.tenantIdIn);
  if (f.taskDueDate) w.add(`t.due_date = ${w.param(f.taskDueDate.toISOString())}::timestamptz`);
  if (f.taskFollowUpDate) w.add(`t.follow_up_date = ${w.param(f.taskFollowUpDate.toISOString())}::timestamptz`);
  addDateRange(w, 't.due_date', f.taskDueDateBefore, f.taskDueDateAfter);
  addDateRange(w, 't.follow_up_date', f.taskFollowUpDateBefore, f.taskFollowUpDateAfter);
  addDateRange(w, 't.start_time', f.startedBefore, f.startedAfter);
  addDateRange(w, 't.end_time', f.finishedBefore, f.finishedAfter);
  const matching = { namesIgnoreCase: f.variableNamesIgnoreCase, valuesIgnoreCase: f.variableValuesIgnoreCase };
  addVariableFilters(w, historicProcessVariables('t.process_instance_id'), f.processVariables, matching);
  return w
    .when(f.assigned, 't.assignee is not null')
    .when(f.unassigned, 't.assignee is null')
    .when(f.finished, 't.end_time is not null')
    .when(f.unfinished, 't.end_time is null')
    .when(f.processFinished, 'p.end_time is not null')
    .when(f.processUnfinished, 'p.end_time is null')
    .when(f.withoutTaskDueDate, 't.due_date is null')
    .when(f.withoutTenantId, 't.tenant_id is null');
}

export const historicTaskQueries = listQueries<HistoricTaskFilter, HistoricTaskSortBy, HistoricTaskRow>({
  from: FROM,
  columns: COLUMNS,
  sort: HISTORIC_TASK_SORT,
  idColumn: 't.id',
  where,
});
