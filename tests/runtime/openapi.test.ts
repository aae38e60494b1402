/**
 * The OpenAPI document generated from the compiled model: every visible entity has its schemas and
 * records paths, hidden ones do not, every $ref resolves, every component schema compiles with ajv
 * 2020 and validates a sample, operationIds are unique, and a changed model gives a new document.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  compileValidated,
  entityRecordSchema,
  loadModel,
  pascalCase,
  type CompiledEntity,
  type CompiledField,
  type CompiledModel,
  type EntityDocument,
} from '../../metadata/index.js';
import { openApiDocument } from '../../runtime/http/openapi.js';

type Json = Record<string, any>;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });

function entityDoc(name: string, properties: EntityDocument['properties'], required: string[] = []): EntityDocument {
  return { type: 'object', 'x-crm-entity': name, 'x-crm-label': label(pascalCase(name), `实体${name}`), required, properties, additionalProperties: false };
}

const ACCOUNT = entityDoc(
  'account',
  {
    name: { type: 'string', maxLength: 200, 'x-crm-label': label('Name', '名称') },
    industry: {
      type: 'string',
      enum: ['finance', 'retail'],
      'x-crm-label': label('Industry', '行业'),
      'x-crm-enum-labels': { finance: label('Finance', '金融'), retail: label('Retail', '零售') },
    },
    revenue: { type: 'number', 'x-crm-type': 'money', 'x-crm-label': label('Revenue', '收入') },
    website: { type: 'string', format: 'uri', 'x-crm-type': 'url', 'x-crm-label': label('Website', '网站') },
    foundedOn: { type: 'string', format: 'date', 'x-crm-label': label('Founded', '成立日期') },
    employees: { type: 'integer', minimum: 0, 'x-crm-label': label('Employees', '员工数') },
    active: { type: 'boolean', 'x-crm-label': label('Active', '有效') },
    extra: { type: 'object', 'x-crm-label': label('Extra', '附加') },
    parentAccount: { type: 'string', 'x-crm-lookup': { entity: 'account' }, 'x-crm-label': label('Parent', '上级客户') },
    score: { type: 'integer', 'x-crm-readonly': true, 'x-crm-label': label('Score', '评分') },
    secretNote: { type: 'string', 'x-crm-label': label('Secret', '秘密') },
  },
  ['name'],
);
const CONTACT = entityDoc(
  'contact',
  {
    lastName: { type: 'string', 'x-crm-label': label('Last name', '姓') },
    email: { type: 'string', format: 'email', 'x-crm-label': label('Email', '邮箱') },
    account: { type: 'string', 'x-crm-lookup': { entity: 'account' }, 'x-crm-label': label('Account', '客户') },
    lastContactAt: { type: 'string', format: 'date-time', 'x-crm-label': label('Last contact', '最近联系') },
  },
  ['lastName', 'account'],
);
/** Its PascalCase name is a static component's: it must not overwrite `Problem`. */
const PROBLEM = entityDoc('problem', { summary: { type: 'string', 'x-crm-label': label('Summary', '摘要') } }, ['summary']);
const LEGACY = entityDoc('legacy', { code: { type: 'string', 'x-crm-label': label('Code', '代码') } });
const OPPORTUNITY = entityDoc('opportunity', { title: { type: 'string', 'x-crm-label': label('Title', '标题') } }, ['title']);

/** Account, contact and problem visible; entity `legacy` and field `account.secretNote` retired (hidden). */
function handMadeModel(extra: EntityDocument[] = []): CompiledModel {
  const model = compileValidated({ entities: [ACCOUNT, CONTACT, PROBLEM, LEGACY, ...extra], views: [], triggers: [] });
  model.entities.legacy.hidden = true;
  model.entities.account.fields.find((f) => f.name === 'secretNote')!.hidden = true;
  return model;
}

const ID = '6f1c2a8e-4b7d-4c1e-9a3f-2d5e8b7c6a10';

/** A plausible value of a field, or undefined when the field's keywords make one hard to guess. */
function sampleValue(f: CompiledField): unknown {
  const s = f.schema;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.pattern !== undefined) return undefined;
  const num = typeof s.minimum === 'number' ? s.minimum : typeof s.maximum === 'number' ? s.maximum : 1;
  switch (f.kind) {
    case 'text': return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'phone': return '+86 10 1234 5678';
    case 'email': return 'someone@example.com';
    case 'url': return 'https://example.com/';
    case 'integer': return Math.ceil(num);
    case 'number': case 'money': case 'percent': return num;
    case 'boolean': return true;
    case 'date': return '2024-01-31';
    case 'datetime': return '2024-01-31T10:00:00.000Z';
    case 'enum': return f.enumValues?.[0];
    case 'lookup': return ID;
    case 'json': return [s.type].flat().includes('array') ? [] : {};
  }
}

function sampleRecord(e: CompiledEntity): Json {
  const rec: Json = {
    id: ID, version: 3, ownerId: ID, createdAt: '2024-01-01T00:00:00.000Z', createdBy: ID,
    updatedAt: '2024-01-02T00:00:00.000Z', updatedBy: null, deletedAt: null,
  };
  for (const f of e.fields.filter((x) => !x.hidden)) {
    const v = sampleValue(f);
    if (v !== undefined) rec[f.name] = v;
    else if (!f.required) rec[f.name] = null;
  }
  return rec;
}

/** A create body: every writable required field (undefined if one cannot be guessed). */
function sampleCreate(e: CompiledEntity): Json | undefined {
  const body: Json = {};
  for (const f of e.fields.filter((x) => !x.hidden && !x.readonly && x.required)) {
    const v = sampleValue(f);
    if (v === undefined) return undefined;
    body[f.name] = v;
  }
  return body;
}

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? node[key] : undefined), doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

const deref = (doc: Json, node: Json): Json => (typeof node?.$ref === 'string' ? (resolvePointer(doc, node.$ref) as Json) : node);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = (doc: Json): [string, string, Json][] =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m): [string, string, Json] => [path, m, item[m]]));

function documentAjv(doc: Json): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'https://crm.test/openapi.json');
  return ajv;
}
const componentValidator = (ajv: Ajv2020, name: string) => ajv.compile({ $ref: `https://crm.test/openapi.json#/components/schemas/${name}` });

/** The invariants every generated document keeps, whatever the model. */
function checkDocument(model: CompiledModel, version: number): Json {
  const doc = openApiDocument(model, version) as Json;
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(doc.info).toMatchObject({ title: 'CRM API', version: `metadata v${version}` });
  expect(doc.servers).toEqual([{ url: '/api' }]);
  expect(doc.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
  expect(doc.components.securitySchemes.cookieAuth).toEqual({ type: 'apiKey', in: 'cookie', name: 'crm_session' });
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

  const unresolved = [...new Set(collectRefs(doc))].filter((r) => resolvePointer(doc, r) === undefined);
  expect(unresolved).toEqual([]);

  const ids = operations(doc).map(([, , op]) => op.operationId as string);
  expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);

  for (const [path, method, op] of operations(doc)) {
    const declared = [...(doc.paths[path].parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref(doc, p));
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) expect(declared.some((p) => p.in === 'path' && p.name === name)).toBe(true);
    const codes = Object.keys(op.responses);
    expect(codes.some((c) => c.startsWith('2'))).toBe(true);
    for (const code of codes.filter((c) => Number(c) >= 400)) {
      const res = deref(doc, op.responses[code]);
      expect([`${method} ${path} ${code}`, Object.keys(res.content)]).toEqual([`${method} ${path} ${code}`, ['application/problem+json']]);
    }
  }

  const ajv = documentAjv(doc);
  for (const name of Object.keys(doc.components.schemas)) expect(() => componentValidator(ajv, name)).not.toThrow();

  for (const entity of Object.values(model.entities).filter((e) => !e.hidden)) {
    const name = recordSchemaName(doc, entity.name);
    for (const suffix of ['', 'Create', 'Update', 'List']) expect(doc.components.schemas[name + suffix]).toBeDefined();
    for (const p of ['', '/query', '/bulk', '/{id}', '/{id}/restore', '/{id}/history']) expect(doc.paths[`/records/${entity.name}${p}`]).toBeDefined();
    const record = sampleRecord(entity);
    const validateRecord = componentValidator(ajv, name);
    expect([entity.name, validateRecord(record), validateRecord.errors]).toEqual([entity.name, true, null]);
    expect(componentValidator(ajv, `${name}List`)({ items: [record], nextCursor: null, count: 1 })).toBe(true);
    const body = sampleCreate(entity);
    if (body) expect([entity.name, componentValidator(ajv, `${name}Create`)(body)]).toEqual([entity.name, true]);
  }
  return doc;
}

/** The component named by the 200 response of `GET /records/<entity>/{id}`. */
function recordSchemaName(doc: Json, entity: string): string {
  const ref: string = doc.paths[`/records/${entity}/{id}`].get.responses['200'].content['application/json'].schema.$ref;
  return ref.replace('#/components/schemas/', '');
}

describe('openApiDocument', () => {
  test('given the hand-made model, every visible entity has schemas and paths and the document is self-consistent', () => {
    const doc = checkDocument(handMadeModel(), 7);
    for (const e of ['account', 'contact', 'problem']) expect(doc.paths[`/records/${e}`]).toBeDefined();
    expect(doc.paths['/records/account'].get.operationId).toBe('listAccount');
    expect(doc.paths['/records/account'].post.operationId).toBe('createAccount');
    expect(doc.paths['/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/openapi.json'].get).toBeDefined();
  });

  test('hidden entities and fields are absent', () => {
    const doc = openApiDocument(handMadeModel(), 1) as Json;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/records/legacy'))).toEqual([]);
    expect(Object.keys(doc.components.schemas).filter((s) => s.startsWith('Legacy'))).toEqual([]);
    for (const s of ['Account', 'AccountCreate', 'AccountUpdate', 'AccountPatch', 'AccountBulkUpdateItem'])
      expect(Object.keys(doc.components.schemas[s].properties)).not.toContain('secretNote');
    expect(doc.components.schemas.Account.properties.name).toBeDefined();
  });

  test('the record schema carries system fields, labels and lookups as uuids; no x-crm-* inside field schemas', () => {
    const doc = openApiDocument(handMadeModel(), 1) as Json;
    const account = doc.components.schemas.Account;
    expect(account['x-crm-label']).toEqual(label('Account', '实体account'));
    expect(account.description).toContain('实体account');
    expect(account.properties.id).toEqual({ type: 'string', format: 'uuid' });
    expect(account.properties.deletedAt.type).toEqual(['string', 'null']);
    expect(account.properties.parentAccount).toMatchObject({ type: ['string', 'null'], format: 'uuid' });
    expect(account.properties.industry.enum).toEqual(['finance', 'retail', null]);
    expect(account.properties.score).toBeDefined(); // readonly: returned, not writable
    expect(doc.components.schemas.AccountCreate.properties.score).toBeUndefined();
    for (const field of Object.values(account.properties as Json)) expect(Object.keys(field).filter((k) => k.startsWith('x-crm-'))).toEqual([]);
    const ajv = documentAjv(doc);
    expect(componentValidator(ajv, 'Account')({ ...sampleRecord(handMadeModel().entities.account), parentAccount: 'not-a-uuid' })).toBe(false);
  });

  test('request bodies are the metadata record schemas; bulk update items need an id', () => {
    const model = handMadeModel();
    const doc = openApiDocument(model, 1) as Json;
    expect(doc.components.schemas.AccountCreate).toEqual(entityRecordSchema(model.entities.account, 'create'));
    expect(doc.components.schemas.AccountUpdate).toEqual(entityRecordSchema(model.entities.account, 'update'));
    const ajv = documentAjv(doc);
    const create = componentValidator(ajv, 'AccountCreate');
    expect(create({ name: 'Acme' })).toBe(true);
    expect(create({ industry: 'finance' })).toBe(false); // name required
    expect(create({ name: 'Acme', bogus: 1 })).toBe(false);
    const patch = componentValidator(ajv, 'AccountPatch');
    expect(patch({ industry: 'retail', version: 2 })).toBe(true);
    const item = componentValidator(ajv, 'AccountBulkUpdateItem');
    expect(item({ id: ID, version: 1, name: 'B' })).toBe(true);
    expect(item({ name: 'B' })).toBe(false);
    const bulk = doc.paths['/records/account/bulk'];
    expect(bulk.post.requestBody.content['application/json'].schema.properties.records.items).toEqual({ $ref: '#/components/schemas/AccountCreate' });
    expect(bulk.patch.requestBody.content['application/json'].schema.properties.records.items).toEqual({ $ref: '#/components/schemas/AccountBulkUpdateItem' });
  });

  test('an entity named like a static component gets its own names and leaves Problem intact', () => {
    const doc = openApiDocument(handMadeModel(), 1) as Json;
    expect(doc.components.schemas.Problem.properties.status).toBeDefined();
    expect(recordSchemaName(doc, 'problem')).toBe('ProblemEntity');
    expect(doc.components.schemas.ProblemEntity.properties.summary).toBeDefined();
    expect(doc.paths['/records/problem'].get.operationId).toBe('listProblem');
  });

  test('problem schemas: DuplicateProblem needs duplicates; errors carry path and message', () => {
    const ajv = documentAjv(openApiDocument(handMadeModel(), 1) as Json);
    const base = { type: 'https://crm.local/problems/duplicate', title: 'Possible duplicate', status: 409, detail: 'd', instance: '/api/records/account' };
    expect(componentValidator(ajv, 'DuplicateProblem')({ ...base, duplicates: [{ rule: 'sameName', id: ID, display: 'Acme' }] })).toBe(true);
    expect(componentValidator(ajv, 'DuplicateProblem')(base)).toBe(false);
    expect(componentValidator(ajv, 'Problem')({ ...base, errors: [{ path: '/name' }] })).toBe(false);
    const history = componentValidator(ajv, 'HistoryEntry');
    expect(history({ id: 1, at: '2024-01-01T00:00:00.000Z', actor: { id: ID, username: 'ann', displayName: 'Ann' }, action: 'update', field: 'name', before: 'a', after: 'b' })).toBe(true);
    expect(history({ id: 1, at: '2024-01-01T00:00:00.000Z', actor: { id: ID, username: 'ann', displayName: 'Ann' }, action: 'merge', field: null })).toBe(false);
  });

  test('a new entity in the model appears in the regenerated document; documents are cached per model and version', () => {
    const before = handMadeModel();
    const after = handMadeModel([OPPORTUNITY]);
    const oldDoc = openApiDocument(before, 1) as Json;
    expect(openApiDocument(before, 1)).toBe(oldDoc);
    expect(oldDoc.paths['/records/opportunity']).toBeUndefined();
    const newDoc = checkDocument(after, 2);
    expect(newDoc.paths['/records/opportunity'].post.operationId).toBe('createOpportunity');
    expect(newDoc.components.schemas.OpportunityCreate.required).toEqual(['title']);
    const bumped = openApiDocument(before, 3) as Json;
    expect(bumped).not.toBe(oldDoc);
    expect(bumped.info.version).toBe('metadata v3');
  });

  test('given the shipped metadata, the document is self-consistent', () => {
    const model = loadModel();
    const doc = checkDocument(model, 1);
    const visible = Object.values(model.entities).filter((e) => !e.hidden);
    expect(Object.keys(doc.paths).filter((p) => /^\/records\/[^/]+$/.test(p)).length).toBe(visible.length);
  });
});
