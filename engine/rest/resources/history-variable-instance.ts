/** `/history/variable-instance`: historic variable instances with their typed values (GET/POST list and count, get). */
import { Router, type Request } from 'express';
import { invalidRequest, notFound } from '../../errors.js';
import {
  filterValueOfJson,
  HISTORIC_VARIABLE_SORT,
  historicVariableQueries,
  type FilterValue,
  type HistoricVariableFilter,
  type HistoricVariableRow,
  type HistoricVariableSortBy,
} from '../../persistence/index.js';
import { historicVariableInstanceDto } from '../history-dto.js';
import { addListRoutes } from '../list-routes.js';
import { parseFilters, type ParamKind } from '../params.js';
import type { RestResource } from './resource.js';

const FILTERS: { [K in keyof HistoricVariableFilter]?: ParamKind } = {
  variableName: 'string',
  variableNameLike: 'string',
  variableNameIn: 'stringList',
  variableTypeIn: 'stringList',
  includeDeleted: 'boolean',
  processInstanceId: 'string',
  processInstanceIdIn: 'stringList',
  processDefinitionId: 'string',
  processDefinitionKey: 'string',
  executionIdIn: 'stringList',
  taskIdIn: 'stringList',
  activityInstanceIdIn: 'stringList',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  variableNamesIgnoreCase: 'boolean',
  variableValuesIgnoreCase: 'boolean',
};

/** `variableValue` needs `variableName`; a GET's value is text, a POST's keeps its JSON type. */
function variableValue(source: Record<string, unknown>, read: (v: unknown) => FilterValue): Partial<HistoricVariableFilter> {
  const value = source.variableValue;
  if (value === undefined || value === null) return {};
  if (typeof source.variableName !== 'string') {
    throw invalidRequest('Only a single variable value parameter specified: variable name and value are required to be able to query after a specific variable value.');
  }
  return { variableValue: read(value) };
}

export const deserializeValues = (req: Request) => parseFilters<{ deserializeValues?: boolean }>(req.query, { deserializeValues: 'boolean' });

export const historyVariableInstanceResource: RestResource = {
  path: '/history/variable-instance',
  routes({ db }) {
    const r = Router();
    addListRoutes<HistoricVariableFilter, HistoricVariableSortBy, HistoricVariableRow>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(HISTORIC_VARIABLE_SORT) as HistoricVariableSortBy[],
      queries: historicVariableQueries,
      toDto: (row, req) => historicVariableInstanceDto(row, deserializeValues(req)),
      fromQuery: (query) => variableValue(query, (v) => ({ kind: 'text', value: String(Array.isArray(v) ? v[0] : v) })),
      fromBody: (body) => variableValue(body, filterValueOfJson),
      post: true,
      missing: (id) => notFound(`Historic variable instance with Id '${id}' does not exist.`),
    });
    return r;
  },
};
