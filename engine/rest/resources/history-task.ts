/** `/history/task`: historic task instances (GET/POST list and count). */
import { Router } from 'express';
import { HISTORIC_TASK_SORT, historicTaskQueries, type HistoricTaskFilter, type HistoricTaskRow, type HistoricTaskSortBy } from '../../persistence/index.js';
import { historicTaskInstanceDto } from '../history-dto.js';
import { addListRoutes } from '../list-routes.js';
import type { ParamKind } from '../params.js';
import { variablesFromBody, variablesFromQuery } from '../variable-query.js';
import type { RestResource } from './resource.js';

const FILTERS: { [K in keyof HistoricTaskFilter]?: ParamKind } = {
  taskId: 'string',
  processInstanceId: 'string',
  processInstanceBusinessKey: 'string',
  processInstanceBusinessKeyIn: 'stringList',
  processInstanceBusinessKeyLike: 'string',
  executionId: 'string',
  activityInstanceIdIn: 'stringList',
  processDefinitionId: 'string',
  processDefinitionKey: 'string',
  processDefinitionName: 'string',
  processDefinitionNameLike: 'string',
  taskName: 'string',
  taskNameLike: 'string',
  taskDescription: 'string',
  taskDescriptionLike: 'string',
  taskDefinitionKey: 'string',
  taskDefinitionKeyIn: 'stringList',
  taskDeleteReason: 'string',
  taskDeleteReasonLike: 'string',
  taskAssignee: 'string',
  taskAssigneeLike: 'string',
  taskOwner: 'string',
  taskOwnerLike: 'string',
  taskPriority: 'integer',
  assigned: 'boolean',
  unassigned: 'boolean',
  finished: 'boolean',
  unfinished: 'boolean',
  processFinished: 'boolean',
  processUnfinished: 'boolean',
  taskDueDate: 'date',
  taskDueDateBefore: 'date',
  taskDueDateAfter: 'date',
  withoutTaskDueDate: 'boolean',
  taskFollowUpDate: 'date',
  taskFollowUpDateBefore: 'date',
  taskFollowUpDateAfter: 'date',
  startedBefore: 'date',
  startedAfter: 'date',
  finishedBefore: 'date',
  finishedAfter: 'date',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  variableNamesIgnoreCase: 'boolean',
  variableValuesIgnoreCase: 'boolean',
};

export const historyTaskResource: RestResource = {
  path: '/history/task',
  routes({ db }) {
    const r = Router();
    addListRoutes<HistoricTaskFilter, HistoricTaskSortBy, HistoricTaskRow>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(HISTORIC_TASK_SORT) as HistoricTaskSortBy[],
      queries: historicTaskQueries,
      toDto: historicTaskInstanceDto,
      fromQuery: (query) => ({ processVariables: variablesFromQuery(query, 'processVariables') }),
      fromBody: (body) => ({ processVariables: variablesFromBody(body, 'processVariables') }),
      post: true,
    });
    return r;
  },
};
