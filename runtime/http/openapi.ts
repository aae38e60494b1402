/**
 * The OpenAPI 3.1 document of `/api`, generated from the live compiled model: one set of component
 * schemas and one records API per visible entity, plus the static auth, metadata and OpenAPI
 * routes. Entity field schemas are the metadata's own value schemas (x-crm-* stripped), so the
 * document and the server's ajv validation cannot drift. Cached per (model object, version).
 */
import { entityRecordSchema, fieldValueSchema, pascalCase, type CompiledEntity, type CompiledModel } from '../../metadata/index.js';
import {
  BULK_MAX, conflict, dateTime, ETAG, exportOperation, textSearchOperation, jsonBody, jsonResponse, labelText, nullableUuid, paramRef, R401, responseRef, schemaRef, staticComponents, staticPaths, uuid, type Json,
} from './openapi-static.js';
import { orgPaths, ORG_SCHEMAS } from './openapi-org.js';
import { policyPaths } from './openapi-policy.js';
import { notifyPaths } from './openapi-notify.js';
import { documentPaths } from './openapi-documents.js';
import { studioModelPaths } from './openapi-studio-model.js';
import { studioProcessPaths } from './openapi-studio-process.js';
import { savedViewPaths } from './openapi-views.js';
import { taskPaths, TASK_SCHEMAS } from './openapi-tasks.js';
import { dashboardPaths, DASHBOARD_SCHEMAS } from './openapi-dashboards.js';
import { leadPaths, portalPaths } from './openapi-leads.js';
import { MAX_GROUP_BY, MAX_GROUPS, MAX_METRICS } from '../records/aggregate.js';
import { securityPaths, SECURITY_SCHEMAS } from './openapi-security.js';

const SYSTEM_PROPERTIES: Json = {
  id: uuid,
  version: { type: 'integer', minimum: 1 },
  ownerId: nullableUuid,
  createdAt: dateTime,
  createdBy: nullableUuid,
  updatedAt: dateTime,
  updatedBy: nullableUuid,
  deletedAt: { type: ['string', 'null'], format: 'date-time' },
  deletedBy: nullableUuid,
};

/** Component names of one entity's schemas. */
interface EntityNames {
  record: string;
  create: string;
  update: string;
  patch: string;
  bulkUpdateItem: string;
  list: string;
}
const SUFFIXES: Record<keyof EntityNames, string> = { record: '', create: 'Create', update: 'Update', patch: 'Patch', bulkUpdateItem: 'BulkUpdateItem', list: 'List' };

/** PascalCase names, made unique against static schemas and earlier entities (`problem` → `ProblemEntity`). */
function allocateNames(entity: CompiledEntity, taken: Set<string>): EntityNames {
  const base = pascalCase(entity.name);
  for (let n = 0; ; n++) {
    const stem = n === 0 ? base : `${base}Entity${n === 1 ? '' : n}`;
    const names = Object.fromEntries(Object.entries(SUFFIXES).map(([k, s]) => [k, stem + s])) as unknown as EntityNames;
    if (Object.values(names).some((name) => taken.has(name))) continue;
    for (const name of Object.values(names)) taken.add(name);
    return names;
  }
}

/** Add `extra` properties (and required names) to an object schema. */
function extend(schema: Json, extra: Json, required: string[], title: string): Json {
  const req = [...((schema.required as string[] | undefined) ?? []), ...required];
  const { required: _r, ...rest } = schema;
  return { ...rest, title, properties: { ...(schema.properties as Json), ...extra }, ...(req.length ? { required: req } : {}) };
}

function entitySchemas(entity: CompiledEntity, names: EntityNames): Json {
  const properties: Json = { ...SYSTEM_PROPERTIES };
  for (const f of entity.fields) {
    if (f.hidden) continue;
    const value = fieldValueSchema(f, !f.required);
    properties[f.name] = { title: f.label.en, ...(value.description === undefined ? { description: labelText(f.label) } : {}), ...value };
  }
  const update = entityRecordSchema(entity, 'update');
  const version = { type: 'integer', description: 'Expected current version (optimistic locking)' };
  return {
    [names.record]: {
      type: 'object',
      title: entity.label.en,
      description: `${labelText(entity.label)} (${entity.name})`,
      'x-crm-entity': entity.name,
      'x-crm-label': entity.label,
      'x-crm-plural-label': entity.pluralLabel,
      'x-crm-display-field': entity.displayField,
      properties,
      required: ['id', 'version'],
    },
    [names.create]: entityRecordSchema(entity, 'create'),
    [names.update]: update,
    [names.patch]: extend(update, { version }, [], `${entity.label.en} (update with version)`),
    [names.bulkUpdateItem]: extend(update, { id: uuid, version }, ['id'], `${entity.label.en} (bulk update item)`),
    [names.list]: {
      type: 'object',
      properties: { items: { type: 'array', items: schemaRef(names.record) }, nextCursor: { type: ['string', 'null'] }, count: { type: 'integer', minimum: 0 } },
      required: ['items', 'nextCursor'],
    },
  };
}


function entityPaths(entity: CompiledEntity, names: EntityNames): Json {
  const P = pascalCase(entity.name);
  const tags = [entity.name];
  const base = `/records/${entity.name}`;
  const one = schemaRef(names.record);
  const itemsOf = (schema: Json) => ({ type: 'object', properties: { items: { type: 'array', items: schema } }, required: ['items'] });
  const bulkBody = (item: string) =>
    jsonBody({ type: 'object', properties: { records: { type: 'array', minItems: 1, maxItems: BULK_MAX, items: schemaRef(item) } }, required: ['records'] });
  const label = labelText(entity.pluralLabel);
  const listParams = ['filter', 'sort', 'limit', 'cursor', 'fields', 'expand', 'count', 'deleted'].map(paramRef);
  const writeErrors = { 400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden') };
  return {
    [base]: {
      get: {
        operationId: `list${P}`, tags, summary: `List ${label}`, parameters: listParams,
        responses: { 200: jsonResponse('A page of records', schemaRef(names.list)), 400: responseRef('BadRequest'), ...R401 },
      },
      post: {
        operationId: `create${P}`, tags, summary: `Create a ${entity.label.en}`,
        parameters: [paramRef('allowDuplicates')],
        requestBody: jsonBody(schemaRef(names.create)),
        responses: { 201: jsonResponse('The created record', one, ETAG), ...writeErrors, 409: conflict('Possible duplicate, or a unique value already exists', 'DuplicateProblem', 'Problem') },
      },
    },
    [`${base}/query`]: {
      post: {
        operationId: `query${P}`, tags, summary: `Query ${label} (options in the body)`,
        requestBody: jsonBody(schemaRef('RecordQuery')),
        responses: { 200: jsonResponse('A page of records', schemaRef(names.list)), 400: responseRef('BadRequest'), ...R401 },
      },
    },
    [`${base}/bulk`]: {
      post: {
        operationId: `bulkCreate${P}`, tags, summary: `Create up to ${BULK_MAX} records, all or none`,
        parameters: [paramRef('allowDuplicates')], requestBody: bulkBody(names.create),
        responses: { 201: jsonResponse('The created records, in order', itemsOf(one)), ...writeErrors, 409: conflict('Possible duplicate (see `index`) or unique value exists', 'DuplicateProblem', 'Problem'), 413: responseRef('PayloadTooLarge') },
      },
      patch: {
        operationId: `bulkUpdate${P}`, tags, summary: `Update up to ${BULK_MAX} records, all or none`,
        parameters: [paramRef('allowDuplicates')], requestBody: bulkBody(names.bulkUpdateItem),
        responses: {
          200: jsonResponse('The updated records, in order', itemsOf(one)), ...writeErrors, 404: responseRef('NotFound'),
          409: conflict('Version conflict, possible duplicate or unique value exists', 'VersionConflictProblem', 'DuplicateProblem', 'Problem'), 413: responseRef('PayloadTooLarge'),
        },
      },
    },
    [`${base}/export`]: exportOperation(P, tags, label, one),
    ...(entity.fulltext ? { [`${base}/text-search`]: textSearchOperation(P, tags, label, one) } : {}),
    ...(entity.duplicateRules.length > 0
      ? {
          [`${base}/duplicates`]: {
            post: {
              operationId: `duplicates${P}`, tags,
              summary: `Records the user may read that the duplicate rules of ${label} match for the given values (normalised as on create; nothing is written)`,
              parameters: [{ name: 'excludeId', in: 'query', schema: uuid, description: 'Leave this record out (the one being checked)' }],
              requestBody: jsonBody({ type: 'object', description: 'Field values, as in a create' }),
              responses: {
                200: jsonResponse('Matches, at most 10 per rule', itemsOf({ type: 'object', properties: { rule: { type: 'string' }, id: uuid, display: {} }, required: ['rule', 'id'] })),
                400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'),
              },
            },
          },
        }
      : {}),
    [`${base}/aggregate`]: {
      get: {
        operationId: `aggregate${P}`, tags,
        summary: `Counts, sums, averages, minima and maxima of ${label}, grouped by up to ${MAX_GROUP_BY} fields (dates by day, week, month, quarter or year); only records the user may read`,
        parameters: [
          { name: 'groupBy', in: 'query', schema: { type: 'string' }, description: 'Comma-separated fields or lookup paths; a date field may name a period: `closeDate:month`' },
          { name: 'metrics', in: 'query', schema: { type: 'string' }, description: `Comma-separated: \`count\` (default) or \`sum|avg|min|max:<field>\` (at most ${MAX_METRICS})` },
          paramRef('filter'),
          { name: 'deleted', in: 'query', schema: { enum: ['include', 'only'] } },
        ],
        responses: {
          200: jsonResponse('Groups ordered by their values (empty values last), and the total', {
            type: 'object',
            properties: {
              groupBy: { type: 'array', items: { type: 'string' } },
              metrics: { type: 'array', items: { type: 'string' } },
              groups: { type: 'array', maxItems: MAX_GROUPS, items: { type: 'object', properties: { key: { type: 'object' }, values: { type: 'object' } } } },
              total: { type: 'object' },
            },
          }),
          400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'),
        },
      },
    },
    [`${base}/{id}`]: {
      parameters: [paramRef('id')],
      get: {
        operationId: `get${P}`, tags, summary: `Get a ${entity.label.en}`, parameters: ['fields', 'expand', 'deleted'].map(paramRef),
        responses: { 200: jsonResponse('The record', one, ETAG), 400: responseRef('BadRequest'), ...R401, 404: responseRef('NotFound') },
      },
      patch: {
        operationId: `update${P}`, tags, summary: `Update a ${entity.label.en} (only the members sent)`,
        parameters: [paramRef('ifMatch'), paramRef('allowDuplicates')], requestBody: jsonBody(schemaRef(names.patch)),
        responses: {
          200: jsonResponse('The updated record', one, ETAG), ...writeErrors, 404: responseRef('NotFound'),
          409: conflict('Version conflict, possible duplicate or unique value exists', 'VersionConflictProblem', 'DuplicateProblem', 'Problem'),
        },
      },
      delete: {
        operationId: `delete${P}`, tags, summary: `Soft-delete a ${entity.label.en}`, parameters: [paramRef('ifMatch')],
        responses: { 204: { description: 'Deleted (restorable)' }, ...writeErrors, 404: responseRef('NotFound'), 409: conflict('Version conflict', 'VersionConflictProblem', 'Problem') },
      },
    },
    [`${base}/{id}/restore`]: {
      parameters: [paramRef('id')],
      post: {
        operationId: `restore${P}`, tags, summary: `Restore a deleted ${entity.label.en}`,
        responses: { 200: jsonResponse('The restored record', one), ...writeErrors, 404: responseRef('NotFound'), 409: conflict('A unique value already exists', 'Problem') },
      },
    },
    ...(entity.owner
      ? {
          [`${base}/{id}/owner`]: {
            parameters: [paramRef('id')],
            put: {
              operationId: `changeOwner${P}`, tags, summary: `Give the ${entity.label.en} a new owner, or none with null (the role's transfer permission; the owner or above them)`,
              requestBody: jsonBody({ type: 'object', properties: { ownerId: nullableUuid, version: { type: 'integer' } }, required: ['ownerId'] }),
              responses: { 200: jsonResponse('The record with its new owner', one, ETAG), ...writeErrors, 404: responseRef('NotFound'), 409: conflict('Version conflict', 'VersionConflictProblem', 'Problem') },
            },
          },
        }
      : {}),
    [`${base}/{id}/history`]: {
      parameters: [paramRef('id')],
      get: {
        operationId: `history${P}`, tags, summary: 'Change history, oldest first',
        responses: { 200: jsonResponse('Audit entries', itemsOf(schemaRef('HistoryEntry'))), 400: responseRef('BadRequest'), ...R401, 404: responseRef('NotFound') },
      },
    },
  };
}

function build(model: CompiledModel, version: number): Json {
  const components = staticComponents();
  const schemas: Json = { ...components.schemas, ...SECURITY_SCHEMAS, ...ORG_SCHEMAS, ...TASK_SCHEMAS, ...DASHBOARD_SCHEMAS };
  const taken = new Set(Object.keys(schemas));
  const paths: Json = {
    ...staticPaths(), ...securityPaths(), ...orgPaths(), ...policyPaths(), ...notifyPaths(), ...documentPaths(), ...studioModelPaths(), ...studioProcessPaths(), ...savedViewPaths(), ...taskPaths(), ...dashboardPaths(),
    ...(model.entities.lead && !model.entities.lead.hidden ? leadPaths() : {}),
    ...(model.entities.serviceRequest && !model.entities.serviceRequest.hidden ? portalPaths() : {}),
  };
  const tags: Json[] = [{ name: 'auth' }, { name: 'metadata' }, { name: 'security' }, { name: 'search' }, { name: 'notifications' }, { name: 'tasks' }, { name: 'dashboards' }, { name: 'attachments' }, { name: 'documents' }];
  const visible = Object.values(model.entities).filter((e) => !e.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entity of visible) {
    const names = allocateNames(entity, taken);
    Object.assign(schemas, entitySchemas(entity, names));
    Object.assign(paths, entityPaths(entity, names));
    tags.push({ name: entity.name, description: labelText(entity.pluralLabel), 'x-crm-label': entity.label });
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: 'CRM API', version: `metadata v${version}`, description: 'Records API generated from the published metadata.' },
    servers: [{ url: '/api' }],
    security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    tags,
    paths,
    components: { ...components, schemas },
  };
}

const cache = new WeakMap<CompiledModel, Map<number, object>>();

/**
 * The OpenAPI document of `model` published as `version`, built once per model object and version.
 * The result is shared between callers: treat it as read-only.
 */
export function openApiDocument(model: CompiledModel, version: number): object {
  let byVersion = cache.get(model);
  if (!byVersion) cache.set(model, (byVersion = new Map()));
  let doc = byVersion.get(version);
  if (!doc) byVersion.set(version, (doc = build(model, version)));
  return doc;
}
