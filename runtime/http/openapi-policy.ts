/**
 * OpenAPI paths of the access policy (roles and sharing documents, docs/security.md) and the user
 * directory: hand-written like openapi-static.ts, merged by openapi.ts.
 */
import { jsonBody, jsonResponse, problemResponse, R401, responseRef, uuid, type Json } from './openapi-static.js';

const tags = ['security'];
const label = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, required: ['zh-CN', 'en'] };
const roleDoc = {
  type: 'object',
  description: 'A role document (metadata/meta-schemas/role.schema.json); x-crm-role is taken from the path',
  properties: { label, description: { type: 'string', description: 'the role in prose; an empty string removes it' }, parent: { type: 'string' }, default: { type: 'boolean' }, studio: { type: 'boolean' }, permissions: { type: 'object' } },
  required: ['label', 'permissions'],
};
const sharingDoc = {
  type: 'object',
  description: 'A sharing document (metadata/meta-schemas/sharing.schema.json); x-crm-sharing is taken from the path',
  properties: { default: { enum: ['private', 'publicRead', 'publicReadWrite'] }, hierarchy: { type: 'boolean' }, rules: { type: 'array', items: { type: 'object' } } },
  required: ['default'],
};
const published = jsonResponse('Published (changed: false when the documents were already so)', {
  type: 'object',
  properties: { version: { type: 'integer' }, changed: { type: 'boolean' } },
  required: ['version', 'changed'],
});
const adminWrite = { 400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'), 422: responseRef('MetadataRejected') };

export function policyPaths(): Json {
  return {
    '/users': {
      get: {
        operationId: 'listUserNames', tags, summary: 'Active users by name, for showing owners and authors and for user pickers (every signed-in user)',
        parameters: [{ name: 'memberOf', in: 'query', schema: { type: 'string' }, description: 'Only the members of this candidate group id (role:technician, team:<key>, department:<key>, group:<key>, territory:<key>, territory-manager:<key>)' }],
        responses: {
          200: jsonResponse('Users', {
            type: 'object',
            properties: { items: { type: 'array', items: { type: 'object', properties: { id: uuid, username: { type: 'string' }, displayName: { type: 'string' }, isService: { type: 'boolean' } } } } },
          }),
          400: responseRef('BadRequest'),
          ...R401,
        },
      },
    },
    '/metadata/roles': {
      get: {
        operationId: 'metadataListRoles', tags, summary: 'The roles and their hierarchy; permissions for administrators only',
        responses: {
          200: jsonResponse('Roles', {
            type: 'object',
            properties: {
              version: { type: 'integer' },
              roles: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label, description: { type: 'string' }, parent: { type: ['string', 'null'] }, default: { type: 'boolean' }, studio: { type: 'boolean' }, permissions: { type: 'object' } } } },
            },
          }),
          ...R401,
        },
      },
      post: {
        operationId: 'metadataCreateRole', tags, summary: 'Add a new role and publish (administrators); a key some role has is refused (409, code taken at /x-crm-role)',
        requestBody: jsonBody({ ...roleDoc, description: 'A role document (metadata/meta-schemas/role.schema.json) with its x-crm-role', properties: { 'x-crm-role': { type: 'string' }, ...roleDoc.properties }, required: ['x-crm-role', ...roleDoc.required] }),
        responses: { 201: published, ...adminWrite, 409: problemResponse('A role with this key exists') },
      },
    },
    '/metadata/roles/{key}': {
      parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
      put: { operationId: 'metadataPutRole', tags, summary: 'Add or replace one role and publish (administrators); a body without description or $comment keeps the replaced document’s', requestBody: jsonBody(roleDoc), responses: { 200: published, ...adminWrite } },
      delete: {
        operationId: 'metadataDeleteRole', tags, summary: 'Remove a role no user holds and publish (administrators)',
        responses: { 200: published, ...adminWrite, 404: responseRef('NotFound') },
      },
    },
    '/metadata/sharing': {
      get: {
        operationId: 'metadataListSharing', tags, summary: 'Every entity’s sharing document (administrators)',
        responses: { 200: jsonResponse('Sharing documents', { type: 'object', properties: { version: { type: 'integer' }, sharing: { type: 'array', items: sharingDoc } } }), ...R401, 403: responseRef('Forbidden') },
      },
    },
    '/metadata/sharing/{entity}': {
      parameters: [{ name: 'entity', in: 'path', required: true, schema: { type: 'string' } }],
      put: {
        operationId: 'metadataPutSharing', tags, summary: 'Replace one entity’s org-wide default and sharing rules and publish (administrators); counts for every user at once; a body without description or $comment keeps the replaced document’s',
        requestBody: jsonBody(sharingDoc),
        responses: { 200: published, ...adminWrite, 404: responseRef('NotFound') },
      },
    },
  };
}
