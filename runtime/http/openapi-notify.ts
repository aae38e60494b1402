/**
 * OpenAPI paths of message templates (docs/notifications.md): hand-written like openapi-static.ts,
 * merged by openapi.ts.
 */
import { jsonBody, jsonResponse, R401, responseRef, type Json } from './openapi-static.js';

const text = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, required: ['zh-CN', 'en'] };
const templateDoc = {
  type: 'object',
  description: 'A message template (metadata/meta-schemas/template.schema.json): mustache placeholders over the notification data; x-crm-template is taken from the path',
  properties: { 'x-crm-template': { type: 'string' }, description: { type: 'string' }, subject: text, body: text },
  required: ['subject', 'body'],
};
const keyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string' } };
const adminOnly = { ...R401, 403: responseRef('Forbidden') };

export function notifyPaths(): Json {
  return {
    '/metadata/templates': {
      get: {
        operationId: 'metadataListTemplates', tags: ['metadata'], summary: 'The message templates (administrators)',
        responses: { 200: jsonResponse('Templates', { type: 'object', properties: { version: { type: 'integer' }, templates: { type: 'array', items: templateDoc } } }), ...adminOnly },
      },
    },
    '/metadata/templates/{key}': {
      parameters: [keyParam],
      get: { operationId: 'metadataGetTemplate', tags: ['metadata'], summary: 'One message template (administrators)', responses: { 200: jsonResponse('Template', templateDoc), ...adminOnly, 404: responseRef('NotFound') } },
      put: {
        operationId: 'metadataPutTemplate', tags: ['metadata'], summary: 'Add or replace one message template and publish (administrators)',
        requestBody: jsonBody(templateDoc),
        responses: {
          200: jsonResponse('Published (changed: false when the template was already so)', { type: 'object', properties: { version: { type: 'integer' }, changed: { type: 'boolean' } }, required: ['version', 'changed'] }),
          400: responseRef('BadRequest'), ...adminOnly, 422: responseRef('MetadataRejected'),
        },
      },
    },
  };
}
