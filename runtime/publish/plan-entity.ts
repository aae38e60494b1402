/**
 * Planning one entity: a new table, or the difference between the published entity and the next
 * one (columns, type changes, foreign keys, indexes, hidden fields). Pure; see ./plan.ts.
 */
import { codedText, computedReferences, constraintName, parseComputed, type Coded, type CompiledEntity, type CompiledField, type CompiledModel, type IssueText } from '../../metadata/index.js';
import { ident } from '../db/sql.js';
import { normaliserSql } from '../records/duplicates.js';
import {
  addColumnSql,
  addForeignKeySql,
  alterTypeSql,
  clearColumnSql,
  createIndexSql,
  createTableSql,
  dropForeignKeySql,
  dropIndexSql,
  fkName,
  setExpressionSql,
  setFulltextSql,
  SYSTEM_COLUMN_NAMES,
  systemIndexes,
  unsetFulltextSql,
} from './ddl.js';
import type { MigrationStep, PlanAction, Refusal } from './plan.js';
import { compareTypes, formatSqlType, parseSqlType } from './sql-types.js';
import { columnDefinition, computedValueSql } from './computed-sql.js';

export interface EntityPlanContext {
  next: CompiledModel;
  actions: PlanAction[];
  refusals: Refusal[];
  /** The migration step for a field, marked as used. */
  migration(entity: string, field: string): MigrationStep | undefined;
}

/** An action's summary: its code, params and English text. */
export function summaryOf(text: IssueText): Coded & { summary: string } {
  const { message: summary, ...coded } = codedText(text);
  return { summary, ...coded };
}

/** A refusal of a change to `entity` (and `field`): why, as a code and params with the English message. */
export const refusalOf = (entity: string, field: string | undefined, text: IssueText): Refusal => ({ entity, ...(field === undefined ? {} : { field }), ...codedText(text) });

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const col = (e: CompiledEntity, f: { column: string }) => `crm.${e.table}.${f.column}`;

/**
 * Problems that make an entity impossible to plan (bad names, unknown types, lookups to entities
 * that are not published). Returns the canonical SQL type per column when there are none.
 */
function check(ctx: EntityPlanContext, e: CompiledEntity): Map<string, string> | null {
  const before = ctx.refusals.length;
  const refuse = (text: IssueText, field?: string) => ctx.refusals.push(refusalOf(e.name, field, text));
  if (!SAFE_NAME.test(e.table)) refuse({ code: 'publish-unsafe-table-name', params: { name: JSON.stringify(e.table) } });
  const types = new Map<string, string>();
  for (const f of e.fields) {
    if (!SAFE_NAME.test(f.column)) refuse({ code: 'publish-unsafe-column-name', params: { name: JSON.stringify(f.column) } }, f.name);
    else if (SYSTEM_COLUMN_NAMES.has(f.column)) refuse({ code: 'publish-system-column', params: { column: f.column } }, f.name);
    else if (types.has(f.column)) refuse({ code: 'publish-column-twice', params: { column: f.column } }, f.name);
    const t = parseSqlType(f.sqlType);
    if (!t) refuse({ code: 'publish-unsupported-type', params: { type: JSON.stringify(f.sqlType) } }, f.name);
    else types.set(f.column, formatSqlType(t));
    if (f.lookup) {
      const target = Object.prototype.hasOwnProperty.call(ctx.next.entities, f.lookup.entity)
        ? ctx.next.entities[f.lookup.entity]
        : undefined;
      if (!target || target.hidden) refuse({ code: 'publish-lookup-unpublished', params: { entity: f.lookup.entity } }, f.name);
      else if (t && t.base !== 'uuid') refuse({ code: 'publish-lookup-not-uuid', params: { type: f.sqlType } }, f.name);
    }
  }
  return ctx.refusals.length === before ? types : null;
}

function addForeignKey(ctx: EntityPlanContext, e: CompiledEntity, f: CompiledField, replace: boolean): void {
  const target = ctx.next.entities[f.lookup!.entity];
  const onDelete: IssueText = { code: f.lookup!.onDelete === 'set-null' ? 'on-delete-set-null' : 'on-delete-restrict' };
  const sql = replace ? [dropForeignKeySql(e, f.column)] : [];
  sql.push(addForeignKeySql(e, f, target));
  ctx.actions.push({
    kind: 'add-foreign-key',
    entity: e.name,
    field: f.name,
    name: fkName(e.table, f.column),
    sql,
    ...summaryOf({ code: replace ? 'publish-replace-foreign-key' : 'publish-add-foreign-key', params: { column: col(e, f), target: target.table, onDelete } }),
  });
}

const DEFAULT_ORDER_COLUMNS = ['created_at', 'id'];

interface PhysicalIndex {
  name: string;
  columns: string[];
  unique: boolean;
  /** Expression index (duplicate rules): the SQL of each key, over `columns`. */
  expressions?: string[];
}

/**
 * One expression index per duplicate rule, on exactly the normalised expressions the duplicate
 * check compares (runtime/records/duplicates.ts), ignoring deleted records — so the check on
 * create stays an index look-up however large the table grows.
 */
function duplicateRuleIndexes(e: CompiledEntity): PhysicalIndex[] {
  return (e.duplicateRules ?? []).flatMap((rule) => {
    const fields = rule.fields.map((rf) => e.fields.find((f) => f.name === rf.field));
    if (fields.some((f) => !f)) return [];
    const columns = fields.map((f) => f!.column);
    return [
      {
        name: constraintName('dx', e.table, columns),
        columns,
        unique: false,
        expressions: rule.fields.map((rf, i) => normaliserSql(rf.normalise, `${ident(columns[i])}::text`)),
      },
    ];
  });
}

/**
 * Declared indexes and uniques (columns given as field names are mapped to columns). A declared
 * index identical to a system index (same name and columns) is the system index: left out.
 */
function physicalIndexes(e: CompiledEntity): PhysicalIndex[] {
  const column = (c: string) => e.fields.find((f) => f.name === c)?.column ?? c;
  const system = new Set(systemIndexes(e.table).map((ix) => `${ix.name}(${ix.columns.join(',')})`));
  // A declared (non-unique) index also carries the default list order (created_at, id), so a list
  // filtered on its columns is read in order from the index: no sort, however many rows match.
  const withOrder = (cols: string[]) => [...cols, ...DEFAULT_ORDER_COLUMNS.filter((c) => !cols.includes(c))];
  const map = (unique: boolean) => (ix: { name: string; columns: string[] }) => ({
    name: ix.name,
    columns: unique ? ix.columns.map(column) : withOrder(ix.columns.map(column)),
    unique,
  });
  const declared = [...(e.indexes ?? []).map(map(false)), ...(e.uniques ?? []).map(map(true))].filter(
    (ix) => ix.unique || !system.has(`${ix.name}(${ix.columns.join(',')})`),
  );
  const names = new Set(declared.map((ix) => ix.name));
  return [...declared, ...duplicateRuleIndexes(e).filter((ix) => !names.has(ix.name))];
}

function checkIndexes(ctx: EntityPlanContext, e: CompiledEntity, list: PhysicalIndex[]): boolean {
  const before = ctx.refusals.length;
  const known = new Set([...SYSTEM_COLUMN_NAMES, ...e.fields.map((f) => f.column)]);
  const names = new Set(systemIndexes(e.table).map((ix) => ix.name));
  for (const ix of list) {
    if (!SAFE_NAME.test(ix.name)) ctx.refusals.push(refusalOf(e.name, undefined, { code: 'publish-unsafe-index-name', params: { name: JSON.stringify(ix.name) } }));
    else if (names.has(ix.name)) ctx.refusals.push(refusalOf(e.name, undefined, { code: 'publish-index-twice', params: { name: ix.name } }));
    names.add(ix.name);
    const missing = ix.columns.filter((c) => !known.has(c) || !SAFE_NAME.test(c));
    if (missing.length || !ix.columns.length) {
      ctx.refusals.push(refusalOf(e.name, undefined, missing.length ? { code: 'publish-index-unknown-columns', params: { name: ix.name, columns: missing } } : { code: 'publish-index-no-columns', params: { name: ix.name } }));
    }
  }
  return ctx.refusals.length === before;
}

function createIndex(ctx: EntityPlanContext, e: CompiledEntity, ix: PhysicalIndex): void {
  ctx.actions.push({
    kind: 'create-index',
    entity: e.name,
    name: ix.name,
    sql: [createIndexSql(e, ix.name, ix.columns, ix.unique, ix.expressions)],
    ...summaryOf({
      code: ix.expressions ? 'publish-create-duplicate-index' : ix.unique ? 'publish-create-unique-index' : 'publish-create-index',
      params: { name: ix.name, table: e.table, columns: ix.columns },
    }),
  });
}

/** The row trigger that keeps the search vector current: set when the columns or weights change, dropped when search goes. */
function planFulltext(ctx: EntityPlanContext, p: CompiledEntity | null, n: CompiledEntity): void {
  if (JSON.stringify(p?.fulltext ?? null) === JSON.stringify(n.fulltext ?? null)) return;
  const bad = (n.fulltext?.columns ?? []).filter((c) => !n.fields.some((f) => f.column === c.column && !f.hidden) || !/^[ABCD]$/.test(c.weight));
  if (bad.length > 0) {
    ctx.refusals.push(refusalOf(n.name, undefined, { code: 'publish-fulltext-unknown', params: { columns: bad.map((c) => `${c.column} ${c.weight}`) } }));
    return;
  }
  if (n.fulltext) {
    const columns = n.fulltext.columns.map((c) => `${c.column} ${c.weight}`);
    ctx.actions.push({ kind: 'set-fulltext', entity: n.name, sql: setFulltextSql(n, n.fulltext.columns), ...summaryOf({ code: 'publish-set-fulltext', params: { table: n.table, columns } }) });
  } else if (p) {
    ctx.actions.push({ kind: 'unset-fulltext', entity: n.name, sql: unsetFulltextSql(n), ...summaryOf({ code: 'publish-unset-fulltext', params: { table: n.table } }) });
  }
}

export function planNewEntity(ctx: EntityPlanContext, e: CompiledEntity): CompiledEntity {
  const types = check(ctx, e);
  const indexes = physicalIndexes(e);
  if (!types || !checkIndexes(ctx, e, indexes)) return e;
  ctx.actions.push({
    kind: 'create-table',
    entity: e.name,
    sql: createTableSql(e, e.fields, new Map(e.fields.map((f) => [f.column, columnDefinition(e, f, types.get(f.column)!)]))),
    ...summaryOf({ code: 'publish-create-table', params: { table: e.table, columns: e.fields.map((f) => `${f.column} ${types.get(f.column)}${f.computed === undefined ? '' : ` = ${f.computed}`}`) } }),
  });
  for (const f of e.fields) if (f.lookup) addForeignKey(ctx, e, f, false);
  for (const ix of indexes) createIndex(ctx, e, ix);
  planFulltext(ctx, null, e);
  return e;
}

/** Why changing `old` into `f` could lose data or break references, or null when it cannot. */
function unsafeChange(old: CompiledField, f: CompiledField, from: string, to: string): IssueText | null {
  const fromT = parseSqlType(old.sqlType);
  const toT = parseSqlType(f.sqlType)!;
  if (!fromT) return { code: 'publish-type-not-understood', params: { type: JSON.stringify(old.sqlType) } };
  if (!old.lookup && f.lookup) return { code: 'publish-to-lookup', params: { kind: old.kind, from, entity: f.lookup.entity } };
  if (old.lookup && !f.lookup) return { code: 'publish-from-lookup', params: { entity: old.lookup.entity, kind: f.kind, to } };
  if (old.lookup && f.lookup && old.lookup.entity !== f.lookup.entity) {
    return { code: 'publish-lookup-retarget', params: { from: old.lookup.entity, to: f.lookup.entity } };
  }
  const change = compareTypes(fromT, toT);
  return change.kind === 'unsafe' ? { code: 'publish-type-loses-data', params: { from, to, reason: change.reason } } : null;
}

function planField(ctx: EntityPlanContext, e: CompiledEntity, old: CompiledField, f: CompiledField, to: string): void {
  const from = formatSqlType(parseSqlType(old.sqlType) ?? { base: 'text' });
  const problem = unsafeChange(old, f, from, to);
  const typeChanged = problem !== null || from !== to;
  const step = typeChanged ? ctx.migration(e.name, f.name) : undefined;
  if (step) {
    const sql = old.lookup ? [dropForeignKeySql(e, old.column)] : [];
    if (from !== to) sql.push(alterTypeSql(e, f.column, to, step.using));
    else if (step.using === 'clear') sql.push(clearColumnSql(e, f.column));
    ctx.actions.push({
      kind: 'migrate-column',
      entity: e.name,
      field: f.name,
      sql,
      ...summaryOf({ code: step.using === 'cast' ? 'publish-cast-column' : 'publish-clear-column', params: { column: col(e, f), from, to } }),
    });
    if (f.lookup) addForeignKey(ctx, e, f, false);
    return;
  }
  if (problem) {
    ctx.refusals.push(refusalOf(e.name, f.name, { code: 'publish-needs-migration', params: { entity: e.name, field: f.name, problem } }));
    return;
  }
  if (from !== to) {
    ctx.actions.push({
      kind: 'alter-column-type',
      entity: e.name,
      field: f.name,
      sql: [alterTypeSql(e, f.column, to, 'cast')],
      ...summaryOf({ code: 'publish-widen-column', params: { column: col(e, f), from, to } }),
    });
  }
  if (old.lookup && f.lookup && old.lookup.onDelete !== f.lookup.onDelete) addForeignKey(ctx, e, f, true);
}

/** Field name → the computed fields of `e` that read it. */
function computedReaders(e: CompiledEntity): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of e.fields) {
    if (f.computed === undefined || f.hidden) continue;
    for (const ref of computedReferences(parseComputed(f.computed))) out.set(ref, [...(out.get(ref) ?? []), f.name]);
  }
  return out;
}

/**
 * A published field's computed-ness: a new or changed expression recomputes every record, dropping
 * it keeps the values as written ones. A written field cannot become computed (its values would be
 * replaced), and a field a computed field reads cannot change its type (PostgreSQL keeps the
 * generated column bound to it). False when refused.
 */
function planComputed(ctx: EntityPlanContext, e: CompiledEntity, old: CompiledField, f: CompiledField, to: string, readers: Map<string, string[]>): boolean {
  const refuse = (text: IssueText) => {
    ctx.refusals.push(refusalOf(e.name, f.name, text));
    return false;
  };
  const at = { entity: e.name, field: f.name };
  if (old.computed === undefined && f.computed !== undefined) return refuse({ code: 'publish-computed-from-written', params: at });
  const from = formatSqlType(parseSqlType(old.sqlType) ?? { base: 'text' });
  if (from !== to && readers.has(f.name)) return refuse({ code: 'publish-computed-input-type', params: { ...at, readers: readers.get(f.name)! } });
  if (old.computed !== f.computed) {
    const generated = f.computed === undefined ? null : computedValueSql(e, f, to);
    ctx.actions.push({
      kind: 'set-computed',
      entity: e.name,
      field: f.name,
      sql: [setExpressionSql(e, f.column, generated)],
      ...summaryOf(generated === null ? { code: 'publish-not-computed', params: { column: col(e, f) } } : { code: 'publish-recompute', params: { column: col(e, f), expression: f.computed! } }),
    });
  }
  return true;
}

/** The published entity `p` (visible or hidden) becomes `n`; fields `n` lacks stay hidden. */
export function planEntityChange(ctx: EntityPlanContext, p: CompiledEntity, n: CompiledEntity): CompiledEntity {
  if (p.table !== n.table) {
    ctx.refusals.push(refusalOf(n.name, undefined, { code: 'publish-table-rename', params: { from: p.table, to: n.table } }));
    return n;
  }
  const types = check(ctx, n);
  const prevIndexes = physicalIndexes(p);
  const nextIndexes = physicalIndexes(n);
  if (!types || !checkIndexes(ctx, n, nextIndexes)) return n;
  if (p.hidden) {
    ctx.actions.push({ kind: 'unhide-entity', entity: n.name, sql: [], ...summaryOf({ code: 'publish-unhide-entity', params: { entity: n.name, table: n.table } }) });
  }
  const prevByColumn = new Map(p.fields.map((f) => [f.column, f]));
  const readByComputed = computedReaders(n);
  for (const f of n.fields) {
    const to = types.get(f.column)!;
    const old = prevByColumn.get(f.column);
    if (!old && f.computed !== undefined) {
      const sql = [addColumnSql(n, f.column, columnDefinition(n, f, to))];
      ctx.actions.push({ kind: 'add-computed-column', entity: n.name, field: f.name, sql, ...summaryOf({ code: 'publish-add-computed-column', params: { column: col(n, f), type: to, expression: f.computed } }) });
      continue;
    }
    if (!old) {
      ctx.actions.push({ kind: 'add-column', entity: n.name, field: f.name, sql: [addColumnSql(n, f.column, to)], ...summaryOf({ code: 'publish-add-column', params: { column: col(n, f), type: to } }) });
      if (f.lookup) addForeignKey(ctx, n, f, false);
      continue;
    }
    if (old.hidden) {
      ctx.actions.push({ kind: 'unhide-field', entity: n.name, field: f.name, sql: [], ...summaryOf({ code: 'publish-unhide-field', params: { entity: n.name, field: f.name, column: col(n, f) } }) });
    }
    if (planComputed(ctx, n, old, f, to, readByComputed)) planField(ctx, n, old, f, to);
  }

  const nextColumns = new Set(n.fields.map((f) => f.column));
  const retained = p.fields.filter((f) => !nextColumns.has(f.column)).map((f) => ({ ...f, hidden: true }));
  for (const f of p.fields) {
    if (nextColumns.has(f.column) || f.hidden) continue;
    ctx.actions.push({
      kind: 'hide-field',
      entity: n.name,
      field: f.name,
      sql: [],
      ...summaryOf({ code: 'publish-hide-field', params: { entity: n.name, field: f.name, column: col(n, f) } }),
    });
  }

  const key = (ix: PhysicalIndex) => `${ix.unique ? 'unique' : 'index'} ${ix.name} (${(ix.expressions ?? ix.columns).join(',')})`;
  const nextKeys = new Set(nextIndexes.map(key));
  const prevKeys = new Set(prevIndexes.map(key));
  for (const ix of prevIndexes) {
    if (nextKeys.has(key(ix))) continue;
    ctx.actions.push({ kind: 'drop-index', entity: n.name, name: ix.name, sql: [dropIndexSql(ix.name)], ...summaryOf({ code: 'publish-drop-index', params: { name: ix.name } }) });
  }
  for (const ix of nextIndexes) if (!prevKeys.has(key(ix))) createIndex(ctx, n, ix);
  planFulltext(ctx, p, n);

  return { ...n, fields: [...n.fields, ...retained] };
}
