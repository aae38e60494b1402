/**
 * OpenAPI paths of the dashboards (runtime/dashboards): hand-written like openapi-tasks.ts, merged
 * by openapi.ts. Every number counts only records (and tasks) the user may read.
 */
import { jsonResponse, problemResponse, R401, responseRef, schemaRef, type Json } from './openapi-static.js';

const tags = ['dashboards'];
const num = { type: 'number' };
const label = { oneOf: [{ type: 'null' }, { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } }] };
const stage = { value: { type: 'string' }, label, probability: num, count: { type: 'integer' }, amount: num };
const notReadable = { 403: problemResponse('The user\'s role may not read the entity the dashboard counts') };

export const DASHBOARD_SCHEMAS: Json = {
  Funnel: {
    type: 'object',
    properties: {
      entity: { type: 'string' },
      field: { type: 'string' },
      stages: {
        type: 'array',
        description: 'The stages above 0 % in enum order; reached = there or at a later stage (the lost ones reached the first); conversion = reached / the previous stage\'s reached',
        items: { type: 'object', properties: { ...stage, reached: { type: 'integer' }, conversion: { type: ['number', 'null'] } } },
      },
      lost: { type: 'array', items: { type: 'object', properties: stage }, description: 'The stages at 0 %' },
      total: { type: 'object', properties: { count: { type: 'integer' }, amount: num, weighted: num } },
    },
    required: ['entity', 'field', 'stages', 'lost', 'total'],
  },
  ForecastNode: {
    type: 'object',
    properties: {
      kind: { enum: ['company', 'department', 'person', 'unowned'] },
      id: { type: ['string', 'null'] },
      name: { type: 'string' },
      count: { type: 'integer', description: 'Opportunities at open stages' },
      pipeline: { ...num, description: 'Their amount' },
      weighted: { ...num, description: 'Σ amount × stage probability' },
      won: { ...num, description: 'Amount at 100 % stages' },
      ownerIds: { type: 'array', items: { type: ['string', 'null'] } },
      children: { type: 'array', items: schemaRef('ForecastNode') },
    },
    required: ['kind', 'id', 'name', 'count', 'pipeline', 'weighted', 'won', 'ownerIds', 'children'],
  },
};

export function dashboardPaths(): Json {
  return {
    '/dashboards/funnel': {
      get: {
        operationId: 'dashboardFunnel', tags,
        summary: 'The sales funnel: opportunities and amount per stage, how many reached each stage and the conversion from the one before',
        parameters: [{ name: 'scope', in: 'query', schema: { enum: ['all', 'mine'], default: 'all' }, description: 'Every opportunity the user may read, or only their own (my pipeline)' }],
        responses: { 200: jsonResponse('The funnel', schemaRef('Funnel')), 400: responseRef('BadRequest'), ...R401, ...notReadable },
      },
    },
    '/dashboards/forecast': {
      get: {
        operationId: 'dashboardForecast', tags,
        summary: 'The forecast roll-up person → department (up its tree) → company, weighted by the stages\' probabilities',
        responses: { 200: jsonResponse('The company node', schemaRef('ForecastNode')), 400: responseRef('BadRequest'), ...R401, ...notReadable },
      },
    },
    '/dashboards/overdue-tasks': {
      get: {
        operationId: 'dashboardOverdueTasks', tags,
        summary: 'Open tasks past their due date that the user may see, counted per process, longest overdue first',
        responses: {
          200: jsonResponse('Overdue tasks', {
            type: 'object',
            properties: {
              groups: { type: 'array', items: { type: 'object', properties: { processDefinitionKey: { type: 'string' }, processDefinitionName: { type: ['string', 'null'] }, count: { type: 'integer' } } } },
              items: { type: 'array', items: schemaRef('TaskItem') },
            },
            required: ['groups', 'items'],
          }),
          400: responseRef('BadRequest'), ...R401,
        },
      },
    },
    '/dashboards/service-requests': {
      get: {
        operationId: 'dashboardServiceRequests', tags,
        summary: 'Service requests per state (the dispatch state) and the overdue ones among them: an open task of their process is past due (the SLA)',
        responses: {
          200: jsonResponse('Per state', {
            type: 'object',
            properties: {
              entity: { type: 'string' },
              field: { type: 'string' },
              states: {
                type: 'array',
                items: { type: 'object', properties: { value: { type: 'string' }, label, count: { type: 'integer' }, overdue: { type: 'integer' }, overdueIds: { type: 'array', items: { type: 'string' } } } },
              },
              total: { type: 'object', properties: { count: { type: 'integer' }, overdue: { type: 'integer' } } },
            },
            required: ['entity', 'field', 'states', 'total'],
          }),
          400: responseRef('BadRequest'), ...R401, ...notReadable,
        },
      },
    },
  };
}
