/**
 * Reading variable history: historic variable instances (one per variable and scope, its latest
 * value; Camunda's HistoricVariableInstanceQuery) and historic details (each update;
 * HistoricDetailQuery, variable updates only — this engine records no form fields).
 */
import { addDateRange, listQueries } from './listing.js';
import { Where } from './query.js';
import { valueCondition, type FilterValue } from './variable-filters.js';

export const HISTORIC_VARIABLE_SORT = {
  instanceId: 'v.process_instance_id',
  variableName: 'v.name',
  tenantId: 'v.tenant_id',
} as const;
export type HistoricVariableSortBy = keyof typeof HISTORIC_VARIABLE_SORT;

export interface HistoricVariableFilter {
  variableNamesIgnoreCase?: boolean;
  variableValuesIgnoreCase?: boolean;
  variableName?: string;
  variableNameLike?: string;
  variableNameIn?: string[];
  /** Only with variableName: the variable's value equals this. */
  variableValue?: FilterValue;
  variableTypeIn?: string[];
  includeDeleted?: boolean;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processDefinitionId?: string;
  processDefinitionKey?: string;
  executionIdIn?: string[];
  taskIdIn?: string[];
  activityInstanceIdIn?: string[];
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

/** Columns shared by variable instances and details; `value`/`type` are the stored TypedValue parts. */
interface VariableCommon {
  id: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceId: string;
  executionId: string | null;
  activityInstanceId: string | null;
  taskId: string | null;
  tenantId: string | null;
  rootProcessInstanceId: string;
  name: string;
  type: string;
  value: unknown;
  valueInfo: Record<string, unknown> | null;
}

export interface HistoricVariableRow extends VariableCommon {
  state: string;
  createTime: Date | string;
}

const common = (t: string) => `${t}.id, ${t}.process_definition_key as "processDefinitionKey", ${t}.process_definition_id as "processDefinitionId",
  ${t}.process_instance_id as "processInstanceId", ${t}.execution_id as "executionId", ${t}.activity_instance_id as "activityInstanceId",
  ${t}.task_id as "taskId", ${t}.tenant_id as "tenantId", ${t}.root_process_instance_id as "rootProcessInstanceId", ${t}.name,
  ${t}.value, ${t}.value_info as "valueInfo"`;

/** The stored type names in their lower-case form (Camunda's REST type names are capitalised). */
const lowerAll = (types: string[] | undefined) => types?.map((t) => t.toLowerCase());

function variableWhere(f: HistoricVariableFilter): Where {
  const w = new Where();
  if (f.variableName !== undefined) w.add(f.variableNamesIgnoreCase ? `lower(v.name) = lower(${w.param(f.variableName)})` : `v.name = ${w.param(f.variableName)}`);
  w
    .like('v.name', f.variableNameLike)
    .in('v.name', f.variableNameIn)
    .in('v.type', lowerAll(f.variableTypeIn))
    .eq('v.process_instance_id', f.processInstanceId)
    .in('v.process_instance_id', f.processInstanceIdIn)
    .eq('v.process_definition_id', f.processDefinitionId)
    .eq('v.process_definition_key', f.processDefinitionKey)
    .in('v.execution_id', f.executionIdIn)
    .in('v.task_id', f.taskIdIn)
    .in('v.activity_instance_id', f.activityInstanceIdIn)
    .in('v.tenant_id', f.tenantIdIn);
  if (f.variableValue) w.add(valueCondition(w, `jsonb_build_object('type', v.type, 'value', v.value)`, 'eq', f.variableValue, f.variableValuesIgnoreCase === true));
  return w.when(!f.includeDeleted, `v.state = 'CREATED'`).when(f.withoutTenantId, 'v.tenant_id is null');
}

export const historicVariableQueries = listQueries<HistoricVariableFilter, HistoricVariableSortBy, HistoricVariableRow>({
  from: 'engine.hi_variable v',
  columns: `${common('v')}, v.type, v.state, v.create_time as "createTime"`,
  sort: HISTORIC_VARIABLE_SORT,
  idColumn: 'v.id',
  where: variableWhere,
});

export const HISTORIC_DETAIL_SORT = {
  processInstanceId: 'd.process_instance_id',
  variableName: 'd.name',
  variableType: 'd.variable_type',
  variableRevision: 'd.revision',
  formPropertyId: 'd.name',
  time: 'd.time',
  occurrence: 'd.seq',
  tenantId: 'd.tenant_id',
} as const;
export type HistoricDetailSortBy = keyof typeof HISTORIC_DETAIL_SORT;

export interface HistoricDetailFilter {
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  executionId?: string;
  executionIdIn?: string[];
  taskId?: string;
  activityInstanceId?: string;
  variableInstanceId?: string;
  variableTypeIn?: string[];
  variableNameLike?: string;
  /** Form fields only: this engine records none. */
  formFields?: boolean;
  variableUpdates?: boolean;
  excludeTaskDetails?: boolean;
  initial?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  occurredBefore?: Date;
  occurredAfter?: Date;
}

export interface HistoricDetailRow extends VariableCommon {
  variableInstanceId: string;
  revision: number;
  initial: boolean;
  time: Date | string;
}

function detailWhere(f: HistoricDetailFilter): Where {
  const w = new Where()
    .eq('d.process_instance_id', f.processInstanceId)
    .in('d.process_instance_id', f.processInstanceIdIn)
    .eq('d.execution_id', f.executionId)
    .in('d.execution_id', f.executionIdIn)
    .eq('d.task_id', f.taskId)
    .eq('d.activity_instance_id', f.activityInstanceId)
    .eq('d.variable_instance_id', f.variableInstanceId)
    .in('d.variable_type', lowerAll(f.variableTypeIn))
    .like('d.name', f.variableNameLike)
    .in('d.tenant_id', f.tenantIdIn);
  addDateRange(w, 'd.time', f.occurredBefore, f.occurredAfter);
  return w
    .when(f.formFields && !f.variableUpdates, 'false')
    .when(f.excludeTaskDetails, 'd.task_id is null')
    .when(f.initial, 'd.initial')
    .when(f.withoutTenantId, 'd.tenant_id is null');
}

export const historicDetailQueries = listQueries<HistoricDetailFilter, HistoricDetailSortBy, HistoricDetailRow>({
  from: 'engine.hi_detail d',
  columns: `${common('d')}, d.variable_type as type, d.variable_instance_id as "variableInstanceId", d.revision, d.initial, d.time`,
  sort: HISTORIC_DETAIL_SORT,
  idColumn: 'd.id',
  where: detailWhere,
});
