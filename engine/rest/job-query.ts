/**
 * Camunda's JobQueryDto, read from query parameters (GET /job, /job/count) or from a JSON body
 * (POST /job, /job/count): the filters, `dueDates`/`createTimes` conditions (`lt_<date>,gt_<date>`
 * in a parameter, `[{operator, value}]` in a body), and sorting (`sortBy`+`sortOrder`, or a body's
 * `sorting` list).
 */
import type { Request } from 'express';
import { invalidRequest } from '../errors.js';
import { JOB_SORT, type DateCondition, type JobFilter, type JobPage, type JobSortBy } from '../jobs/index.js';
import { parseDate } from './dates.js';
import { parseBodyFilters, parseBodySorting, parseFilters, parsePage, type ParamSpec } from './params.js';

type SimpleFilter = Omit<JobFilter, 'dueDates' | 'createTimes'>;

const FILTERS: ParamSpec<SimpleFilter> = {
  jobId: 'string',
  jobIds: 'stringList',
  jobDefinitionId: 'string',
  processInstanceId: 'string',
  processInstanceIds: 'stringList',
  executionId: 'string',
  processDefinitionId: 'string',
  processDefinitionKey: 'string',
  activityId: 'string',
  failedActivityId: 'string',
  withRetriesLeft: 'boolean',
  noRetriesLeft: 'boolean',
  executable: 'boolean',
  timers: 'boolean',
  messages: 'boolean',
  withException: 'boolean',
  exceptionMessage: 'string',
  active: 'boolean',
  suspended: 'boolean',
  priorityHigherThanOrEquals: 'integer',
  priorityLowerThanOrEquals: 'integer',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  includeJobsWithoutTenantId: 'boolean',
  acquired: 'boolean',
};

const CONDITIONS = { dueDates: 'due date', createTimes: 'create time' } as const;
const SORT_KEYS = Object.keys(JOB_SORT) as JobSortBy[];

export interface JobQuery {
  filter: JobFilter;
  page: JobPage;
}

function condition(what: string, operator: unknown, value: unknown): DateCondition {
  if (operator !== 'lt' && operator !== 'gt') throw invalidRequest(`Invalid ${what} comparator specified: ${String(operator)}`);
  const date = typeof value === 'string' ? parseDate(value) : null;
  if (!date) throw invalidRequest(`Invalid ${what} format: Cannot convert value "${String(value)}" to java type java.util.Date`);
  return { operator, value: date };
}

/** `lt_2024-01-01T00:00:00.000+0000,gt_…` */
function conditionsFromText(what: string, text: string): DateCondition[] {
  return text.split(',').map((part) => {
    const at = part.indexOf('_');
    if (at < 0) throw invalidRequest('condition query parameter has to have format OPERATOR_VALUE.');
    return condition(what, part.slice(0, at), part.slice(at + 1));
  });
}

function checkTimersAndMessages(f: JobFilter): JobFilter {
  if (f.timers && f.messages) throw invalidRequest('Parameter timers cannot be used together with parameter messages.');
  return f;
}

export function jobQueryFromParams(query: Request['query']): JobQuery {
  const filter: JobFilter = parseFilters(query, FILTERS);
  for (const [name, what] of Object.entries(CONDITIONS) as [keyof typeof CONDITIONS, string][]) {
    const text = parseFilters<Record<string, string | undefined>>(query, { [name]: 'string' })[name];
    if (text !== undefined) filter[name] = conditionsFromText(what, text);
  }
  return { filter: checkTimersAndMessages(filter), page: parsePage(query, SORT_KEYS) };
}

/** A POST body; paging comes from the query string, as in Camunda. */
export function jobQueryFromBody(body: Record<string, unknown>, query: Request['query']): JobQuery {
  const filter: JobFilter = parseBodyFilters(body, FILTERS);
  for (const [name, what] of Object.entries(CONDITIONS) as [keyof typeof CONDITIONS, string][]) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) throw invalidRequest(`Cannot set query parameter '${name}' to value '${JSON.stringify(value)}'`);
    filter[name] = value.map((c: { operator?: unknown; value?: unknown } | null) => condition(what, c?.operator, c?.value));
  }
  const { firstResult, maxResults } = parsePage(query, []);
  return { filter: checkTimersAndMessages(filter), page: { ...parseBodySorting(body, SORT_KEYS), firstResult, maxResults } };
}
