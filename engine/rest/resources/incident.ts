/** `/incident`: the open incidents (GET list, count and one), Camunda 7.22's IncidentDto field for field. */
import { Router } from 'express';
import { notFound } from '../../errors.js';
import { countIncidents, getIncident, INCIDENT_SORT, listIncidents, type IncidentFilter, type IncidentRecord, type IncidentSortBy } from '../../persistence/index.js';
import { formatDate } from '../dates.js';
import { addListRoutes } from '../list-routes.js';
import type { ParamSpec } from '../params.js';
import { sendJson } from '../send.js';
import type { RestResource } from './resource.js';

const FILTERS: ParamSpec<IncidentFilter> = {
  incidentId: 'string',
  incidentType: 'string',
  incidentMessage: 'string',
  incidentMessageLike: 'string',
  processDefinitionId: 'string',
  processDefinitionKeyIn: 'stringList',
  processInstanceId: 'string',
  executionId: 'string',
  incidentTimestampAfter: 'date',
  incidentTimestampBefore: 'date',
  activityId: 'string',
  failedActivityId: 'string',
  causeIncidentId: 'string',
  rootCauseIncidentId: 'string',
  configuration: 'string',
  tenantIdIn: 'stringList',
  jobDefinitionIdIn: 'stringList',
};

/** Every incident is its own cause and root cause here; there are no job definitions. */
export function incidentDto(i: IncidentRecord) {
  return {
    id: i.id,
    processDefinitionId: i.processDefinitionId,
    processInstanceId: i.processInstanceId,
    executionId: i.executionId,
    incidentTimestamp: formatDate(i.incidentTimestamp),
    incidentType: i.incidentType,
    activityId: i.activityId,
    failedActivityId: i.failedActivityId,
    causeIncidentId: i.id,
    rootCauseIncidentId: i.id,
    configuration: i.configuration,
    tenantId: i.tenantId,
    incidentMessage: i.incidentMessage,
    jobDefinitionId: null,
    annotation: i.annotation,
  };
}

export const incidentResource: RestResource = {
  path: '/incident',
  routes({ db }) {
    const r = Router();
    addListRoutes<IncidentFilter, IncidentSortBy, IncidentRecord>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(INCIDENT_SORT) as IncidentSortBy[],
      queries: { list: listIncidents, count: countIncidents, byId: getIncident },
      toDto: incidentDto,
    });
    r.get('/:id', async (req, res) => {
      const incident = await getIncident(db, req.params.id);
      if (!incident) throw notFound(`No matching incident with id ${req.params.id}`);
      sendJson(res, 200, incidentDto(incident));
    });
    return r;
  },
};
