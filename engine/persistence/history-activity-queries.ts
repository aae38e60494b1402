/** Reading historic activity instances (Camunda's HistoricActivityInstanceQuery). */
import { addDateRange, listQueries } from './listing.js';
import { Where } from './query.js';

export const HISTORIC_ACTIVITY_SORT = {
  activityInstanceId: 'a.id',
  instanceId: 'a.process_instance_id',
  executionId: 'a.execution_id',
  activityId: 'a.activity_id',
  activityName: 'a.activity_name',
  activityType: 'a.activity_type',
  startTime: 'a.start_time',
  endTime: 'a.end_time',
  duration: '(a.end_time - a.start_time)',
  definitionId: 'a.process_definition_id',
  occurrence: 'a.seq',
  tenantId: 'a.tenant_id',
} as const;
export type HistoricActivitySortBy = keyof typeof HISTORIC_ACTIVITY_SORT;

export interface HistoricActivityFilter {
  activityInstanceId?: string;
  processInstanceId?: string;
  processDefinitionId?: string;
  executionId?: string;
  activityId?: string;
  activityName?: string;
  activityNameLike?: string;
  activityType?: string;
  taskAssignee?: string;
  finished?: boolean;
  unfinished?: boolean;
  canceled?: boolean;
  completeScope?: boolean;
  startedBefore?: Date;
  startedAfter?: Date;
  finishedBefore?: Date;
  finishedAfter?: Date;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

export interface HistoricActivityRow {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceId: string;
  executionId: string | null;
  taskId: string | null;
  calledProcessInstanceId: string | null;
  assignee: string | null;
  startTime: Date | string;
  endTime: Date | string | null;
  canceled: boolean;
  completeScope: boolean;
  tenantId: string | null;
  rootProcessInstanceId: string;
}

const COLUMNS = `a.id, a.parent_activity_instance_id as "parentActivityInstanceId", a.activity_id as "activityId", a.activity_name as "activityName",
  a.activity_type as "activityType", a.process_definition_key as "processDefinitionKey", a.process_definition_id as "processDefinitionId",
  a.process_instance_id as "processInstanceId", a.execution_id as "executionId", a.task_id as "taskId",
  a.called_process_instance_id as "calledProcessInstanceId", a.assignee, a.start_time as "startTime", a.end_time as "endTime",
  a.canceled, a.complete_scope as "completeScope", a.tenant_id as "tenantId", a.root_process_instance_id as "rootProcessInstanceId"`;

function where(f: HistoricActivityFilter): Where {
  const w = new Where()
    .eq('a.id', f.activityInstanceId)
    .eq('a.process_instance_id', f.processInstanceId)
    .eq('a.process_definition_id', f.processDefinitionId)
    .eq('a.execution_id', f.executionId)
    .eq('a.activity_id', f.activityId)
    .eq('a.activity_name', f.activityName)
    .like('a.activity_name', f.activityNameLike)
    .eq('a.activity_type', f.activityType)
    .eq('a.assignee', f.taskAssignee)
    .in('a.tenant_id', f.tenantIdIn);
  addDateRange(w, 'a.start_time', f.startedBefore, f.startedAfter);
  addDateRange(w, 'a.end_time', f.finishedBefore, f.finishedAfter);
  return w
    .when(f.finished, 'a.end_time is not null')
    .when(f.unfinished, 'a.end_time is null')
    .when(f.canceled, 'a.canceled')
    .when(f.completeScope, 'a.complete_scope')
    .when(f.withoutTenantId, 'a.tenant_id is null');
}

export const historicActivityQueries = listQueries<HistoricActivityFilter, HistoricActivitySortBy, HistoricActivityRow>({
  from: 'engine.hi_activity_instance a',
  columns: COLUMNS,
  sort: HISTORIC_ACTIVITY_SORT,
  idColumn: 'a.id',
  where,
});
