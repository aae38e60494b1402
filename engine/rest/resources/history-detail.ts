/** `/history/detail`: historic details — variable updates only (this engine records no form fields). */
import { Router } from 'express';
import { notFound } from '../../errors.js';
import { HISTORIC_DETAIL_SORT, historicDetailQueries, type HistoricDetailFilter, type HistoricDetailRow, type HistoricDetailSortBy } from '../../persistence/index.js';
import { historicVariableUpdateDto } from '../history-dto.js';
import { addListRoutes } from '../list-routes.js';
import type { ParamKind } from '../params.js';
import { deserializeValues } from './history-variable-instance.js';
import type { RestResource } from './resource.js';

const FILTERS: { [K in keyof HistoricDetailFilter]?: ParamKind } = {
  processInstanceId: 'string',
  processInstanceIdIn: 'stringList',
  executionId: 'string',
  executionIdIn: 'stringList',
  taskId: 'string',
  activityInstanceId: 'string',
  variableInstanceId: 'string',
  variableTypeIn: 'stringList',
  variableNameLike: 'string',
  formFields: 'boolean',
  variableUpdates: 'boolean',
  excludeTaskDetails: 'boolean',
  initial: 'boolean',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  occurredBefore: 'date',
  occurredAfter: 'date',
};

export const historyDetailResource: RestResource = {
  path: '/history/detail',
  routes({ db }) {
    const r = Router();
    addListRoutes<HistoricDetailFilter, HistoricDetailSortBy, HistoricDetailRow>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(HISTORIC_DETAIL_SORT) as HistoricDetailSortBy[],
      queries: historicDetailQueries,
      toDto: (row, req) => historicVariableUpdateDto(row, deserializeValues(req)),
      post: true,
      missing: (id) => notFound(`Historic detail with Id '${id}' does not exist.`),
    });
    return r;
  },
};
