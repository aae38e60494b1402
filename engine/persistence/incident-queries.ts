/**
 * Reading open incidents (Camunda's IncidentQuery). An incident is raised when an external task or
 * a job runs out of retries and removed when retries are given back (or its task/job ends). Every
 * incident is its own cause here (no incident chains across call activities); a job incident's
 * failed activity is the job's, an external task's is its activity.
 */
import { addDateRange, listQueries } from './listing.js';
import { Where } from './query.js';

export const INCIDENT_SORT = {
  incidentId: 'i.id',
  incidentMessage: 'i.incident_message',
  incidentTimestamp: 'i.incident_timestamp',
  incidentType: 'i.incident_type',
  executionId: 'i.execution_id',
  activityId: 'i.activity_id',
  processInstanceId: 'i.process_instance_id',
  processDefinitionId: 'i.process_definition_id',
  causeIncidentId: 'i.id',
  rootCauseIncidentId: 'i.id',
  configuration: 'i.configuration',
  tenantId: 'pd.tenant_id',
} as const;
export type IncidentSortBy = keyof typeof INCIDENT_SORT;

export interface IncidentFilter {
  incidentId?: string;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  processDefinitionId?: string;
  processDefinitionKeyIn?: string[];
  processInstanceId?: string;
  executionId?: string;
  incidentTimestampAfter?: Date;
  incidentTimestampBefore?: Date;
  activityId?: string;
  failedActivityId?: string;
  causeIncidentId?: string;
  rootCauseIncidentId?: string;
  configuration?: string;
  tenantIdIn?: string[];
  jobDefinitionIdIn?: string[];
}

export interface IncidentRecord {
  id: string;
  processDefinitionId: string;
  processInstanceId: string | null;
  executionId: string | null;
  incidentTimestamp: Date | string;
  incidentType: string;
  activityId: string | null;
  failedActivityId: string | null;
  configuration: string | null;
  incidentMessage: string | null;
  tenantId: string | null;
  annotation: string | null;
}

const FAILED_ACTIVITY = 'coalesce(j.failed_activity_id, i.activity_id)';

function where(f: IncidentFilter): Where {
  const w = new Where()
    .eq('i.id', f.incidentId)
    .eq('i.incident_type', f.incidentType)
    .eq('i.incident_message', f.incidentMessage)
    .like('i.incident_message', f.incidentMessageLike)
    .eq('i.process_definition_id', f.processDefinitionId)
    .in('pd.key', f.processDefinitionKeyIn)
    .eq('i.process_instance_id', f.processInstanceId)
    .eq('i.execution_id', f.executionId)
    .eq('i.activity_id', f.activityId)
    .eq(FAILED_ACTIVITY, f.failedActivityId)
    .eq('i.id', f.causeIncidentId)
    .eq('i.id', f.rootCauseIncidentId)
    .eq('i.configuration', f.configuration)
    .in('pd.tenant_id', f.tenantIdIn);
  // Job definitions are not modelled: no incident belongs to one.
  if (f.jobDefinitionIdIn) w.add('false');
  addDateRange(w, 'i.incident_timestamp', f.incidentTimestampBefore, f.incidentTimestampAfter);
  return w;
}

const queries = listQueries<IncidentFilter, IncidentSortBy, IncidentRecord>({
  from: `engine.incident i
    left join engine.process_definition pd on pd.id = i.process_definition_id
    left join engine.job j on i.incident_type = 'failedJob' and j.id = i.configuration`,
  columns: `i.id, i.process_definition_id as "processDefinitionId", i.process_instance_id as "processInstanceId", i.execution_id as "executionId",
    i.incident_timestamp as "incidentTimestamp", i.incident_type as "incidentType", i.activity_id as "activityId",
    ${FAILED_ACTIVITY} as "failedActivityId", i.configuration, i.incident_message as "incidentMessage", pd.tenant_id as "tenantId", i.annotation`,
  sort: INCIDENT_SORT,
  idColumn: 'i.id',
  where,
});

export const listIncidents = queries.list;
export const countIncidents = queries.count;
export const getIncident = queries.byId;
