/**
 * DDL text for entity tables in schema `crm`. Every identifier goes through `ident`; no value is
 * ever part of the text (DDL takes no bind parameters, and none is needed: types come from
 * `parseSqlType`, names from validated metadata). Nothing here drops a table or a column.
 */
import { constraintName, type CompiledEntity, type CompiledField } from '../../metadata/index.js';
import { FULLTEXT_COLUMN } from '../db/fulltext.js';
import { ident, qualified } from '../db/sql.js';

export const CRM_SCHEMA = 'crm';

/** The columns every entity table has, in table order (not declared in documents). */
export const SYSTEM_COLUMNS: readonly { column: string; ddl: string }[] = [
  { column: 'id', ddl: 'uuid primary key default gen_random_uuid()' },
  { column: 'version', ddl: 'integer not null default 1' },
  { column: 'owner_id', ddl: 'uuid' },
  { column: 'created_at', ddl: 'timestamptz not null default now()' },
  { column: 'created_by', ddl: 'uuid' },
  { column: 'updated_at', ddl: 'timestamptz not null default now()' },
  { column: 'updated_by', ddl: 'uuid' },
  { column: 'deleted_at', ddl: 'timestamptz' },
  { column: 'deleted_by', ddl: 'uuid' },
];
export const SYSTEM_COLUMN_NAMES: ReadonlySet<string> = new Set(SYSTEM_COLUMNS.map((c) => c.column));

export const tableOf = (e: { table: string }): string => qualified(CRM_SCHEMA, e.table);
export const fkName = (tableName: string, column: string): string => constraintName('fk', tableName, [column]);

/** The indexes every entity table has: keyset paging by (created_at, id), and by owner. */
export const systemIndexes = (tableName: string): { name: string; columns: string[] }[] => [
  { name: constraintName('ix', tableName, ['created_at', 'id']), columns: ['created_at', 'id'] },
  { name: constraintName('ix', tableName, ['owner_id']), columns: ['owner_id'] },
];

export function createSchemaSql(): string {
  return `create schema if not exists ${ident(CRM_SCHEMA)}`;
}

/** `create table` with the system columns and every field's column (`columnDefs`: type, and a computed field's expression), plus the system indexes. */
export function createTableSql(entity: CompiledEntity, fields: CompiledField[], columnDefs: Map<string, string>): string[] {
  const cols = [
    ...SYSTEM_COLUMNS.map((c) => `${ident(c.column)} ${c.ddl}`),
    ...fields.map((f) => `${ident(f.column)} ${columnDefs.get(f.column)}`),
  ];
  return [
    `create table ${tableOf(entity)} (\n  ${cols.join(',\n  ')}\n)`,
    ...systemIndexes(entity.table).map((ix) => createIndexSql(entity, ix.name, ix.columns, false)),
  ];
}

export function addColumnSql(entity: CompiledEntity, column: string, sqlType: string): string {
  return `alter table ${tableOf(entity)} add column ${ident(column)} ${sqlType}`;
}

/** A computed column's new expression (every row recomputed), or `null`: it keeps its values and becomes a written column. */
export function setExpressionSql(entity: CompiledEntity, column: string, valueSql: string | null): string {
  const how = valueSql === null ? 'drop expression' : `set expression as ${valueSql}`;
  return `alter table ${tableOf(entity)} alter column ${ident(column)} ${how}`;
}

/** Change a column's type: convert every value (`cast`) or empty the column first (`clear`). */
export function alterTypeSql(entity: CompiledEntity, column: string, sqlType: string, using: 'cast' | 'clear'): string {
  const expr = using === 'clear' ? `null::${sqlType}` : `${ident(column)}::${sqlType}`;
  return `alter table ${tableOf(entity)} alter column ${ident(column)} type ${sqlType} using ${expr}`;
}

/** Empty a column (explicit data loss, only for a `clear` migration that keeps the type). */
export function clearColumnSql(entity: CompiledEntity, column: string): string {
  return `update ${tableOf(entity)} set ${ident(column)} = null where ${ident(column)} is not null`;
}

export function addForeignKeySql(entity: CompiledEntity, field: CompiledField, target: { table: string }): string {
  const onDelete = field.lookup?.onDelete === 'set-null' ? 'set null' : 'restrict';
  return (
    `alter table ${tableOf(entity)} add constraint ${ident(fkName(entity.table, field.column))} ` +
    `foreign key (${ident(field.column)}) references ${tableOf(target)} (${ident('id')}) on delete ${onDelete}`
  );
}

/** Dropping a foreign-key constraint loses no data; used only to replace it (target or on-delete change). */
export function dropForeignKeySql(entity: CompiledEntity, column: string): string {
  return `alter table ${tableOf(entity)} drop constraint if exists ${ident(fkName(entity.table, column))}`;
}

/** Declared index, or unique index that ignores soft-deleted records (they never block a value). */
export function createIndexSql(entity: CompiledEntity, name: string, columns: string[], unique: boolean, expressions?: string[]): string {
  const cols = columns.map(ident).join(', ');
  if (expressions) return `create index ${ident(name)} on ${tableOf(entity)} (${expressions.map((x) => `(${x})`).join(', ')}) where ${ident('deleted_at')} is null`;
  return unique
    ? `create unique index ${ident(name)} on ${tableOf(entity)} (${cols}) where ${ident('deleted_at')} is null`
    : `create index ${ident(name)} on ${tableOf(entity)} (${cols})`;
}

export function dropIndexSql(name: string): string {
  return `drop index if exists ${qualified(CRM_SCHEMA, name)}`;
}

/** Name of an entity's full-text index and trigger. */
export const fulltextName = (tableName: string): string => constraintName('fx', tableName, [FULLTEXT_COLUMN.replace(/^_/, '')]);

/**
 * Full-text search on: the vector column and its GIN index (once), the row trigger that keeps the
 * vector current from the listed columns (replaced when they change), and every existing row's
 * vector recomputed (an update that fires the trigger and changes nothing else).
 */
export function setFulltextSql(entity: CompiledEntity, columns: { column: string; weight: string }[]): string[] {
  const name = fulltextName(entity.table);
  const args = columns.flatMap((c) => [`'${c.column}'`, `'${c.weight}'`]).join(', ');
  const first = ident(columns[0].column);
  return [
    `alter table ${tableOf(entity)} add column if not exists ${ident(FULLTEXT_COLUMN)} tsvector`,
    `create index if not exists ${ident(name)} on ${tableOf(entity)} using gin (${ident(FULLTEXT_COLUMN)})`,
    `create or replace trigger ${ident(name)} before insert or update of ${columns.map((c) => ident(c.column)).join(', ')} on ${tableOf(entity)} for each row execute function crm.fts_refresh(${args})`,
    `update ${tableOf(entity)} set ${first} = ${first}`,
  ];
}

/** Full-text search off: the trigger goes, the (derived) vectors are emptied; column and index stay. */
export function unsetFulltextSql(entity: CompiledEntity): string[] {
  return [`drop trigger if exists ${ident(fulltextName(entity.table))} on ${tableOf(entity)}`, `update ${tableOf(entity)} set ${ident(FULLTEXT_COLUMN)} = null`];
}
