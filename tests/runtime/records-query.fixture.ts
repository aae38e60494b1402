/**
 * A small compiled model written by hand for the records-query tests: `company` (with a lookup to
 * its parent company) and `person` (with a lookup to its company), a hidden field on each, and a
 * hidden entity that `person.archive` still points at. Plus the DDL of their tables.
 */
import { EMPTY_SECURITY, type CompiledEntity, type CompiledField, type CompiledModel, type FieldKind } from '../../metadata/index.js';

const SQL_TYPES: Record<FieldKind, string> = {
  text: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  integer: 'bigint',
  number: 'numeric',
  money: 'numeric(18,2)',
  percent: 'numeric(5,2)',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
  enum: 'text',
  lookup: 'uuid',
  json: 'jsonb',
  attachment: 'uuid',
};

function field(name: string, column: string, kind: FieldKind, extra: Partial<CompiledField> = {}): CompiledField {
  return {
    name,
    column,
    kind,
    sqlType: SQL_TYPES[kind],
    label: { 'zh-CN': name, en: name },
    required: false,
    schema: { 'x-crm-label': { 'zh-CN': name, en: name } },
    ...extra,
  };
}

function entity(name: string, table: string, fields: CompiledField[], hidden = false): CompiledEntity {
  return {
    name,
    table,
    label: { 'zh-CN': name, en: name },
    pluralLabel: { 'zh-CN': name, en: name + 's' },
    displayField: 'name',
    owner: true,
    fields,
    indexes: [],
    uniques: [],
    duplicateRules: [],
    document: { type: 'object', 'x-crm-entity': name, 'x-crm-label': { 'zh-CN': name, en: name }, properties: {} },
    ...(hidden ? { hidden: true } : {}),
  };
}

export const INDUSTRIES = ['finance', 'tech', 'retail'];

export const company = entity('company', 'company', [
  field('name', 'name', 'text', { sqlType: 'varchar(200)' }),
  field('industry', 'industry', 'enum', { enumValues: INDUSTRIES }),
  field('employees', 'employees', 'integer'),
  field('revenue', 'revenue', 'money'),
  field('active', 'active', 'boolean'),
  field('founded', 'founded', 'date'),
  field('website', 'website', 'url'),
  field('meta', 'meta', 'json'),
  field('parent', 'parent_id', 'lookup', { lookup: { entity: 'company', onDelete: 'set-null' } }),
  field('secretCode', 'secret_code', 'text', { hidden: true }),
]);

export const person = entity('person', 'person', [
  field('name', 'name', 'text'),
  field('email', 'email', 'email'),
  field('phone', 'phone', 'phone'),
  field('company', 'company_id', 'lookup', { lookup: { entity: 'company', onDelete: 'set-null' } }),
  field('score', 'score', 'number'),
  field('rank', 'rank', 'integer'),
  field('birthday', 'birthday', 'date'),
  field('lastSeen', 'last_seen', 'datetime'),
  field('vip', 'vip', 'boolean'),
  field('notes', 'notes', 'text'),
  field('tags', 'tags', 'json'),
  field('legacy', 'legacy', 'text', { hidden: true }),
  field('archive', 'archive_id', 'lookup', { lookup: { entity: 'oldThing', onDelete: 'set-null' } }),
]);

export const oldThing = entity('oldThing', 'old_thing', [field('name', 'name', 'text')], true);

export const model: CompiledModel = { entities: { company, person, oldThing }, views: [], triggers: [], security: EMPTY_SECURITY };

const SYSTEM_DDL = [
  'id uuid primary key default gen_random_uuid()',
  'version int not null default 1',
  'owner_id uuid',
  'created_at timestamptz not null default now()',
  'created_by uuid',
  'updated_at timestamptz not null default now()',
  'updated_by uuid',
  'deleted_at timestamptz',
  'deleted_by uuid',
];

export function createTableSql(e: CompiledEntity): string {
  const cols = [...SYSTEM_DDL, ...e.fields.map((f) => `"${f.column}" ${f.sqlType}`)];
  return `create table crm."${e.table}" (${cols.join(', ')})`;
}
