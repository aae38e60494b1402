/** Reading historic process instances (Camunda's HistoricProcessInstanceQuery) and deleting one's history. */
import type { EngineQueryable } from '../db.js';
import { addDateRange, listQueries } from './listing.js';
import { Where } from './query.js';
import { addVariableFilters, type VariableFilter } from './variable-filters.js';

export const HISTORIC_INSTANCE_SORT = {
  instanceId: 'h.id',
  definitionId: 'h.process_definition_id',
  definitionKey: 'h.process_definition_key',
  definitionName: 'h.process_definition_name',
  definitionVersion: 'h.process_definition_version',
  businessKey: 'h.business_key',
  startTime: 'h.start_time',
  endTime: 'h.end_time',
  duration: '(h.end_time - h.start_time)',
  tenantId: 'h.tenant_id',
} as const;
export type HistoricInstanceSortBy = keyof typeof HISTORIC_INSTANCE_SORT;

export interface HistoricInstanceFilter {
  processInstanceId?: string;
  processInstanceIds?: string[];
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  processDefinitionKeyNotIn?: string[];
  processDefinitionName?: string;
  processDefinitionNameLike?: string;
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyIn?: string[];
  processInstanceBusinessKeyLike?: string;
  rootProcessInstances?: boolean;
  finished?: boolean;
  unfinished?: boolean;
  withIncidents?: boolean;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  startedBefore?: Date;
  startedAfter?: Date;
  finishedBefore?: Date;
  finishedAfter?: Date;
  superProcessInstanceId?: string;
  subProcessInstanceId?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  executedActivityIdIn?: string[];
  activeActivityIdIn?: string[];
  active?: boolean;
  suspended?: boolean;
  completed?: boolean;
  externallyTerminated?: boolean;
  internallyTerminated?: boolean;
  variables?: VariableFilter[];
  variableNamesIgnoreCase?: boolean;
  variableValuesIgnoreCase?: boolean;
}

export interface HistoricInstanceRow {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number;
  startTime: Date | string;
  endTime: Date | string | null;
  startActivityId: string | null;
  deleteReason: string | null;
  rootProcessInstanceId: string;
  superProcessInstanceId: string | null;
  tenantId: string | null;
  state: string;
}

const COLUMNS = `h.id, h.business_key as "businessKey", h.process_definition_id as "processDefinitionId",
  h.process_definition_key as "processDefinitionKey", h.process_definition_name as "processDefinitionName",
  h.process_definition_version as "processDefinitionVersion", h.start_time as "startTime", h.end_time as "endTime",
  h.start_activity_id as "startActivityId", h.delete_reason as "deleteReason", h.root_process_instance_id as "rootProcessInstanceId",
  h.super_process_instance_id as "superProcessInstanceId", h.tenant_id as "tenantId", h.state`;

/** The latest historic values of an instance's process variables, as a jsonb object name → {type, value} (for variable filters). */
export const historicProcessVariables = (instanceId: string) =>
  `(select jsonb_object_agg(hv.name, jsonb_build_object('type', hv.type, 'value', hv.value)) from engine.hi_variable hv
     where hv.process_instance_id = ${instanceId} and hv.scope_id = ${instanceId} and hv.state = 'CREATED')`;

function incidents(w: Where, f: HistoricInstanceFilter): void {
  const conds: string[] = [];
  if (f.incidentType !== undefined) conds.push(`i.incident_type = ${w.param(f.incidentType)}`);
  if (f.incidentMessage !== undefined) conds.push(`i.incident_message = ${w.param(f.incidentMessage)}`);
  if (f.incidentMessageLike !== undefined) conds.push(`i.incident_message like ${w.param(f.incidentMessageLike)}`);
  if (conds.length > 0 || f.withIncidents) w.add(`exists (select 1 from engine.incident i where i.process_instance_id = h.id${conds.map((c) => ` and ${c}`).join('')})`);
}

function activities(w: Where, ids: string[] | undefined, open: boolean): void {
  if (!ids) return;
  w.add(`exists (select 1 from engine.hi_activity_instance a where a.process_instance_id = h.id and a.activity_id = any(${w.param(ids)}::text[])${open ? ' and a.end_time is null' : ''})`);
}

function where(f: HistoricInstanceFilter): Where {
  const w = new Where()
    .eq('h.id', f.processInstanceId)
    .in('h.id', f.processInstanceIds)
    .eq('h.process_definition_id', f.processDefinitionId)
    .eq('h.process_definition_key', f.processDefinitionKey)
    .in('h.process_definition_key', f.processDefinitionKeyIn)
    .eq('h.process_definition_name', f.processDefinitionName)
    .like('h.process_definition_name', f.processDefinitionNameLike)
    .eq('h.business_key', f.processInstanceBusinessKey)
    .in('h.business_key', f.processInstanceBusinessKeyIn)
    .like('h.business_key', f.processInstanceBusinessKeyLike)
    .eq('h.super_process_instance_id', f.superProcessInstanceId)
    .in('h.tenant_id', f.tenantIdIn);
  if (f.processDefinitionKeyNotIn) w.add(`not (h.process_definition_key = any(${w.param(f.processDefinitionKeyNotIn)}::text[]))`);
  if (f.subProcessInstanceId !== undefined) w.add(`h.id = (select s.super_process_instance_id from engine.hi_process_instance s where s.id = ${w.param(f.subProcessInstanceId)})`);
  addDateRange(w, 'h.start_time', f.startedBefore, f.startedAfter);
  addDateRange(w, 'h.end_time', f.finishedBefore, f.finishedAfter);
  incidents(w, f);
  activities(w, f.executedActivityIdIn, false);
  activities(w, f.activeActivityIdIn, true);
  addVariableFilters(w, historicProcessVariables('h.id'), f.variables, { namesIgnoreCase: f.variableNamesIgnoreCase, valuesIgnoreCase: f.variableValuesIgnoreCase });
  return w
    .when(f.rootProcessInstances, 'h.super_process_instance_id is null')
    .when(f.finished, 'h.end_time is not null')
    .when(f.unfinished, 'h.end_time is null')
    .when(f.withoutTenantId, 'h.tenant_id is null')
    .when(f.active, `h.state = 'ACTIVE'`)
    .when(f.suspended, `h.state = 'SUSPENDED'`)
    .when(f.completed, `h.state = 'COMPLETED'`)
    .when(f.externallyTerminated, `h.state = 'EXTERNALLY_TERMINATED'`)
    .when(f.internallyTerminated, `h.state = 'INTERNALLY_TERMINATED'`);
}

export const historicInstanceQueries = listQueries<HistoricInstanceFilter, HistoricInstanceSortBy, HistoricInstanceRow>({
  from: 'engine.hi_process_instance h',
  columns: COLUMNS,
  sort: HISTORIC_INSTANCE_SORT,
  idColumn: 'h.id',
  where,
});

/** Remove an ended instance's history (instance, activities, tasks, variables, details). False when there is none. */
export async function deleteHistoricInstance(q: EngineQueryable, id: string): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `with h as (delete from engine.hi_process_instance where id = $1 and end_time is not null returning id),
          a as (delete from engine.hi_activity_instance where process_instance_id in (select id from h)),
          t as (delete from engine.hi_task where process_instance_id in (select id from h)),
          v as (delete from engine.hi_variable where process_instance_id in (select id from h)),
          d as (delete from engine.hi_detail where process_instance_id in (select id from h))
     select id from h`,
    [id],
  );
  return rows.length > 0;
}
