/**
 * Names derived from metadata: tables, columns and constraint names (PostgreSQL identifiers, at most
 * 63 bytes). Every derivation lives here so the compiler and the validator agree.
 */
import { createHash } from 'node:crypto';
import type { FieldKind } from './types.js';
import { SYSTEM_FIELDS } from './types.js';

/** Names a document may not declare: the system fields plus those reserved for later use. */
export const RESERVED_FIELD_NAMES: readonly string[] = SYSTEM_FIELDS;

const SYSTEM_FIELD_SET = new Set<string>(SYSTEM_FIELDS);
export const isSystemField = (name: string): boolean => SYSTEM_FIELD_SET.has(name);

/** A valid, unquoted-safe PostgreSQL identifier as runtime/db/sql.ts `ident` accepts it. */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
export const MAX_IDENTIFIER = 63;

/** camelCase / PascalCase / kebab-case → snake_case: the one rule for table and column names. */
export function snakeCase(name: string): string {
  return name
    .replace(/[-\s]+/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export const tableName = (entity: string): string => snakeCase(entity);

/** Column of a declared field: snake_case, lookups end in `_id` (`parentAccount` → `parent_account_id`). */
export const columnName = (field: string, kind: FieldKind): string => snakeCase(field) + (kind === 'lookup' ? '_id' : '');

/** Column of a system field (`ownerId` → `owner_id`). */
export const systemColumn = (field: string): string => snakeCase(field);

/** PascalCase type name of an entity (`salesOrder` → `SalesOrder`). */
export const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * `<prefix>_<table>_<col1>_<col2>…`; a name longer than 63 characters keeps its first 54 and ends in
 * `_` + 8 hex digits of its SHA-1, so it stays unique and is the same on every run.
 */
export function constraintName(prefix: string, table: string, columns: string[]): string {
  const full = [prefix, table, ...columns].join('_');
  if (full.length <= MAX_IDENTIFIER) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
}
