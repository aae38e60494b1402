/**
 * OpenAPI paths of message templates, notifications (docs/notifications.md), processes' entities and
 * attachments (docs/attachments.md): hand-written like openapi-static.ts, merged by openapi.ts.
 */
import { KEY_MAX, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, RECIPIENTS_MAX } from '../notifications/notifications.js';
import { dateTime, jsonBody, jsonResponse, nullableUuid, R401, responseRef, uuid, type Json } from './openapi-static.js';

const text = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, required: ['zh-CN', 'en'] };
const templateDoc = {
  type: 'object',
  description: 'A message template (metadata/meta-schemas/template.schema.json): mustache placeholders over the notification data; x-crm-template is taken from the path',
  properties: { 'x-crm-template': { type: 'string' }, description: { type: 'string' }, subject: text, body: text },
  required: ['subject', 'body'],
};
const keyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string' } };
const adminOnly = { ...R401, 403: responseRef('Forbidden') };
const tags = ['notifications'];
const processEntity = { type: 'object', properties: { key: { type: 'string' }, entity: { type: 'string' } }, required: ['key', 'entity'] };
const recordRef = { anyOf: [{ type: 'null' }, { type: 'object', properties: { entity: { type: 'string' }, id: uuid }, required: ['entity', 'id'] }] };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };

const attachment = {
  type: 'object',
  description: 'An attachment record (entity attachment) with the system fields of every record',
  properties: {
    id: uuid, version: { type: 'integer' }, ownerId: nullableUuid, createdAt: dateTime, createdBy: nullableUuid,
    name: { type: 'string' }, mimeType: { type: 'string' }, size: { type: 'integer' }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    recordEntity: { type: 'string' }, recordId: uuid, description: { type: ['string', 'null'] },
  },
  required: ['id', 'name', 'mimeType', 'size', 'sha256', 'recordEntity', 'recordId'],
};
const recordParams = [
  { name: 'entity', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'id', in: 'path', required: true, schema: uuid },
];

const notifyRequest = {
  type: 'object',
  required: ['key', 'template', 'to'],
  properties: {
    key: { type: 'string', minLength: 1, maxLength: KEY_MAX, description: 'Idempotency key (e.g. the external task id): the same key again answers the messages stored the first time and creates nothing' },
    template: { type: 'string', description: 'A published template key (metadata/templates/)' },
    to: {
      type: 'array', minItems: 1, maxItems: RECIPIENTS_MAX,
      items: { type: 'string', description: 'user:<id>, or a candidate group id: role:<key>, department:<key>, team:<key>, group:<key>, territory:<key>, territory-manager:<key>' },
    },
    data: { type: 'object', description: 'What the template placeholders read; `recipient` (id, username, displayName, locale) and `record` are added' },
    record: recordRef,
  },
};
const sentMessage = {
  type: 'object',
  properties: {
    id: uuid, userId: uuid, username: { type: 'string' }, displayName: { type: 'string' },
    email: { type: ['string', 'null'], description: 'Where to mail it; null: in-app only' },
    locale: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' }, mailedAt: nullableDateTime,
  },
  required: ['id', 'userId', 'username', 'displayName', 'email', 'locale', 'subject', 'body', 'mailedAt'],
};
const sent = (description: string) =>
  jsonResponse(description, { type: 'object', properties: { key: { type: 'string' }, created: { type: 'boolean' }, messages: { type: 'array', items: sentMessage } }, required: ['key', 'created', 'messages'] });
const inboxItem = {
  type: 'object',
  properties: { id: uuid, template: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' }, record: recordRef, createdAt: dateTime, readAt: nullableDateTime },
  required: ['id', 'template', 'subject', 'body', 'record', 'createdAt', 'readAt'],
};

export function notifyPaths(): Json {
  return {
    '/notifications': {
      get: {
        operationId: 'listNotifications', tags, summary: 'My notifications, newest first, with my unread count',
        parameters: [
          { name: 'unread', in: 'query', schema: { type: 'boolean', default: false }, description: 'Only unread ones' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: LIST_LIMIT_MAX, default: LIST_LIMIT_DEFAULT } },
          { name: 'before', in: 'query', schema: uuid, description: 'The nextCursor of the previous page' },
        ],
        responses: {
          200: jsonResponse('Notifications', { type: 'object', properties: { items: { type: 'array', items: inboxItem }, unread: { type: 'integer' }, nextCursor: nullableUuid }, required: ['items', 'unread', 'nextCursor'] }),
          400: responseRef('BadRequest'), ...R401,
        },
      },
      post: {
        operationId: 'sendNotification', tags, summary: 'Render a template for each recipient in their language and store the in-app notifications (service accounts)',
        requestBody: jsonBody(notifyRequest),
        responses: { 201: sent('Stored'), 200: sent('The key was seen before: the messages stored then'), 400: responseRef('BadRequest'), ...adminOnly },
      },
    },
    '/notifications/mailed': {
      post: {
        operationId: 'markNotificationsMailed', tags, summary: 'Mark messages mailed (service accounts, after sending them)',
        requestBody: jsonBody({ type: 'object', required: ['ids'], properties: { ids: { type: 'array', maxItems: RECIPIENTS_MAX, items: uuid } } }),
        responses: { 200: jsonResponse('How many were not marked before', { type: 'object', properties: { mailed: { type: 'integer' } }, required: ['mailed'] }), 400: responseRef('BadRequest'), ...adminOnly },
      },
    },
    '/notifications/{id}/read': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      post: {
        operationId: 'markNotificationRead', tags, summary: 'Mark one of my notifications read',
        responses: { 200: jsonResponse('Read', { type: 'object', properties: { id: uuid, readAt: dateTime }, required: ['id', 'readAt'] }), ...R401, 404: responseRef('NotFound') },
      },
    },
    '/metadata/processes': {
      get: {
        operationId: 'metadataListProcesses', tags: ['metadata'], summary: 'The processes triggers start, each with the entity whose record ids are its business keys',
        responses: { 200: jsonResponse('Processes', { type: 'object', properties: { items: { type: 'array', items: processEntity } }, required: ['items'] }), ...R401 },
      },
    },
    '/metadata/processes/{key}': {
      parameters: [keyParam],
      get: {
        operationId: 'metadataGetProcess', tags: ['metadata'], summary: "A process's entity (workers writing to the process's record ask here)",
        responses: { 200: jsonResponse('Process', processEntity), ...R401, 404: responseRef('NotFound') },
      },
    },
    '/records/{entity}/{id}/attachments': {
      parameters: recordParams,
      get: {
        operationId: 'listAttachments', tags: ['attachments'], summary: "A record's attachments, newest first (when the record is readable)",
        responses: { 200: jsonResponse('Attachments', { type: 'object', properties: { items: { type: 'array', items: attachment } }, required: ['items'] }), ...R401, 404: responseRef('NotFound') },
      },
      post: {
        operationId: 'addAttachment', tags: ['attachments'], summary: 'Store a file with a record (when the record is editable and the role may update its entity)',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object', required: ['file'],
                properties: {
                  file: { type: 'string', format: 'binary', description: 'The file (at most ATTACHMENT_MAX_MB MiB); its part Content-Type is kept as mimeType' },
                  name: { type: 'string', maxLength: 255, description: 'Default: the file name sent' },
                  description: { type: 'string', maxLength: 2000 },
                },
              },
            },
          },
        },
        responses: { 201: jsonResponse('Stored', attachment), 400: responseRef('BadRequest'), ...adminOnly, 404: responseRef('NotFound'), 413: responseRef('PayloadTooLarge') },
      },
    },
    '/attachments/{id}/content': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      get: {
        operationId: 'attachmentContent', tags: ['attachments'], summary: 'Download an attachment (when its record is readable): always as a download, sandboxed',
        responses: {
          200: { description: 'The bytes, with the stored MIME type, Content-Disposition attachment and Repr-Digest (sha-256)', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          ...R401, 404: responseRef('NotFound'),
        },
      },
    },
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
