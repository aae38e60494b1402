/**
 * OpenAPI paths and schemas of user administration (/org/users) and the audit trail (/audit):
 * hand-written like openapi-static.ts, merged into the document by openapi.ts.
 */
import { AUDIT_LIMIT_MAX } from '../audit/query.js';
import { LOCALES, PASSWORD_MIN, USERNAME_PATTERN } from '../org/users.js';
import { dateTime, jsonBody, jsonResponse, nullableUuid, problemResponse, R401, responseRef, schemaRef, uuid, type Json } from './openapi-static.js';

const ADMIN_ONLY = { 400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden') };
const nullableString = { type: ['string', 'null'] };
const actor: Json = {
  type: 'object',
  description: 'Who acted (null id: nobody signed in, e.g. a refused sign-in of an unknown username)',
  properties: { id: nullableUuid, username: nullableString, displayName: nullableString },
  required: ['id', 'username', 'displayName'],
};
const pageOf = (item: string): Json => ({
  type: 'object',
  properties: { items: { type: 'array', items: schemaRef(item) }, nextCursor: { ...nullableString, description: 'Pass as `cursor` for the next, older page' } },
  required: ['items', 'nextCursor'],
});

const userAttributes: Json = {
  displayName: { type: 'string', minLength: 1, maxLength: 200 },
  email: { type: ['string', 'null'], format: 'email', maxLength: 254, description: 'Where notifications are mailed; null: in-app only' },
  locale: { enum: [...LOCALES], description: 'The language of the UI, exports and notifications' },
  departmentId: { ...nullableUuid, description: 'An existing department' },
  managerId: { ...nullableUuid, description: 'An existing user, not the user nor anyone below them in the manager chain' },
  role: { ...nullableString, description: 'A role key of the published metadata; null: the default role' },
  isAdmin: { type: 'boolean' },
};

export const SECURITY_SCHEMAS: Json = {
  OrgUser: {
    type: 'object',
    properties: {
      id: uuid,
      username: { type: 'string' },
      displayName: { type: 'string' },
      email: nullableString,
      locale: { type: 'string' },
      role: nullableString,
      department: { anyOf: [{ type: 'null' }, { type: 'object', properties: { id: uuid, key: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'key', 'name'] }] },
      manager: { anyOf: [{ type: 'null' }, { type: 'object', properties: { id: uuid, username: { type: 'string' }, displayName: { type: 'string' } }, required: ['id', 'username', 'displayName'] }] },
      active: { type: 'boolean' },
      isAdmin: { type: 'boolean' },
      isService: { type: 'boolean' },
      createdAt: dateTime,
      updatedAt: dateTime,
    },
    required: ['id', 'username', 'displayName', 'email', 'locale', 'role', 'department', 'manager', 'active', 'isAdmin', 'isService'],
  },
  OrgUserCreate: {
    type: 'object',
    additionalProperties: false,
    properties: { username: { type: 'string', pattern: USERNAME_PATTERN }, password: { type: 'string', minLength: PASSWORD_MIN, maxLength: 200 }, ...userAttributes },
    required: ['username', 'password'],
  },
  OrgUserUpdate: {
    type: 'object',
    additionalProperties: false,
    description: 'Only the attributes to change. `active: false` deactivates the user: their sessions end and their API tokens are revoked at once.',
    properties: { ...userAttributes, active: { type: 'boolean' } },
  },
  AuditEvent: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      at: dateTime,
      actor,
      kind: { type: 'string', description: 'e.g. login, login.failed, login.throttled, logout, password.change, token.create, token.revoke, user.create, user.update, user.deactivate, user.activate' },
      target: { ...nullableString, description: 'e.g. user:<id>, token:<id>' },
      detail: { type: 'object' },
      address: nullableString,
    },
    required: ['id', 'at', 'actor', 'kind', 'target', 'detail', 'address'],
  },
  AuditChange: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      at: dateTime,
      txId: { type: 'integer' },
      actor,
      entity: { type: 'string' },
      recordId: uuid,
      action: { enum: ['create', 'update', 'delete', 'restore'] },
      field: nullableString,
      before: {},
      after: {},
    },
    required: ['id', 'at', 'txId', 'actor', 'entity', 'recordId', 'action', 'field'],
  },
};

const query = (name: string, schema: Json, description?: string): Json => ({ name, in: 'query', schema, ...(description ? { description } : {}) });
const PAGING = [
  query('from', dateTime, 'At or after (ISO 8601)'),
  query('to', dateTime, 'Before (ISO 8601)'),
  query('limit', { type: 'integer', minimum: 1, maximum: AUDIT_LIMIT_MAX, default: 100 }),
  query('cursor', { type: 'string' }, '`nextCursor` of the previous page'),
];
const userId = { name: 'id', in: 'path', required: true, schema: uuid };

export function securityPaths(): Json {
  const tags = ['security'];
  return {
    '/org/users': {
      get: {
        operationId: 'orgListUsers', tags, summary: 'Every user with department, manager, role and flags (administrators and service accounts)',
        responses: { 200: jsonResponse('Users by username', { type: 'object', properties: { items: { type: 'array', items: schemaRef('OrgUser') } }, required: ['items'] }), ...ADMIN_ONLY },
      },
      post: {
        operationId: 'orgCreateUser', tags, summary: 'Create a user (administrators)',
        requestBody: jsonBody(schemaRef('OrgUserCreate')),
        responses: { 201: jsonResponse('The new user', schemaRef('OrgUser')), ...ADMIN_ONLY, 409: problemResponse('The username is taken') },
      },
    },
    '/org/users/{id}': {
      parameters: [userId],
      get: { operationId: 'orgGetUser', tags, responses: { 200: jsonResponse('One user', schemaRef('OrgUser')), ...ADMIN_ONLY, 404: responseRef('NotFound') } },
      patch: {
        operationId: 'orgUpdateUser', tags, summary: 'Change, deactivate or activate a user (administrators)',
        requestBody: jsonBody(schemaRef('OrgUserUpdate')),
        responses: { 200: jsonResponse('The user', schemaRef('OrgUser')), ...ADMIN_ONLY, 404: responseRef('NotFound') },
      },
    },
    '/org/users/{id}/password': {
      parameters: [userId],
      post: {
        operationId: 'orgSetUserPassword', tags, summary: "Set a person's password (administrators); their sessions end and their API tokens are revoked",
        requestBody: jsonBody({ type: 'object', additionalProperties: false, properties: { password: { type: 'string', minLength: PASSWORD_MIN, maxLength: 200 } }, required: ['password'] }),
        responses: { 204: { description: 'Set' }, ...ADMIN_ONLY, 404: responseRef('NotFound') },
      },
    },
    '/audit/events': {
      get: {
        operationId: 'auditListEvents', tags, summary: 'Security events, newest first (administrators)',
        parameters: [query('kind', { type: 'string' }, 'One kind or several, comma-separated'), query('actor', uuid), query('target', { type: 'string' }), ...PAGING],
        responses: { 200: jsonResponse('One page', pageOf('AuditEvent')), ...ADMIN_ONLY },
      },
    },
    '/audit/changes': {
      get: {
        operationId: 'auditListChanges', tags, summary: 'Record changes (per field), newest first (administrators)',
        parameters: [query('entity', { type: 'string' }), query('recordId', uuid), query('actor', uuid), ...PAGING],
        responses: { 200: jsonResponse('One page', pageOf('AuditChange')), ...ADMIN_ONLY },
      },
    },
  };
}
