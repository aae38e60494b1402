/**
 * OpenAPI paths and schemas of the organisation (/org/departments, teams, territories, groups —
 * one set per kind of runtime/org/units.ts), manual shares and the access explainer
 * (/records/{entity}/{id}/shares, …/access): hand-written like openapi-static.ts, merged by openapi.ts.
 */
import { KEY_PATTERN, LIST_MAX, NAME_MAX } from '../org/input.js';
import { GRANTEE_KINDS, SHARE_ACCESS } from '../org/shares.js';
import { UNIT_KINDS, type UnitKind } from '../org/units.js';
import { dateTime, jsonBody, jsonResponse, nullableUuid, problemResponse, R401, responseRef, schemaRef, uuid, type Json } from './openapi-static.js';

const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);
const textList = { type: 'array', maxItems: LIST_MAX, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: NAME_MAX } };
const ENUM_ONLY = '; where every field territory rules compare them with is an enum, each must be one of their values (else 400 invalid-value at the element)';
const ATTRIBUTES: Record<string, Json> = {
  parentId: { ...nullableUuid, description: 'The unit above (same kind); not this one nor one below it' },
  managerId: { ...nullableUuid, description: 'The user who manages it' },
  regions: { ...textList, description: `Record region values that belong to the territory${ENUM_ONLY}` },
  industries: { ...textList, description: `Record industry values that belong to the territory${ENUM_ONLY}` },
};
const member = (kind: UnitKind): Json => ({
  type: 'object',
  properties: { id: uuid, username: { type: 'string' }, displayName: { type: 'string' }, ...(kind.members?.manager ? { manager: { type: 'boolean' } } : {}) },
  required: ['id', 'username', 'displayName'],
});
const attributesOf = (kind: UnitKind): Json => Object.fromEntries(Object.keys(kind.attributes).map((a) => [a, ATTRIBUTES[a] ?? {}]));
const key = { type: 'string', pattern: KEY_PATTERN, description: 'Unique; what sharing rules and shares name; never changes' };
const name = { type: 'string', minLength: 1, maxLength: NAME_MAX };

function unitSchemas(kind: UnitKind): Json {
  const P = `Org${pascal(kind.name)}`;
  return {
    [P]: {
      type: 'object',
      properties: {
        id: uuid, key, name, ...attributesOf(kind),
        memberCount: { type: 'integer', description: kind.members ? 'Members' : 'Users placed directly in it' },
        createdAt: dateTime,
        members: { type: 'array', items: member(kind), description: 'Single-unit answers only' },
      },
      required: ['id', 'key', 'name', ...Object.keys(kind.attributes), 'memberCount', 'createdAt'],
    },
    [`${P}Create`]: { type: 'object', additionalProperties: false, properties: { key, name, ...attributesOf(kind) }, required: ['key', 'name'] },
    [`${P}Update`]: { type: 'object', additionalProperties: false, properties: { name, ...attributesOf(kind) } },
  };
}

const grantee: Json = {
  type: 'object',
  additionalProperties: false,
  properties: { kind: { enum: [...GRANTEE_KINDS] }, key: { type: 'string', minLength: 1, description: 'A user id, a role key of the published metadata, or a department/team/territory/group key' } },
  required: ['kind', 'key'],
};

export const ORG_SCHEMAS: Json = {
  ...Object.assign({}, ...UNIT_KINDS.map(unitSchemas)),
  Share: {
    type: 'object',
    properties: {
      id: uuid,
      grantee: {
        type: 'object',
        properties: { ...(grantee.properties as Json), name: { type: ['string', 'null'], description: "A unit's name or a user's display name" }, label: schemaRef('Label') },
        required: ['kind', 'key', 'name'],
      },
      access: { enum: [...SHARE_ACCESS] },
      createdBy: { anyOf: [{ type: 'null' }, { type: 'object', properties: { id: uuid, username: { type: 'string' }, displayName: { type: 'string' } } }] },
      createdAt: dateTime,
    },
    required: ['id', 'grantee', 'access', 'createdBy', 'createdAt'],
  },
  AccessExplained: {
    type: 'object',
    properties: {
      user: { type: 'object', properties: { id: uuid, username: { type: 'string' } }, required: ['id', 'username'] },
      level: { enum: ['none', 'read', 'edit', 'full'] },
      unrestricted: { type: 'boolean', description: 'Administrators and service accounts: not limited by roles or record access' },
      rolePermits: { type: 'boolean', description: "The user's role may read the entity at all" },
      role: { type: ['string', 'null'], description: 'The effective role' },
      grants: {
        type: 'array',
        items: {
          type: 'object',
          properties: { kind: { enum: ['default', 'owner', 'hierarchy', 'rule', 'share'] }, level: { enum: ['read', 'edit', 'full'] }, rule: { type: 'string' }, via: { type: 'string', description: 'Shares: the grantee, e.g. team:alpha' } },
          required: ['kind', 'level'],
        },
      },
    },
    required: ['user', 'level', 'unrestricted', 'rolePermits', 'role', 'grants'],
  },
};

const WRITE = { 400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden') };
const NOT_FOUND = { 404: responseRef('NotFound') };
const pathParam = (n: string, schema: Json = { type: 'string' }): Json => ({ name: n, in: 'path', required: true, schema });
const itemsOf = (schema: Json): Json => ({ type: 'object', properties: { items: { type: 'array', items: schema } }, required: ['items'] });

function unitPaths(kind: UnitKind): Json {
  const P = pascal(kind.name);
  const Ps = pascal(kind.plural);
  const tags = ['security'];
  const unit = schemaRef(`Org${P}`);
  const base = `/org/${kind.plural}`;
  const paths: Json = {
    [base]: {
      get: { operationId: `orgList${Ps}`, tags, summary: `Every ${kind.name}, by key (every signed-in user)`, responses: { 200: jsonResponse('The list', itemsOf(unit)), ...R401 } },
      post: {
        operationId: `orgCreate${P}`, tags, summary: `Create a ${kind.name} (administrators)`,
        requestBody: jsonBody(schemaRef(`Org${P}Create`)),
        responses: { 201: jsonResponse(`The new ${kind.name}`, unit), ...WRITE, 409: problemResponse('The key is taken') },
      },
    },
    [`${base}/{key}`]: {
      parameters: [pathParam('key')],
      get: { operationId: `orgGet${P}`, tags, responses: { 200: jsonResponse(`The ${kind.name} with its members`, unit), ...R401, ...NOT_FOUND } },
      patch: {
        operationId: `orgUpdate${P}`, tags, summary: `Change a ${kind.name} (administrators); the key never changes`,
        requestBody: jsonBody(schemaRef(`Org${P}Update`)),
        responses: { 200: jsonResponse(`The ${kind.name}`, unit), ...WRITE, ...NOT_FOUND },
      },
      delete: {
        operationId: `orgDelete${P}`, tags,
        summary: `Delete a ${kind.name} (administrators), with its memberships and the shares that name it`,
        responses: { 204: { description: 'Deleted' }, ...WRITE, ...NOT_FOUND, 409: problemResponse(kind.members ? 'Units sit below it' : 'Sub-departments sit below it or users are placed in it') },
      },
    },
  };
  if (!kind.members) return paths;
  const item = { type: 'object', additionalProperties: false, properties: { userId: uuid, ...(kind.members.manager ? { manager: { type: 'boolean', default: false } } : {}) }, required: ['userId'] };
  return {
    ...paths,
    [`${base}/{key}/members`]: {
      parameters: [pathParam('key')],
      put: {
        operationId: `orgReplace${P}Members`, tags, summary: 'Replace the whole member list (administrators); counts from the members\u2019 next request',
        requestBody: jsonBody({ type: 'object', properties: { members: { type: 'array', items: item } }, required: ['members'] }),
        responses: { 200: jsonResponse(`The ${kind.name} with its members`, unit), ...WRITE, ...NOT_FOUND },
      },
    },
    [`${base}/{key}/members/{userId}`]: {
      parameters: [pathParam('key'), pathParam('userId', uuid)],
      post: {
        operationId: `orgAdd${P}Member`, tags, summary: 'Add one member (administrators)',
        ...(kind.members.manager ? { requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { manager: { type: 'boolean' } } } } } } } : {}),
        responses: { 200: jsonResponse(`The ${kind.name} with its members`, unit), ...WRITE, ...NOT_FOUND },
      },
      delete: { operationId: `orgRemove${P}Member`, tags, summary: 'Remove one member (administrators)', responses: { 204: { description: 'Removed' }, ...WRITE, ...NOT_FOUND } },
    },
  };
}

export function orgPaths(): Json {
  const tags = ['security'];
  const record = [pathParam('entity'), pathParam('id', uuid)];
  const shareBody = { type: 'object', additionalProperties: false, properties: { grantee, access: { enum: [...SHARE_ACCESS] } }, required: ['grantee', 'access'] };
  const REFUSED = { ...WRITE, 404: problemResponse('No such entity or record, or one the caller cannot read') };
  return {
    ...Object.assign({}, ...UNIT_KINDS.map(unitPaths)),
    '/records/{entity}/{id}/shares': {
      parameters: record,
      get: { operationId: 'sharesList', tags, summary: 'The manual shares of a record (users who can read it)', responses: { 200: jsonResponse('Shares, oldest first', itemsOf(schemaRef('Share'))), ...REFUSED } },
      post: {
        operationId: 'sharesPut', tags, summary: "Share the record with a grantee, or change that grantee's access (the role's share permission and full access to the record)",
        requestBody: jsonBody(shareBody),
        responses: { 200: jsonResponse('The grantee already had a share: its access now', schemaRef('Share')), 201: jsonResponse('Shared', schemaRef('Share')), ...REFUSED },
      },
    },
    '/records/{entity}/{id}/shares/{shareId}': {
      parameters: [...record, pathParam('shareId', uuid)],
      delete: { operationId: 'sharesDelete', tags, summary: 'Remove a share (the share permission and full access to the record)', responses: { 204: { description: 'Removed' }, ...REFUSED } },
    },
    '/records/{entity}/{id}/access': {
      parameters: record,
      get: {
        operationId: 'accessExplain', tags,
        summary: "Why a user can (or cannot) reach the record: every grant that applies. Administrators ask about anyone; others about themselves, for records they can read",
        parameters: [{ name: 'user', in: 'query', schema: uuid, description: "The user's id (default: the caller)" }],
        responses: { 200: jsonResponse('The grants', schemaRef('AccessExplained')), ...REFUSED },
      },
    },
  };
}
