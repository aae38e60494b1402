/** `/history/activity-instance`: historic activity instances (GET/POST list and count, get). */
import { Router } from 'express';
import { notFound } from '../../errors.js';
import {
  HISTORIC_ACTIVITY_SORT,
  historicActivityQueries,
  type HistoricActivityFilter,
  type HistoricActivityRow,
  type HistoricActivitySortBy,
} from '../../persistence/index.js';
import { historicActivityInstanceDto } from '../history-dto.js';
import { addListRoutes } from '../list-routes.js';
import type { ParamKind } from '../params.js';
import type { RestResource } from './resource.js';

const FILTERS: { [K in keyof HistoricActivityFilter]?: ParamKind } = {
  activityInstanceId: 'string',
  processInstanceId: 'string',
  processDefinitionId: 'string',
  executionId: 'string',
  activityId: 'string',
  activityName: 'string',
  activityNameLike: 'string',
  activityType: 'string',
  taskAssignee: 'string',
  finished: 'boolean',
  unfinished: 'boolean',
  canceled: 'boolean',
  completeScope: 'boolean',
  startedBefore: 'date',
  startedAfter: 'date',
  finishedBefore: 'date',
  finishedAfter: 'date',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
};

export const historyActivityInstanceResource: RestResource = {
  path: '/history/activity-instance',
  routes({ db }) {
    const r = Router();
    addListRoutes<HistoricActivityFilter, HistoricActivitySortBy, HistoricActivityRow>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(HISTORIC_ACTIVITY_SORT) as HistoricActivitySortBy[],
      queries: historicActivityQueries,
      toDto: historicActivityInstanceDto,
      post: true,
      missing: (id) => notFound(`Historic activity instance with id ${id} does not exist`),
    });
    return r;
  },
};
