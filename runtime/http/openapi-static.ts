/**
 * The fixed part of the OpenAPI document (runtime/http/openapi.ts adds one records API per entity):
 * response and schema helpers, RFC 9457 problem schemas, shared query parameters, error responses,
 * and the auth, metadata and OpenAPI routes.
 */
import type { Label } from '../../metadata/index.js';
import { FIELD_ERROR_CODES } from '../errors.js';
import { EXPORT_FORMATS, EXPORT_HEADERS, EXPORT_MAX, EXPORT_PAGE } from '../records/export.js';
import { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, SEARCH_TEXT_MAX, SEARCH_TEXT_MIN } from '../records/search.js';

export type Json = Record<string, unknown>;

const PROBLEM_JSON = 'application/problem+json';
export const BULK_MAX = 1000;

export const schemaRef = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const paramRef = (name: string): Json => ({ $ref: `#/components/parameters/${name}` });
export const responseRef = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
export const jsonBody = (schema: Json): Json => ({ required: true, content: { 'application/json': { schema } } });
export const jsonResponse = (description: string, schema: Json, headers?: Json): Json => ({ description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } });
export const problemResponse = (description: string, schema: Json = schemaRef('Problem')): Json => ({ description, content: { [PROBLEM_JSON]: { schema } } });
export const labelText = (l: Label): string => `${l.en} / ${l['zh-CN']}`;

export const uuid = { type: 'string', format: 'uuid' };
export const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
export const dateTime = { type: 'string', format: 'date-time' };
const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
export const ETAG = { ETag: { description: 'The record version, quoted (use it in If-Match)', schema: { type: 'string' } } };

/** Every error response reachable from any operation (RFC 9457 problem documents). */
const RESPONSES: Json = {
  BadRequest: problemResponse('Invalid input: bad JSON, query option, filter, unknown field or failed validation (see `errors`)'),
  Unauthenticated: problemResponse('No valid session cookie or bearer token'),
  Forbidden: problemResponse('The signed-in user may not do this'),
  NotFound: problemResponse('No such entity, record or resource'),
  PayloadTooLarge: problemResponse('The request body is too large'),
  MetadataRejected: problemResponse('The metadata is invalid, the change is unsafe, or a migration failed (see `errors`)'),
};

const problemSchema: Json = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string', format: 'uri', description: 'Stable error type, e.g. https://crm.local/problems/validation-failed' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'JSON Pointer of the offending input, e.g. /stage' },
          message: { type: 'string', description: "In English; a metadata problem's (metadata-invalid, unsafe-change) in the request's Accept-Language" },
          code: {
            type: 'string',
            enum: [...FIELD_ERROR_CODES],
            description:
              'Record writes: what is wrong, stable for programs (a UI words it in its own language). transition-not-allowed {entity, field, from, to, allowed}, stale-version {entity, expected, current}, field-forbidden {entity, field}, required {entity, field}, unique {entity, field}; new codes may be added, so treat an unknown one like none',
          },
          params: { type: 'object', description: 'The values the code\'s message names (see code)' },
        },
        required: ['path', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};

const labelSchema: Json = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, required: ['zh-CN', 'en'] };

const STATIC_SCHEMAS: Json = {
  Problem: problemSchema,
  DuplicateProblem: {
    allOf: [schemaRef('Problem')],
    description: 'A possible duplicate (409): resend with allowDuplicates=true to save anyway',
    properties: {
      duplicates: {
        type: 'array',
        items: { type: 'object', properties: { rule: { type: 'string' }, id: uuid, display: {} }, required: ['rule', 'id'] },
      },
      index: { type: 'integer', minimum: 0, description: 'Position of the offending record in a bulk request' },
      duplicatesInBatch: {
        type: 'array',
        description: 'Bulk create: records of the same request that match an earlier one (index repeats of)',
        items: { type: 'object', properties: { rule: { type: 'string' }, index: { type: 'integer' }, of: { type: 'integer' } }, required: ['rule', 'index', 'of'] },
      },
    },
    anyOf: [{ required: ['duplicates'] }, { required: ['duplicatesInBatch'] }],
  },
  VersionConflictProblem: {
    allOf: [schemaRef('Problem')],
    description: 'The record was changed by someone else (409): reload and apply the change again',
    properties: { currentVersion: { type: 'integer' } },
  },
  HistoryEntry: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      at: dateTime,
      actor: {
        type: 'object',
        properties: { id: nullableUuid, username: { type: ['string', 'null'] }, displayName: { type: ['string', 'null'] } },
        required: ['id', 'username', 'displayName'],
      },
      action: { type: 'string', enum: ['create', 'update', 'delete', 'restore'] },
      field: { type: ['string', 'null'] },
      before: {},
      after: {},
    },
    required: ['id', 'at', 'actor', 'action', 'field'],
  },
  RecordQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      filter: { anyOf: [{ type: 'object' }, { type: 'string' }], description: 'Filter as JSON (filter language) or text syntax' },
      sort: {
        anyOf: [
          { type: 'string' },
          { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object', properties: { field: { type: 'string' }, direction: { enum: ['asc', 'desc'] } }, required: ['field'] }] } },
        ],
      },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
      cursor: { type: 'string' },
      fields: stringOrList,
      expand: stringOrList,
      count: { type: 'boolean' },
      deleted: { type: 'string', enum: ['include', 'only'] },
    },
  },
  SearchResult: {
    type: 'object',
    description: 'Groups of hits, one per entity with hits, the group with the best hit first; hits by rank (exact, prefix, substring match), then title',
    properties: {
      q: { type: 'string', description: 'The searched text, trimmed' },
      groups: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            entity: { type: 'string' },
            label: { $ref: '#/components/schemas/Label' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  entity: { type: 'string' },
                  id: uuid,
                  title: { type: ['string', 'null'], description: "The record's display field; null when empty or hidden for the user's role" },
                  matched: { type: 'array', items: { type: 'string' }, description: 'The fields that contain the text' },
                },
                required: ['entity', 'id', 'title', 'matched'],
              },
            },
          },
          required: ['entity', 'label', 'items'],
        },
      },
    },
    required: ['q', 'groups'],
  },
  Label: labelSchema,
  User: {
    type: 'object',
    properties: { id: uuid, username: { type: 'string' }, displayName: { type: 'string' }, isAdmin: { type: 'boolean' }, isService: { type: 'boolean' }, locale: { type: 'string' } },
    required: ['id', 'username', 'displayName', 'isAdmin'],
  },
  EntityDescription: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      label: schemaRef('Label'),
      pluralLabel: schemaRef('Label'),
      displayField: { type: 'string' },
      fields: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            kind: { type: 'string' },
            label: schemaRef('Label'),
            required: { type: 'boolean' },
            readonly: { type: 'boolean' },
            enumValues: { type: 'array', items: { type: 'string' } },
            enumLabels: { type: 'object', additionalProperties: schemaRef('Label') },
            lookup: { type: 'object', properties: { entity: { type: 'string' } } },
            stateMachine: { type: 'object' },
          },
          required: ['name', 'kind', 'label', 'required'],
        },
      },
      layout: { type: 'object', description: 'The record page\'s sections (x-crm-layout)' },
      forms: {
        type: 'object',
        description: 'The published record forms (docs/studio.md, "Record forms") laying out the create and edit pages for the caller: the one naming their role, else the one without roles; absent: the plain form',
        properties: Object.fromEntries(['create', 'edit'].map((purpose) => [purpose, {
          type: 'object',
          properties: {
            id: { type: 'string' },
            title: schemaRef('Label'),
            fields: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, help: schemaRef('Label'), widget: { type: 'string' }, showIf: { type: 'object' } }, required: ['name'] } },
            layout: { type: 'object', description: '{kind: sections|tabs, groups: [{title, columns?, fields}]}' },
          },
          required: ['id', 'title', 'fields'],
        }])),
      },
    },
    required: ['name', 'label', 'pluralLabel', 'displayField', 'fields'],
  },
};

/** Query options of list and get, shared by every entity. */
const PARAMETERS: Json = {
  filter: {
    name: 'filter', in: 'query', schema: { type: 'string' },
    description: "Text syntax, e.g. `industry eq 'finance' and amount gt 100`, or the filter language as JSON",
  },
  sort: { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'Comma-separated `field:asc|desc` (or `-field`), e.g. `name:asc,createdAt:desc`' },
  limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
  cursor: { name: 'cursor', in: 'query', schema: { type: 'string' }, description: '`nextCursor` of the previous page' },
  fields: { name: 'fields', in: 'query', schema: { type: 'string' }, description: 'Comma-separated fields to return (id and version always come back)' },
  expand: { name: 'expand', in: 'query', schema: { type: 'string' }, description: 'Comma-separated lookup fields whose related record is embedded' },
  count: { name: 'count', in: 'query', schema: { type: 'boolean' }, description: 'Also return the total `count` of matching records' },
  deleted: { name: 'deleted', in: 'query', schema: { type: 'string', enum: ['include', 'only'] }, description: 'Include soft-deleted records, or only those' },
  allowDuplicates: { name: 'allowDuplicates', in: 'query', schema: { type: 'boolean' }, description: 'Save even if duplicate rules match' },
  id: { name: 'id', in: 'path', required: true, schema: uuid },
  ifMatch: { name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'Expected record version (ETag); a stale version is a 409' },
};

export const R401 = { 401: responseRef('Unauthenticated') };
export const conflict = (description: string, ...schemas: string[]): Json => problemResponse(description, { anyOf: schemas.map(schemaRef) });

/** Auth, metadata and OpenAPI routes (operationIds start with `auth`, `metadata`, `openApi`: never an entity's). */
export function staticPaths(): Json {
  const sessionBody = {
    type: 'object',
    properties: {
      user: schemaRef('User'),
      capabilities: { type: 'object', properties: { studio: { type: 'boolean' }, admin: { type: 'boolean' } } },
      layout: {
        type: ['object', 'null'],
        description: "The user's UI layout (metadata/layouts: their role's, else the default one; null: none): `navigation` entries `{area|entity, view?, to, label?}` and `home` widgets, each only over records the user may read",
        properties: { name: { type: 'string' }, navigation: { type: 'array', items: { type: 'object' } }, home: { type: 'array', items: { type: 'object' } } },
      },
      csrfToken: { type: 'string', description: 'Also the crm_csrf cookie: send it as X-CSRF-Token on every write with the session cookie' } },
    required: ['user', 'csrfToken'],
  };
  const str = { type: 'string', minLength: 1 };
  const tags = (t: string) => [t];
  const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
  const tokenId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    '/auth/login': {
      post: {
        operationId: 'authLogin', tags: tags('auth'), security: [], summary: 'Sign in; sets the crm_session (httpOnly) and crm_csrf cookies. Every later write with the cookie sends the crm_csrf value as header X-CSRF-Token, else 403 csrf-failed',
        requestBody: jsonBody({ type: 'object', properties: { username: str, password: str }, required: ['username', 'password'] }),
        responses: { 200: jsonResponse('Signed in', sessionBody), 400: responseRef('BadRequest'), ...R401, 429: problemResponse('Too many failed sign-ins; Retry-After says when to try again') },
      },
    },
    '/auth/logout': { post: { operationId: 'authLogout', tags: tags('auth'), responses: { 204: { description: 'Signed out' }, ...R401 } } },
    '/auth/me': { get: { operationId: 'authMe', tags: tags('auth'), responses: { 200: jsonResponse('The signed-in user (and the CSRF token, set as cookie if missing)', sessionBody), ...R401 } } },
    '/auth/tokens': {
      post: {
        operationId: 'authCreateToken', tags: tags('auth'), summary: 'Create an API token (shown once)',
        requestBody: jsonBody({ type: 'object', properties: { name: str }, required: ['name'] }),
        responses: { 201: jsonResponse('The token', { type: 'object', properties: { id: { type: 'string' }, token: { type: 'string' } }, required: ['id', 'token'] }), 400: responseRef('BadRequest'), ...R401 },
      },
    },
    '/auth/tokens/{id}': {
      delete: { operationId: 'authRevokeToken', tags: tags('auth'), parameters: [tokenId], responses: { 204: { description: 'Revoked' }, ...R401, 404: responseRef('NotFound') } },
    },
    '/engine/outbox': {
      get: {
        operationId: 'engineOutboxList', tags: tags('engine'), summary: 'Remote engine commands by state: counts, and the failed (default), pending or delivered ones (administrators)',
        parameters: [
          { name: 'state', in: 'query', schema: { enum: ['failed', 'pending', 'delivered'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
        ],
        responses: {
          200: jsonResponse('Counts and commands', {
            type: 'object',
            properties: {
              counts: { type: 'object', properties: { pending: { type: 'integer' }, delivered: { type: 'integer' }, failed: { type: 'integer' } } },
              state: str,
              items: { type: 'array', items: { type: 'object', properties: { id: str, businessKey: str, command: { type: 'object' }, attempts: { type: 'integer' }, lastError: { type: ['string', 'null'] } } } },
            },
            required: ['counts', 'state', 'items'],
          }),
          400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'),
        },
      },
    },
    '/engine/outbox/{id}/retry': {
      post: {
        operationId: 'engineOutboxRetry', tags: tags('engine'), summary: 'Send a failed (parked) engine command again (administrators)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 204: { description: 'Pending again' }, ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound') },
      },
    },
    '/metadata/entities': {
      get: {
        operationId: 'metadataListEntities', tags: tags('metadata'),
        responses: { 200: jsonResponse('Visible entities', { type: 'object', properties: { version: { type: 'integer' }, entities: { type: 'array', items: schemaRef('EntityDescription') } }, required: ['version', 'entities'] }), ...R401 },
      },
    },
    '/metadata/entities/{name}': {
      get: { operationId: 'metadataGetEntity', tags: tags('metadata'), parameters: [nameParam], responses: { 200: jsonResponse('One entity', schemaRef('EntityDescription')), ...R401, 404: responseRef('NotFound') } },
    },
    '/metadata/views': {
      get: {
        operationId: 'metadataListViews', tags: tags('metadata'), parameters: [{ name: 'entity', in: 'query', schema: { type: 'string' } }],
        responses: {
          200: jsonResponse('Views, and per entity the view the caller opens first (their role\'s defaultFor view, else the default one)', {
            type: 'object',
            properties: { views: { type: 'array', items: { type: 'object' } }, defaults: { type: 'object', additionalProperties: { type: 'string' } } },
            required: ['views', 'defaults'],
          }), ...R401, 404: responseRef('NotFound') },
      },
    },
    '/metadata/versions': {
      get: {
        operationId: 'metadataListVersions', tags: tags('metadata'),
        responses: {
          200: jsonResponse('Published versions, newest first', {
            type: 'object',
            properties: { items: { type: 'array', items: { type: 'object', properties: { version: { type: 'integer' }, checksum: { type: 'string' }, publishedAt: dateTime, publishedBy: { type: ['string', 'null'] }, actionCount: { type: 'integer' } } } } },
            required: ['items'],
          }),
          ...R401,
        },
      },
    },
    '/metadata/publish': {
      post: {
        operationId: 'metadataPublish', tags: tags('metadata'), summary: 'Publish a metadata package (administrators)',
        requestBody: jsonBody({
          type: 'object',
          properties: { entities: { type: 'array', items: { type: 'object' } }, views: { type: 'array', items: { type: 'object' } }, triggers: { type: 'array', items: { type: 'object' } }, roles: { type: 'array', items: { type: 'object' } }, sharing: { type: 'array', items: { type: 'object' } }, templates: { type: 'array', items: { type: 'object' } }, migrations: { type: 'array', items: { type: 'object' } }, dryRun: { type: 'boolean' } },
          required: ['entities'],
        }),
        responses: {
          200: jsonResponse('Unchanged, or a dry run', schemaRef('PublishResult')),
          201: jsonResponse('Published a new version', schemaRef('PublishResult')),
          400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'), 422: responseRef('MetadataRejected'),
        },
      },
    },
    '/search': {
      get: {
        operationId: 'searchRecords', tags: tags('search'),
        summary: 'Search the text, email, phone and url fields of every entity the role may read (case-insensitive substring; only records the user may read, no deleted ones, no fields hidden for the role)',
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: SEARCH_TEXT_MIN, maxLength: SEARCH_TEXT_MAX }, description: 'The text (trimmed); `%` and `_` match themselves; phone fields also match by digits' },
          { name: 'entities', in: 'query', schema: { type: 'string' }, description: 'Comma-separated entities to search (each readable by the role), default all' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: SEARCH_LIMIT_MAX, default: SEARCH_LIMIT_DEFAULT }, description: 'Hits per entity' },
        ],
        responses: { 200: jsonResponse('Hits grouped by entity', schemaRef('SearchResult')), 400: responseRef('BadRequest'), ...R401 },
      },
    },
    '/transfer': {
      post: {
        operationId: 'orgTransfer', tags: tags('security'),
        summary: "Resource transfer (administrators): move one user's records (soft-deleted ones too), open user tasks and user shares to an active person, in one audited transaction; with dryRun, answer the same summary and change nothing",
        requestBody: jsonBody({
          type: 'object',
          additionalProperties: false,
          properties: {
            fromUserId: uuid,
            toUserId: { ...uuid, description: 'An active person (not a service account), other than fromUserId' },
            entities: { type: 'array', items: { type: 'string' }, description: 'Entities whose records move, each with an owner (default: every one); shares and tasks have their own switches' },
            tasks: { type: 'boolean', default: true, description: 'Reassign the open user tasks assigned to fromUserId' },
            shares: { type: 'boolean', default: true, description: 'Move the user shares granted to fromUserId (merged with a share of toUserId on the same record, higher access kept)' },
            dryRun: { type: 'boolean', default: false },
          },
          required: ['fromUserId', 'toUserId'],
        }),
        responses: {
          200: jsonResponse('What moved (or, in a dry run, would move)', {
            type: 'object',
            properties: {
              dryRun: { type: 'boolean' },
              fromUserId: uuid,
              toUserId: uuid,
              records: {
                type: 'object',
                description: 'Per entity: how many records, and the first 1000 ids (ordered)',
                additionalProperties: { type: 'object', properties: { count: { type: 'integer' }, ids: { type: 'array', items: uuid } }, required: ['count', 'ids'] },
              },
              tasks: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'string' }, name: { type: ['string', 'null'] }, processInstanceId: { type: 'string' } }, required: ['id', 'name', 'processInstanceId'] },
              },
              shares: {
                type: 'array',
                items: { type: 'object', properties: { entity: { type: 'string' }, recordId: uuid, access: { enum: ['read', 'edit'] } }, required: ['entity', 'recordId', 'access'] },
              },
            },
            required: ['dryRun', 'fromUserId', 'toUserId', 'records', 'tasks', 'shares'],
          }),
          400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'),
          409: problemResponse('A task changed (completed or deleted) while it was being transferred: nothing was transferred, try again'),
        },
      },
    },
    '/openapi.json': {
      get: { operationId: 'openApiDocument', tags: tags('metadata'), responses: { 200: jsonResponse('This document', { type: 'object' }), ...R401 } },
    },
  };
}

/** A coded text's code and params (metadata problems, a publish plan's refusals and actions); the text beside them is in the request's Accept-Language. */
export const CODED_TEXT: Json = {
  code: { type: 'string', description: 'What it says, stable for programs (metadata/issue-texts/); new codes may be added' },
  params: { type: 'object', description: "The code's params (a param may itself be {code, params})" },
};

const PUBLISH_RESULT: Json = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    changed: { type: 'boolean' },
    dryRun: { type: 'boolean' },
    actions: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, entity: { type: 'string' }, field: { type: 'string' }, summary: { type: 'string', description: "In the request's Accept-Language" }, ...CODED_TEXT, sql: {} } } },
  },
  required: ['version', 'changed', 'dryRun', 'actions'],
};


/** Components shared by every document (entity schemas are added beside these). */
export function staticComponents(): { schemas: Json; parameters: Json; responses: Json; securitySchemes: Json } {
  return {
    schemas: { ...STATIC_SCHEMAS, PublishResult: PUBLISH_RESULT },
    parameters: PARAMETERS,
    responses: RESPONSES,
    securitySchemes: {
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'crm_session' },
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token from POST /auth/tokens' },
    },
  };
}

/** `GET /records/<entity>/export` of one entity (runtime/records/export.ts); `record` is the entity's record schema. */
export function exportOperation(P: string, tags: string[], label: string, record: Json): Json {
  return {
    get: {
      operationId: `export${P}`, tags,
      summary: `Export ${label} the user may read as CSV or JSON (needs the role's export permission; at most ${EXPORT_MAX} records, read ${EXPORT_PAGE} at a time; audited)`,
      parameters: [
        { name: 'format', in: 'query', schema: { enum: [...EXPORT_FORMATS], default: 'csv' } },
        { name: 'header', in: 'query', schema: { enum: [...EXPORT_HEADERS], default: 'labels' }, description: "CSV header row: field labels in the user's locale, or API names" },
        ...['filter', 'sort', 'fields', 'deleted'].map(paramRef),
      ],
      responses: {
        200: {
          description: 'An attachment: CSV (UTF-8 with BOM, CRLF, cells starting a formula prefixed with an apostrophe) or JSON',
          headers: { 'Content-Disposition': { description: 'attachment; filename="<entity>-<yyyy-mm-dd>.<format>"', schema: { type: 'string' } } },
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: record } }, required: ['items'] } },
          },
        },
        400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound'),
      },
    },
  };
}

/** `GET /records/<entity>/text-search` of an entity with x-crm-fulltext (runtime/records/text-search.ts). */
export function textSearchOperation(P: string, tags: string[], label: string, record: Json): Json {
  return {
    get: {
      operationId: `textSearch${P}`, tags,
      summary: `Full-text search of ${label} in Chinese and English (any of the text's words or character bigrams), best first, among those the user may read`,
      parameters: [
        { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 500 } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
        ...['filter', 'fields', 'expand'].map(paramRef),
      ],
      responses: {
        200: jsonResponse('Matches, best first', {
          type: 'object',
          properties: { q: { type: 'string' }, items: { type: 'array', items: { type: 'object', properties: { rank: { type: 'number' }, record }, required: ['rank', 'record'] } } },
          required: ['q', 'items'],
        }),
        400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound'),
      },
    },
  };
}
