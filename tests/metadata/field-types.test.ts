import { apiValueSchema, FIELD_KINDS, fieldTypes, inferKind, type FieldDocument } from '../../metadata/index.js';

const label = { 'zh-CN': '字段', en: 'Field' };
const field = (f: Partial<FieldDocument>): FieldDocument => ({ ...f, 'x-crm-label': label });

describe('field-type registry', () => {
  it('has one field type per kind, registered under its own kind', () => {
    expect(FIELD_KINDS.sort()).toEqual(
      ['attachment', 'boolean', 'date', 'datetime', 'email', 'enum', 'integer', 'json', 'lookup', 'money', 'number', 'percent', 'phone', 'text', 'url'].sort(),
    );
    for (const kind of FIELD_KINDS) expect(fieldTypes[kind].kind).toBe(kind);
  });

  it.each([
    [{ type: 'string', 'x-crm-lookup': { entity: 'account' } }, 'lookup'],
    [{ type: 'string', enum: ['a', 'b'] }, 'enum'],
    [{ type: 'string', format: 'email' }, 'email'],
    [{ type: 'string', format: 'date' }, 'date'],
    [{ type: ['string', 'null'], format: 'date-time' }, 'datetime'],
    [{ type: 'string', format: 'uri' }, 'url'],
    [{ type: 'string' }, 'text'],
    [{ type: 'integer' }, 'integer'],
    [{ type: 'number' }, 'number'],
    [{ type: 'boolean' }, 'boolean'],
    [{ type: 'object' }, 'json'],
    [{ type: 'array', items: { type: 'string' } }, 'json'],
    [{}, 'json'],
    [{ type: 'string', 'x-crm-type': 'phone' }, 'phone'],
    [{ type: 'number', 'x-crm-type': 'money' }, 'money'],
  ] as [Partial<FieldDocument>, string][])('infers %j as %s', (doc, kind) => {
    expect(inferKind(field(doc))).toBe(kind);
  });

  it.each([
    [{ type: 'string', maxLength: 200 }, 'varchar(200)'],
    [{ type: 'string', maxLength: 1000 }, 'varchar(1000)'],
    [{ type: 'string', maxLength: 1001 }, 'text'],
    [{ type: 'string' }, 'text'],
    [{ type: 'string', format: 'email' }, 'varchar(320)'],
    [{ type: 'string', 'x-crm-type': 'phone' }, 'varchar(50)'],
    [{ type: 'string', format: 'uri' }, 'varchar(2000)'],
    [{ type: 'integer' }, 'bigint'],
    [{ type: 'number' }, 'double precision'],
    [{ type: 'number', 'x-crm-type': 'money' }, 'numeric(18,2)'],
    [{ type: 'number', 'x-crm-type': 'percent' }, 'numeric(5,2)'],
    [{ type: 'boolean' }, 'boolean'],
    [{ type: 'string', format: 'date' }, 'date'],
    [{ type: 'string', format: 'date-time' }, 'timestamptz'],
    [{ type: 'string', enum: ['x'] }, 'varchar(64)'],
    [{ type: 'string', 'x-crm-lookup': { entity: 'account' } }, 'uuid'],
    [{ type: 'object' }, 'jsonb'],
  ] as [Partial<FieldDocument>, string][])('stores %j as %s', (doc, sql) => {
    const f = field(doc);
    expect(fieldTypes[inferKind(f)].sqlType(f)).toBe(sql);
  });
});

describe('attachment', () => {
  it('holds one attachment id in a uuid column, or several in uuid[]; never inferred', () => {
    expect(fieldTypes.attachment.sqlType(field({ type: 'string', 'x-crm-type': 'attachment' }))).toBe('uuid');
    expect(fieldTypes.attachment.sqlType(field({ type: 'array', 'x-crm-type': 'attachment' }))).toBe('uuid[]');
    expect(apiValueSchema(field({ type: 'array', 'x-crm-type': 'attachment' }))).toMatchObject({ type: 'array', items: { type: 'string', format: 'uuid' }, uniqueItems: true });
    expect(inferKind(field({ type: 'array', items: { type: 'string', format: 'uuid' } }))).toBe('json');
  });
});
