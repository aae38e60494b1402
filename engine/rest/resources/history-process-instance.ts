/** `/history/process-instance`: historic process instances (GET/POST list and count, get, delete). */
import { Router } from 'express';
import { notFound } from '../../errors.js';
import {
  deleteHistoricInstance,
  HISTORIC_INSTANCE_SORT,
  historicInstanceQueries,
  type HistoricInstanceFilter,
  type HistoricInstanceRow,
  type HistoricInstanceSortBy,
} from '../../persistence/index.js';
import { historicProcessInstanceDto } from '../history-dto.js';
import { addListRoutes } from '../list-routes.js';
import { parseFilters, type ParamKind } from '../params.js';
import { sendNoContent } from '../send.js';
import { variablesFromBody, variablesFromQuery } from '../variable-query.js';
import type { RestResource } from './resource.js';

const FILTERS: { [K in keyof HistoricInstanceFilter]?: ParamKind } = {
  processInstanceId: 'string',
  processInstanceIds: 'stringList',
  processDefinitionId: 'string',
  processDefinitionKey: 'string',
  processDefinitionKeyIn: 'stringList',
  processDefinitionKeyNotIn: 'stringList',
  processDefinitionName: 'string',
  processDefinitionNameLike: 'string',
  processInstanceBusinessKey: 'string',
  processInstanceBusinessKeyIn: 'stringList',
  processInstanceBusinessKeyLike: 'string',
  rootProcessInstances: 'boolean',
  finished: 'boolean',
  unfinished: 'boolean',
  withIncidents: 'boolean',
  incidentType: 'string',
  incidentMessage: 'string',
  incidentMessageLike: 'string',
  startedBefore: 'date',
  startedAfter: 'date',
  finishedBefore: 'date',
  finishedAfter: 'date',
  superProcessInstanceId: 'string',
  subProcessInstanceId: 'string',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  executedActivityIdIn: 'stringList',
  activeActivityIdIn: 'stringList',
  active: 'boolean',
  suspended: 'boolean',
  completed: 'boolean',
  externallyTerminated: 'boolean',
  internallyTerminated: 'boolean',
  variableNamesIgnoreCase: 'boolean',
  variableValuesIgnoreCase: 'boolean',
};

const missing = (id: string) => notFound(`Historic process instance with id ${id} does not exist`);

export const historyProcessInstanceResource: RestResource = {
  path: '/history/process-instance',
  routes({ db }) {
    const r = Router();
    addListRoutes<HistoricInstanceFilter, HistoricInstanceSortBy, HistoricInstanceRow>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(HISTORIC_INSTANCE_SORT) as HistoricInstanceSortBy[],
      queries: historicInstanceQueries,
      toDto: historicProcessInstanceDto,
      fromQuery: (query) => ({ variables: variablesFromQuery(query, 'variables') }),
      fromBody: (body) => ({ variables: variablesFromBody(body, 'variables') }),
      post: true,
      missing,
    });
    /** Only an ended instance's history can go; Camunda answers a running one like an unknown one. */
    r.delete('/:id', async (req, res) => {
      const { failIfNotExists } = parseFilters<{ failIfNotExists?: boolean }>(req.query, { failIfNotExists: 'boolean' });
      const deleted = await db.tx((q) => deleteHistoricInstance(q, req.params.id));
      if (!deleted && failIfNotExists !== false) throw missing(req.params.id);
      sendNoContent(res);
    });
    return r;
  },
};
