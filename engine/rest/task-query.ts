/**
 * Camunda's TaskQueryDto: the same filters as `GET /task` query parameters and as `POST /task`'s
 * JSON body (lists comma-separated there, JSON arrays here; POST adds `sorting`). Filters on
 * variables, `orQueries` and `…Expression` filters are refused: silently ignoring them would
 * answer the wrong tasks.
 */
import type { Request } from 'express';
import { invalidRequest } from '../errors.js';
import { TASK_SORT, type TaskFilter, type TaskQuery, type TaskSortBy } from '../persistence/index.js';
import { parseBodyFilters, parseBodySorting, parseFilters, parsePage, type ParamSpec } from './params.js';

type Parsed = Omit<TaskFilter, 'delegationState'> & { delegationState?: string };

const FILTERS: ParamSpec<Parsed> = {
  taskId: 'string',
  taskIdIn: 'stringList',
  processInstanceId: 'string',
  processInstanceIdIn: 'stringList',
  processInstanceBusinessKey: 'string',
  processInstanceBusinessKeyIn: 'stringList',
  processInstanceBusinessKeyLike: 'string',
  processDefinitionId: 'string',
  processDefinitionKey: 'string',
  processDefinitionKeyIn: 'stringList',
  processDefinitionName: 'string',
  processDefinitionNameLike: 'string',
  executionId: 'string',
  activityInstanceIdIn: 'stringList',
  taskDefinitionKey: 'string',
  taskDefinitionKeyIn: 'stringList',
  taskDefinitionKeyLike: 'string',
  name: 'string',
  nameNotEqual: 'string',
  nameLike: 'string',
  nameNotLike: 'string',
  description: 'string',
  descriptionLike: 'string',
  assignee: 'string',
  assigneeIn: 'stringList',
  assigneeNotIn: 'stringList',
  assigneeLike: 'string',
  owner: 'string',
  assigned: 'boolean',
  unassigned: 'boolean',
  involvedUser: 'string',
  candidateUser: 'string',
  candidateGroup: 'string',
  candidateGroupLike: 'string',
  candidateGroups: 'stringList',
  includeAssignedTasks: 'boolean',
  withCandidateGroups: 'boolean',
  withoutCandidateGroups: 'boolean',
  withCandidateUsers: 'boolean',
  withoutCandidateUsers: 'boolean',
  delegationState: 'string',
  priority: 'integer',
  minPriority: 'integer',
  maxPriority: 'integer',
  dueDate: 'date',
  dueBefore: 'date',
  dueAfter: 'date',
  withoutDueDate: 'boolean',
  followUpDate: 'date',
  followUpBefore: 'date',
  followUpAfter: 'date',
  followUpBeforeOrNotExistent: 'date',
  createdOn: 'date',
  createdBefore: 'date',
  createdAfter: 'date',
  updatedAfter: 'date',
  active: 'boolean',
  suspended: 'boolean',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  parentTaskId: 'string',
};

/** TaskQueryDto fields this engine cannot evaluate (no variable filters, no or-queries, no expressions, no cases). */
const REFUSED = [
  'taskVariables',
  'processVariables',
  'caseInstanceVariables',
  'orQueries',
  'caseDefinitionId',
  'caseDefinitionKey',
  'caseDefinitionName',
  'caseDefinitionNameLike',
  'caseInstanceId',
  'caseInstanceBusinessKey',
  'caseInstanceBusinessKeyLike',
  'caseExecutionId',
];
const SORT_KEYS = Object.keys(TASK_SORT) as TaskSortBy[];

function refuseUnsupported(given: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(given)) {
    const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
    if (!empty && (REFUSED.includes(name) || name.endsWith('Expression'))) {
      throw invalidRequest(`The task query parameter '${name}' is not supported by this engine.`);
    }
  }
}

/** Camunda's DelegationStateConverter. */
function withDelegationState(parsed: Parsed): TaskFilter {
  const { delegationState, ...rest } = parsed;
  if (delegationState === undefined) return rest;
  const state = delegationState.toUpperCase();
  if (state !== 'PENDING' && state !== 'RESOLVED') {
    throw invalidRequest(`Valid values for property 'delegationState' are 'PENDING' or 'RESOLVED', but was '${delegationState}'`);
  }
  return { ...rest, delegationState: state };
}

/** `GET /task` and `/task/count`. */
export function taskQueryFromParams(query: Request['query']): TaskQuery {
  refuseUnsupported(query);
  return { ...withDelegationState(parseFilters(query, FILTERS)), ...parsePage(query, SORT_KEYS) };
}

/** `POST /task` and `/task/count`: the body's filters and sorting, paging from the query string. */
export function taskQueryFromBody(body: unknown, query: Request['query']): TaskQuery {
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('The task query must be a JSON object.');
  const b = body as Record<string, unknown>;
  refuseUnsupported(b);
  const { firstResult, maxResults } = parsePage(query, SORT_KEYS);
  return { ...withDelegationState(parseBodyFilters(b, FILTERS)), ...parseBodySorting(b, SORT_KEYS), firstResult, maxResults };
}
