/**
 * OpenAPI paths of document templates (docs/documents.md): a record's printable documents and its
 * PDFs, and the studio's template list, get, put, versions and preview. Hand-written like
 * openapi-static.ts, merged by openapi.ts.
 */
import { dateTime, jsonBody, jsonResponse, problemResponse, R401, responseRef, uuid, type Json } from './openapi-static.js';

const label = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, required: ['zh-CN', 'en'] };
const summary = {
  type: 'object',
  properties: { key: { type: 'string' }, entity: { type: 'string' }, label, description: { type: 'string' } },
  required: ['key', 'entity', 'label'],
};
const template: Json = {
  type: 'object',
  description: 'A document template (metadata/meta-schemas/document-template.schema.json): blocks with mustache placeholders naming field paths of the record; x-crm-document-template is taken from the path',
  properties: { 'x-crm-document-template': { type: 'string' }, entity: { type: 'string' }, label, description: { type: 'string' }, page: { type: 'object' }, body: { type: 'array', items: { type: 'object' } } },
  required: ['entity', 'label', 'body'],
};
const pdf = (description: string): Json => ({ description, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } });
const keyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string' } };
const recordParams = [
  { name: 'entity', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'id', in: 'path', required: true, schema: uuid },
];
const studio = { ...R401, 403: responseRef('Forbidden') };
const tags = ['documents'];

export function documentPaths(): Json {
  return {
    '/records/{entity}/{id}/documents': {
      parameters: recordParams,
      get: {
        operationId: 'recordDocuments', tags, summary: 'The document templates of the entity, for a record the caller may read',
        responses: {
          200: jsonResponse('Documents', { type: 'object', properties: { items: { type: 'array', items: { ...summary, properties: { ...summary.properties, href: { type: 'string' } } } } }, required: ['items'] }),
          ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound'),
        },
      },
    },
    '/records/{entity}/{id}/documents/{key}.pdf': {
      parameters: [...recordParams, keyParam],
      get: {
        operationId: 'recordDocumentPdf', tags, summary: 'The record printed with one template, as the caller may read it (fields hidden from their role are never printed)',
        responses: { 200: pdf('The PDF, inline, sandboxed'), ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound') },
      },
    },
    '/metadata/document-templates': {
      get: {
        operationId: 'documentTemplatesList', tags, summary: 'The document templates (studio: analysts and administrators)',
        responses: { 200: jsonResponse('Templates', { type: 'object', properties: { version: { type: 'integer' }, items: { type: 'array', items: summary } }, required: ['version', 'items'] }), ...studio },
      },
      post: {
        operationId: 'documentTemplateCreate', tags, summary: 'Add a new document template (with its x-crm-document-template) and publish (studio); a key some template has is refused (409, code taken)',
        requestBody: jsonBody(template),
        responses: {
          201: jsonResponse('Published', { type: 'object', properties: { version: { type: 'integer' }, changed: { type: 'boolean' } }, required: ['version', 'changed'] }),
          400: responseRef('BadRequest'), ...studio, 409: problemResponse('A template with this key exists'), 422: responseRef('MetadataRejected'),
        },
      },
    },
    '/metadata/document-templates/preview': {
      post: {
        operationId: 'documentTemplatePreview', tags, summary: 'An unsaved template filled for one record, as PDF (studio)',
        requestBody: jsonBody({ type: 'object', properties: { template, recordId: uuid }, required: ['template', 'recordId'] }),
        responses: { 200: pdf('The PDF'), 400: responseRef('BadRequest'), ...studio, 404: responseRef('NotFound') },
      },
    },
    '/metadata/document-templates/{key}': {
      parameters: [keyParam],
      get: { operationId: 'documentTemplateGet', tags, summary: 'One published document template (studio)', responses: { 200: jsonResponse('Template', template), ...studio, 404: responseRef('NotFound') } },
      put: {
        operationId: 'documentTemplatePut', tags, summary: 'Add or replace one document template and publish a new metadata version (studio)',
        requestBody: jsonBody(template),
        responses: {
          200: jsonResponse('Published (changed: false when the template was already so)', { type: 'object', properties: { version: { type: 'integer' }, changed: { type: 'boolean' } }, required: ['version', 'changed'] }),
          400: responseRef('BadRequest'), ...studio, 422: responseRef('MetadataRejected'),
        },
      },
      delete: {
        operationId: 'documentTemplateDelete', tags, summary: 'Remove one document template (a shipped one too) and publish a new metadata version (studio); its versions stay readable, and saving one brings it back',
        responses: {
          200: jsonResponse('Published', { type: 'object', properties: { version: { type: 'integer' }, changed: { type: 'boolean' } }, required: ['version', 'changed'] }),
          ...studio, 404: responseRef('NotFound'),
        },
      },
    },
    '/metadata/document-templates/{key}/versions': {
      parameters: [keyParam],
      get: {
        operationId: 'documentTemplateVersions', tags, summary: 'The metadata versions in which the template changed, newest first (studio)',
        responses: {
          200: jsonResponse('Versions', { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { version: { type: 'integer' }, publishedAt: dateTime, publishedBy: { type: ['string', 'null'] } } } } } }),
          ...studio,
        },
      },
    },
    '/metadata/document-templates/{key}/versions/{version}': {
      parameters: [keyParam, { name: 'version', in: 'path', required: true, schema: { type: 'integer' } }],
      get: {
        operationId: 'documentTemplateVersion', tags, summary: 'The template as it was in one metadata version (studio)',
        responses: { 200: jsonResponse('Version', { type: 'object', properties: { version: { type: 'integer' }, template }, required: ['version', 'template'] }), ...studio, 404: responseRef('NotFound') },
      },
    },
  };
}
