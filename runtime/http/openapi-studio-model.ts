/**
 * OpenAPI paths of the entity designer (docs/studio.md, runtime/studio-model): the shared metadata
 * draft and the published versions' documents, diffs and exports. Studio users only (403 otherwise).
 * Hand-written like openapi-static.ts, merged by openapi.ts.
 */
import { DRAFT_DOCUMENT_KINDS } from '../studio-model/documents.js';
import { CODED_TEXT, dateTime, jsonBody, jsonResponse, problemResponse, R401, responseRef, schemaRef, type Json } from './openapi-static.js';

const tags = ['metadata'];
const studio = { ...R401, 403: responseRef('Forbidden') };
const stale = { 409: problemResponse('The draft revision is not the current one (currentRevision), or a newer version changed the same documents', schemaRef('Problem')) };
const revisionQuery = { name: 'revision', in: 'query', required: true, schema: { type: 'integer', minimum: 0 }, description: 'The draft revision the change is based on' };
const versionParam = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const formatQuery = { name: 'format', in: 'query', schema: { enum: ['zip', 'json'] }, description: 'zip (default): the metadata/ layout; json: {files: {path: text}}' };
const packageDocs: Json = { type: 'object', description: 'The documents by kind (entities, views, triggers, roles, sharing, templates, …)', additionalProperties: { type: 'array', items: { type: 'object' } } };
const change: Json = { type: 'object', properties: { file: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, change: { enum: ['added', 'removed', 'changed'] } }, required: ['file', 'change'] };
const issue: Json = {
  type: 'object',
  properties: { file: { type: 'string' }, path: { type: 'string', description: 'JSON Pointer in the document' }, message: { type: 'string', description: "In the request's Accept-Language" }, ...CODED_TEXT, document: { type: 'string' }, field: { type: 'string' } },
  required: ['file', 'path', 'message'],
};
const diff: Json = {
  type: 'object',
  properties: {
    from: { type: 'integer' },
    documents: {
      type: 'array',
      items: { type: 'object', properties: { file: { type: 'string' }, change: { type: 'string' }, summary: { type: 'array', items: { type: 'object' } }, patch: { type: 'string', description: 'unified diff of the file' } }, required: ['file', 'change', 'summary', 'patch'] },
    },
  },
  required: ['documents'],
};
const exported = (what: string): Json => ({
  description: `${what} as files`,
  content: { 'application/zip': { schema: { type: 'string', format: 'binary' } }, 'application/json': { schema: { type: 'object', properties: { files: { type: 'object', additionalProperties: { type: 'string' } } } } } },
});
const revisionBody = (extra: Json = {}) => jsonBody({ type: 'object', properties: { revision: { type: 'integer', minimum: 0 }, ...extra }, required: ['revision'] });
const migrations = { type: 'array', items: { type: 'object', properties: { entity: { type: 'string' }, field: { type: 'string' }, using: { enum: ['cast', 'clear'] } } } };

const DRAFT_KINDS = Object.keys(DRAFT_DOCUMENT_KINDS);
const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const issues = { type: 'array', items: issue };

/** The generic draft routes of a kind (views, triggers: runtime/studio-model/documents.ts). */
function draftDocumentPaths(kind: string): [string, Json][] {
  const id = kind.charAt(0).toUpperCase() + kind.slice(1);
  return [
    [`/metadata/draft/${kind}`, {
      get: { operationId: `draft${id}List`, tags, summary: `The ${kind} of the draft, each with its problems (studio)`, responses: { 200: jsonResponse('Documents', { type: 'object', properties: { revision: { type: 'integer' }, items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, document: { type: 'object' }, issues } } } }, required: ['revision', 'items'] }), ...studio } },
    }],
    [`/metadata/draft/${kind}/{name}`, {
      parameters: [nameParam],
      get: { operationId: `draft${id}Get`, tags, summary: `One of the draft's ${kind}, with its problems (studio)`, responses: { 200: jsonResponse('The document', { type: 'object', properties: { revision: { type: 'integer' }, document: { type: 'object' }, issues } }), ...studio, 404: responseRef('NotFound') } },
      put: {
        operationId: `draft${id}Put`, tags, summary: `Add or replace one of the draft's ${kind} (${kind}/<name>.json); answers its problems (studio)`,
        requestBody: revisionBody({ document: { type: 'object' } }),
        responses: { 200: jsonResponse('Saved', { type: 'object', properties: { revision: { type: 'integer' }, issues }, required: ['revision', 'issues'] }), 400: responseRef('BadRequest'), ...studio, ...stale },
      },
      delete: { operationId: `draft${id}Delete`, tags, summary: `Remove one of the draft's ${kind} (studio)`, parameters: [revisionQuery], responses: { 200: jsonResponse('Saved', { type: 'object', properties: { revision: { type: 'integer' } } }), 400: responseRef('BadRequest'), ...studio, 404: responseRef('NotFound'), ...stale } },
    }],
    [`/metadata/draft/${kind}/{name}/check`, {
      parameters: [nameParam],
      post: {
        operationId: `draft${id}Check`, tags, summary: `Check one of the ${kind} as being edited, in the draft's context; nothing is saved (studio)`,
        requestBody: jsonBody({ type: 'object', properties: { document: { type: 'object' } }, required: ['document'] }),
        responses: { 200: jsonResponse('The check', { type: 'object', properties: { revision: { type: 'integer' }, valid: { type: 'boolean' }, issues }, required: ['valid', 'issues'] }), 400: responseRef('BadRequest'), ...studio },
      },
    }],
  ];
}

export function studioModelPaths(): Json {
  return {
    '/metadata/draft': {
      get: {
        operationId: 'draftGet', tags, summary: 'The shared draft: revision, base version, changed documents and all documents (studio)',
        responses: {
          200: jsonResponse('The draft', { type: 'object', properties: { revision: { type: 'integer' }, baseVersion: { type: 'integer' }, currentVersion: { type: 'integer' }, updatedAt: { type: ['string', 'null'] }, updatedBy: { type: ['string', 'null'] }, changes: { type: 'array', items: change }, documents: packageDocs }, required: ['revision', 'baseVersion', 'changes', 'documents'] }),
          ...studio,
        },
      },
      delete: { operationId: 'draftDiscard', tags, summary: 'Discard the draft (studio)', parameters: [revisionQuery], responses: { 204: { description: 'Discarded' }, 400: responseRef('BadRequest'), ...studio, ...stale } },
    },
    '/metadata/draft/entities/{name}': {
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'draftEntityGet', tags, summary: 'One entity document of the draft (studio)', responses: { 200: jsonResponse('The document', { type: 'object', properties: { revision: { type: 'integer' }, document: { type: 'object' } } }), ...studio, 404: responseRef('NotFound') } },
      put: {
        operationId: 'draftEntityPut', tags, summary: 'Add or replace one entity document in the draft; answers its problems (studio)',
        requestBody: revisionBody({ document: { type: 'object' } }),
        responses: { 200: jsonResponse('Saved', { type: 'object', properties: { revision: { type: 'integer' }, issues: { type: 'array', items: issue } }, required: ['revision', 'issues'] }), 400: responseRef('BadRequest'), ...studio, ...stale },
      },
      delete: { operationId: 'draftEntityDelete', tags, summary: 'Remove an entity from the draft (publishing hides it; table and data stay) (studio)', parameters: [revisionQuery], responses: { 200: jsonResponse('Saved', { type: 'object', properties: { revision: { type: 'integer' } } }), 400: responseRef('BadRequest'), ...studio, 404: responseRef('NotFound'), ...stale } },
    },
    '/metadata/draft/forms': {
      get: {
        operationId: 'draftFormList', tags, summary: 'The task forms of the draft, with the widgets and layouts a form may use (studio)',
        responses: { 200: jsonResponse('Forms', { type: 'object', properties: { revision: { type: 'integer' }, items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, formKey: { type: 'string' }, title: { type: 'object' }, fields: { type: 'integer' }, entity: { type: ['string', 'null'] } } } }, widgets: { type: 'array', items: { type: 'string' } }, layoutKinds: { type: 'array', items: { type: 'string' } } }, required: ['revision', 'items', 'widgets'] }), ...studio },
      },
    },
    '/metadata/draft/forms/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'draftFormGet', tags, summary: 'One task form of the draft, with its problems (studio)', responses: { 200: jsonResponse('The form', { type: 'object', properties: { revision: { type: 'integer' }, document: { type: 'object' }, issues: { type: 'array', items: issue } } }), ...studio, 404: responseRef('NotFound') } },
      put: {
        operationId: 'draftFormPut', tags, summary: 'Add or replace a task form in the draft (forms/<id>.json); answers its problems (studio)',
        requestBody: revisionBody({ document: { type: 'object' } }),
        responses: { 200: jsonResponse('Saved', { type: 'object', properties: { revision: { type: 'integer' }, issues: { type: 'array', items: issue } }, required: ['revision', 'issues'] }), 400: responseRef('BadRequest'), ...studio, ...stale },
      },
      delete: { operationId: 'draftFormDelete', tags, summary: 'Remove a task form from the draft (studio)', parameters: [revisionQuery], responses: { 200: jsonResponse('Saved', { type: 'object', properties: { revision: { type: 'integer' } } }), 400: responseRef('BadRequest'), ...studio, 404: responseRef('NotFound'), ...stale } },
    },
    '/metadata/draft/forms/{id}/check': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      post: {
        operationId: 'draftFormCheck', tags, summary: 'Check a task form as being edited, and sample data against it, in the draft\'s context; nothing is saved (studio)',
        requestBody: jsonBody({ type: 'object', properties: { document: { type: 'object' }, data: { type: 'object' } }, required: ['document'] }),
        responses: { 200: jsonResponse('The check', { type: 'object', properties: { revision: { type: 'integer' }, valid: { type: 'boolean' }, issues: { type: 'array', items: issue }, errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } }, required: ['valid', 'issues', 'errors'] }), 400: responseRef('BadRequest'), ...studio },
      },
    },
    ...Object.fromEntries(DRAFT_KINDS.flatMap((kind) => draftDocumentPaths(kind))),
    '/metadata/draft/validate': {
      post: { operationId: 'draftValidate', tags, summary: 'Every problem of the draft, by document, JSON path and field (studio)', responses: { 200: jsonResponse('Problems', { type: 'object', properties: { revision: { type: 'integer' }, valid: { type: 'boolean' }, issues: { type: 'array', items: issue } }, required: ['valid', 'issues'] }), ...studio } },
    },
    '/metadata/draft/preview': {
      post: {
        operationId: 'draftPreview', tags, summary: 'What publishing the draft would do: statements, refusals, and the existing data each action touches (studio)',
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { migrations } } } } },
        responses: {
          200: jsonResponse('The plan', { type: 'object', properties: { revision: { type: 'integer' }, currentVersion: { type: 'integer' }, actions: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, entity: { type: 'string' }, field: { type: 'string' }, summary: { type: 'string', description: "In the request's Accept-Language" }, ...CODED_TEXT, sql: { type: 'array', items: { type: 'string' } }, impact: { type: 'object' } } } }, refusals: { type: 'array', items: { type: 'object', properties: { entity: { type: 'string' }, field: { type: 'string' }, message: { type: 'string', description: "In the request's Accept-Language" }, ...CODED_TEXT } } }, blocked: { type: 'boolean' } }, required: ['actions', 'refusals', 'blocked'] }),
          400: responseRef('BadRequest'), ...studio, ...stale, 422: responseRef('MetadataRejected'),
        },
      },
    },
    '/metadata/draft/publish': {
      post: {
        operationId: 'draftPublish', tags, summary: 'Publish the draft as a new version, then clear it (studio)',
        requestBody: revisionBody({ migrations }),
        responses: { 200: jsonResponse('Nothing changed', schemaRef('PublishResult')), 201: jsonResponse('Published', schemaRef('PublishResult')), 400: responseRef('BadRequest'), ...studio, ...stale, 422: responseRef('MetadataRejected') },
      },
    },
    '/metadata/draft/diff': { get: { operationId: 'draftDiff', tags, summary: 'The draft against its base version, per document (studio)', responses: { 200: jsonResponse('Differences', diff), ...studio } } },
    '/metadata/draft/export': { get: { operationId: 'draftExport', tags, summary: 'The draft as metadata/ files (studio)', parameters: [formatQuery], responses: { 200: exported('The draft'), 400: responseRef('BadRequest'), ...studio } } },
    '/metadata/draft/import': {
      post: {
        operationId: 'draftImport', tags, summary: 'Replace the draft with a package (zip, base64 zip or files), after validating it (studio)',
        requestBody: {
          content: {
            'application/json': { schema: { type: 'object', properties: { revision: { type: 'integer' }, zip: { type: 'string', contentEncoding: 'base64' }, files: { type: 'object', additionalProperties: { type: 'string' } } }, required: ['revision'] } },
            'application/zip': { schema: { type: 'string', format: 'binary' } },
          },
        },
        responses: { 200: jsonResponse('Imported', { type: 'object', properties: { revision: { type: 'integer' }, changes: { type: 'array', items: change } } }), 400: responseRef('BadRequest'), ...studio, ...stale, 422: responseRef('MetadataRejected') },
      },
    },
    '/metadata/versions/{version}': {
      parameters: [versionParam],
      get: { operationId: 'versionGet', tags, summary: 'A published version: who, when, its documents (studio)', responses: { 200: jsonResponse('The version', { type: 'object', properties: { version: { type: 'integer' }, publishedAt: dateTime, publishedBy: { type: ['string', 'null'] }, documents: packageDocs } }), ...studio, 404: responseRef('NotFound') } },
    },
    '/metadata/versions/{version}/diff': {
      parameters: [versionParam, { name: 'from', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'Default: the previous version' }],
      get: { operationId: 'versionDiff', tags, summary: 'What a version changed against another, per document: field-level summary and unified diff (studio)', responses: { 200: jsonResponse('Differences', { ...diff, properties: { ...(diff.properties as Json), to: { type: 'integer' } } }), ...studio, 404: responseRef('NotFound') } },
    },
    '/metadata/versions/{version}/export': {
      parameters: [versionParam, formatQuery],
      get: { operationId: 'versionExport', tags, summary: 'A published version as metadata/ files (studio)', responses: { 200: exported('The version'), 400: responseRef('BadRequest'), ...studio, 404: responseRef('NotFound') } },
    },
  };
}
