/** Reading running process instances (Camunda's ProcessInstanceQuery). */
import { listQueries } from './listing.js';
import { Where } from './query.js';
import { addVariableFilters, type VariableFilter } from './variable-filters.js';

export const INSTANCE_SORT = {
  instanceId: 'pi.id',
  definitionKey: 'pi.process_definition_key',
  definitionId: 'pi.process_definition_id',
  tenantId: 'pi.tenant_id',
  businessKey: 'pi.business_key',
} as const;
export type InstanceSortBy = keyof typeof INSTANCE_SORT;

export interface InstanceFilter {
  processInstanceIds?: string[];
  businessKey?: string;
  businessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  processDefinitionKeyNotIn?: string[];
  deploymentId?: string;
  superProcessInstance?: string;
  subProcessInstance?: string;
  active?: boolean;
  suspended?: boolean;
  withIncident?: boolean;
  incidentId?: string;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  processDefinitionWithoutTenantId?: boolean;
  activityIdIn?: string[];
  rootProcessInstances?: boolean;
  leafProcessInstances?: boolean;
  variables?: VariableFilter[];
  variableNamesIgnoreCase?: boolean;
  variableValuesIgnoreCase?: boolean;
}

export interface InstanceRecord {
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  suspended: boolean;
  tenantId: string | null;
}

const COLUMNS = `pi.id, pi.process_definition_id as "definitionId", pi.process_definition_key as "definitionKey", pi.business_key as "businessKey",
  pi.suspended, pi.tenant_id as "tenantId"`;

/**
 * A token (`x`, an execution of the state jsonb) is at rest in its activity: it has an activity
 * instance there, or waits for an asynchronous continuation of it — not when it waits at a join.
 */
export const TOKEN_AT_REST = `coalesce(x->>'waiting', '') <> 'join' and (x->>'activityInstanceId' is not null or x->>'waiting' in ('asyncBefore', 'asyncAfter'))`;

function incidentCondition(w: Where, f: InstanceFilter): string | null {
  const conds: string[] = [];
  if (f.incidentId !== undefined) conds.push(`i.id = ${w.param(f.incidentId)}`);
  if (f.incidentType !== undefined) conds.push(`i.incident_type = ${w.param(f.incidentType)}`);
  if (f.incidentMessage !== undefined) conds.push(`i.incident_message = ${w.param(f.incidentMessage)}`);
  if (f.incidentMessageLike !== undefined) conds.push(`i.incident_message like ${w.param(f.incidentMessageLike)}`);
  if (conds.length === 0 && !f.withIncident) return null;
  return `exists (select 1 from engine.incident i where i.process_instance_id = pi.id${conds.map((c) => ` and ${c}`).join('')})`;
}

function where(f: InstanceFilter): Where {
  const w = new Where()
    .in('pi.id', f.processInstanceIds)
    .eq('pi.business_key', f.businessKey)
    .like('pi.business_key', f.businessKeyLike)
    .eq('pi.process_definition_id', f.processDefinitionId)
    .eq('pi.process_definition_key', f.processDefinitionKey)
    .in('pi.process_definition_key', f.processDefinitionKeyIn)
    .eq('pi.super_process_instance_id', f.superProcessInstance)
    .in('pi.tenant_id', f.tenantIdIn);
  if (f.processDefinitionKeyNotIn) w.add(`not (pi.process_definition_key = any(${w.param(f.processDefinitionKeyNotIn)}::text[]))`);
  if (f.deploymentId !== undefined) {
    w.add(`exists (select 1 from engine.process_definition pd where pd.id = pi.process_definition_id and pd.deployment_id = ${w.param(f.deploymentId)})`);
  }
  if (f.subProcessInstance !== undefined) {
    w.add(`pi.id = (select sub.super_process_instance_id from engine.process_instance sub where sub.id = ${w.param(f.subProcessInstance)})`);
  }
  if (f.activityIdIn) {
    w.add(`exists (select 1 from jsonb_each(pi.state->'executions') as e(id, x)
                    where x->>'activityId' = any(${w.param(f.activityIdIn)}::text[]) and ${TOKEN_AT_REST})`);
  }
  const incident = incidentCondition(w, f);
  if (incident) w.add(incident);
  addVariableFilters(w, `pi.state->'variables'`, f.variables, { namesIgnoreCase: f.variableNamesIgnoreCase, valuesIgnoreCase: f.variableValuesIgnoreCase });
  return w
    .when(f.active, 'not pi.suspended')
    .when(f.suspended, 'pi.suspended')
    .when(f.withoutTenantId, 'pi.tenant_id is null')
    .when(f.processDefinitionWithoutTenantId, '(select pd.tenant_id from engine.process_definition pd where pd.id = pi.process_definition_id) is null')
    .when(f.rootProcessInstances, 'pi.super_process_instance_id is null')
    .when(f.leafProcessInstances, 'not exists (select 1 from engine.process_instance sub where sub.super_process_instance_id = pi.id)');
}

export const instanceQueries = listQueries<InstanceFilter, InstanceSortBy, InstanceRecord>({
  from: 'engine.process_instance pi',
  columns: COLUMNS,
  sort: INSTANCE_SORT,
  idColumn: 'pi.id',
  where,
});
