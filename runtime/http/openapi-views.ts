/** OpenAPI paths of saved views (runtime/views): hand-written like openapi-static.ts, merged by openapi.ts. */
import { GROUPABLE_KINDS } from '../../metadata/index.js';
import { COLUMNS_MAX, MODES, NAME_MAX, SORT_MAX } from '../views/saved-views.js';
import { conflict, dateTime, jsonBody, jsonResponse, R401, responseRef, uuid, type Json } from './openapi-static.js';

const tags = ['saved views'];
const sort = { type: 'array', maxItems: SORT_MAX, items: { type: 'object', required: ['field', 'direction'], properties: { field: { type: 'string' }, direction: { enum: ['asc', 'desc'] } } } };
const input = {
  type: 'object',
  additionalProperties: false,
  required: ['entity', 'name'],
  properties: {
    entity: { type: 'string', description: 'An entity the user may read; a view keeps its entity' },
    name: { type: 'string', minLength: 1, maxLength: NAME_MAX, description: 'Unique (ignoring case) among my views of the entity' },
    filter: { description: 'A record filter, text or JSON (as in GET /records/{entity}); null: none', anyOf: [{ type: 'string' }, { type: 'object' }, { type: 'array' }, { type: 'null' }] },
    sort,
    columns: { type: ['array', 'null'], minItems: 1, maxItems: COLUMNS_MAX, items: { type: 'string' }, description: 'Fields or lookup paths (account.name); null: the default view’s columns' },
    groupBy: { type: ['string', 'null'], description: `The table is grouped by this field (of a kind a view document may group by: ${GROUPABLE_KINDS.join(', ')}; or ownerId); null: not grouped` },
    mode: { enum: [...MODES], default: 'table' },
  },
};
const view: Json = {
  type: 'object',
  properties: { ...input.properties, id: uuid, createdAt: dateTime, updatedAt: dateTime },
  required: ['id', 'entity', 'name', 'filter', 'sort', 'columns', 'groupBy', 'mode', 'createdAt', 'updatedAt'],
};
const idParam = [{ name: 'id', in: 'path', required: true, schema: uuid }];

export function savedViewPaths(): Json {
  return {
    '/saved-views': {
      get: {
        operationId: 'listSavedViews', tags, summary: 'My saved views, by entity and name',
        parameters: [{ name: 'entity', in: 'query', schema: { type: 'string' }, description: 'Only the views of this entity' }],
        responses: { 200: jsonResponse('Saved views', { type: 'object', properties: { items: { type: 'array', items: view } }, required: ['items'] }), 400: responseRef('BadRequest'), ...R401 },
      },
      post: {
        operationId: 'createSavedView', tags, summary: 'Save a view (its filter and sort are checked by running them once)',
        requestBody: jsonBody(input),
        responses: {
          201: jsonResponse('Saved', view), 400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound'),
          409: conflict('I already have a view of this name for the entity', 'Problem'),
        },
      },
    },
    '/saved-views/{id}': {
      parameters: idParam,
      get: { operationId: 'getSavedView', tags, summary: 'One of my saved views', responses: { 200: jsonResponse('Saved view', view), ...R401, 404: responseRef('NotFound') } },
      put: {
        operationId: 'replaceSavedView', tags, summary: 'Change one of my saved views (all of it)',
        requestBody: jsonBody(input),
        responses: { 200: jsonResponse('Saved', view), 400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound'), 409: conflict('Name already used', 'Problem') },
      },
      delete: { operationId: 'deleteSavedView', tags, summary: 'Delete one of my saved views', responses: { 204: { description: 'Deleted' }, ...R401, 404: responseRef('NotFound') } },
    },
  };
}
