/**
 * The records query compiler: list / count / get statements for one entity, from a `ListQuery`
 * (filter tree, sort, keyset cursor, field selection, lookup expansion, recycle-bin switches) and
 * the caller's `AccessScope`, plus the mapping of result rows back to API records.
 *
 * Statements are plain SQL with `$n` parameters: identifiers come from the compiled model through
 * `ident`/`qualified`, every value goes through `Params`. The root table is `t0`; lookup paths and
 * expansions LEFT JOIN related tables as `t1`, `t2`, … (one join per distinct path prefix).
 *
 * Paging: `buildListQuery` fetches `limit + 1` rows; `paginate(rows, limit)` splits off the extra
 * row, and `nextCursor(…, lastItemRow)` (the raw row of the last item) gives the next page's cursor.
 */
import type { CompiledEntity, CompiledModel } from '../../metadata/index.js';
import type { AccessScope } from '../access/index.js';
import { FULLTEXT_COLUMN } from '../db/fulltext.js';
import { ident, Params } from '../db/sql.js';
import { AppError } from '../errors.js';
import { decodeCursor, encodeCursor, keysetCondition, orderBy, resolveSort, sortAlias, sortValueSql, type SortInput } from './cursor.js';
import { parseFilter, type FilterNode } from './filter.js';
import { compileFilter, UUID } from './filter-sql.js';
import { columnsOf, entityOf, Joins, ROOT_ALIAS, unknownField, type Column } from './query-model.js';
import { decodeRelated, decodeValue } from './row-decode.js';

export type { AccessScope } from '../access/index.js';

export interface ListQuery {
  filter?: FilterNode;
  /** Fields or lookup paths; default `createdAt desc`; `id` is always the last tie-breaker. */
  sort?: SortInput[];
  /** Page size: default 50, at most 1000. */
  limit?: number;
  /** Opaque, from `nextCursor` of the previous page (same entity and sort). */
  cursor?: string;
  /** API names of the fields to return; id and version are always included. Default: all. */
  fields?: string[];
  /**
   * Lookup fields of the root entity to return as the related record object (`{id, version, …its
   * visible declared fields}`, or null) instead of its id; returned even when `fields` omits them.
   */
  expand?: string[];
  /** Default false: soft-deleted rows (deleted_at not null) are left out. */
  includeDeleted?: boolean;
  /** The recycle bin: only soft-deleted rows. Wins over includeDeleted. */
  onlyDeleted?: boolean;
}

export interface GetOptions {
  fields?: string[];
  expand?: string[];
  includeDeleted?: boolean;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** Select-list alias of expansion `i` (the related row as JSON). */
const expandAlias = (i: number): string => `_x${i}`;

interface Selection {
  columns: Column[];
  /** Expanded lookup name → its position in `expand` and the related entity. */
  expanded: Map<string, { index: number; target: CompiledEntity }>;
}

/** Which root columns a record shows, and which lookups are expanded (validated, in output order). */
function selection(model: CompiledModel, entity: CompiledEntity, fields: unknown, expand: unknown): Selection {
  const cols = columnsOf(entity);
  const names = (v: unknown, path: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new AppError('bad-request', `${path} must be a list of field names`, [{ path, message: 'must be a list of field names' }]);
    return v;
  };
  const wanted = names(fields, 'fields');
  const expandList = names(expand, 'expand');
  const picked: Column[] = [cols.get('id')!, cols.get('version')!];
  if (wanted.length === 0) {
    for (const c of cols.values()) if (c.name !== 'id' && c.name !== 'version' && !c.system) picked.push(c);
    for (const c of cols.values()) if (c.name !== 'id' && c.name !== 'version' && c.system) picked.push(c);
  } else {
    wanted.forEach((name, i) => {
      const c = cols.get(name);
      if (!c) {
        const hint = name.includes('.') ? '; lookup paths cannot be selected, expand the lookup instead' : '';
        throw unknownField(`fields/${i}`, `${entity.name} has no field '${name}'${hint}`, { code: 'unknown-entity-field', params: { field: name, entity: entity.name } });
      }
      if (!picked.includes(c)) picked.push(c);
    });
  }
  const expanded = new Map<string, { index: number; target: CompiledEntity }>();
  expandList.forEach((name, i) => {
    if (expanded.has(name)) return;
    const c = cols.get(name);
    if (!c) throw unknownField(`expand/${i}`, `${entity.name} has no field '${name}'`, { code: 'unknown-entity-field', params: { field: name, entity: entity.name } });
    if (!c.lookup) throw unknownField(`expand/${i}`, `'${name}' is not a lookup field and cannot be expanded`);
    const target = Object.hasOwn(model.entities, c.lookup) ? model.entities[c.lookup] : undefined;
    if (!target || target.hidden) throw unknownField(`expand/${i}`, `'${name}' refers to an unknown entity`);
    expanded.set(name, { index: i, target });
    if (!picked.includes(c)) picked.push(c);
  });
  return { columns: picked, expanded };
}

/** The select list of a selection: root columns, then each expansion as one JSON value. */
function selectList(sel: Selection, joins: Joins): string[] {
  const out = sel.columns.map((c) => `${ROOT_ALIAS}.${ident(c.column)}`);
  for (const [name, { index }] of sel.expanded) {
    const { alias } = joins.joinLookup(name, `expand/${index}`);
    out.push(`case when ${alias}."id" is null then null else row_to_json(${alias}) end as ${ident(expandAlias(index))}`);
  }
  return out;
}

/** The statement's joins; a related record joins only when the user may see it (`access.related`). */
export function joinsFor(model: CompiledModel, entity: CompiledEntity, params: Params, access: AccessScope): Joins {
  const related = access.related;
  return new Joins(model, entity, ROOT_ALIAS, related && ((name, alias) => related(name).sql(alias, params)));
}

/** Conditions every statement shares: soft-delete switch, filter, access scope. */
export function baseConditions(
  joins: Joins,
  params: Params,
  q: { filter?: FilterNode; includeDeleted?: boolean; onlyDeleted?: boolean },
  access: AccessScope,
): string[] {
  const where: string[] = [];
  if (q.onlyDeleted) where.push(`${ROOT_ALIAS}."deleted_at" is not null`);
  else if (!q.includeDeleted) where.push(`${ROOT_ALIAS}."deleted_at" is null`);
  if (q.filter !== undefined) {
    // Re-read through the parser: a tree built in code gets the same shape and limit checks.
    where.push(compileFilter(parseFilter(q.filter), joins, params));
  }
  const scope = access.sql(ROOT_ALIAS, params);
  if (scope) where.push(`(${scope})`);
  return where;
}

function checkLimit(limit: unknown): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AppError('bad-request', `limit must be an integer from 1 to ${MAX_LIMIT}`, [{ path: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` }]);
  }
  return limit;
}

export const whereSql = (where: string[]): string => (where.length ? ` where ${where.join(' and ')}` : '');

/** One page of records (`limit + 1` rows: the extra row only says there is a next page). */
export function buildListQuery(
  model: CompiledModel,
  entityName: string,
  q: ListQuery,
  access: AccessScope,
): { sql: string; params: unknown[]; limit: number } {
  const entity = entityOf(model, entityName);
  const limit = checkLimit(q.limit);
  const params = new Params();
  const joins = joinsFor(model, entity, params, access);
  const sel = selection(model, entity, q.fields, q.expand);
  const keys = resolveSort(joins, q.sort);
  const where = baseConditions(joins, params, q, access);
  if (q.cursor !== undefined) where.push(keysetCondition(keys, decodeCursor(entity.name, keys, q.cursor), params));
  const select = [...selectList(sel, joins), ...keys.map((k, i) => `${sortValueSql(k)} as ${ident(sortAlias(i))}`)];
  const sql = `select ${select.join(', ')} ${joins.from()}${whereSql(where)} order by ${orderBy(keys)} limit ${params.add(limit + 1)}`;
  return { sql, params: params.values, limit };
}

/**
 * Records whose full-text vector matches `tsquery` (the text's words and bigrams, any of them; see
 * runtime/db/fulltext.ts), best first (`ts_rank`, then id) — each row with its rank as `_rank`.
 */
export function buildTextSearchQuery(
  model: CompiledModel,
  entityName: string,
  q: Pick<ListQuery, 'filter' | 'fields' | 'expand'> & { tsquery: string; limit: number },
  access: AccessScope,
): { sql: string; params: unknown[] } {
  const entity = entityOf(model, entityName);
  const params = new Params();
  const joins = joinsFor(model, entity, params, access);
  const sel = selection(model, entity, q.fields, q.expand);
  const vector = `${ROOT_ALIAS}.${ident(FULLTEXT_COLUMN)}`;
  const query = `${params.add(q.tsquery)}::tsquery`;
  const where = [`${vector} @@ ${query}`, ...baseConditions(joins, params, q, access)];
  const select = [...selectList(sel, joins), `ts_rank(${vector}, ${query}) as "_rank"`];
  return { sql: `select ${select.join(', ')} ${joins.from()}${whereSql(where)} order by "_rank" desc, ${ROOT_ALIAS}."id" limit ${params.add(q.limit)}`, params: params.values };
}

/** `select count(*) as "count"` over the same filter, soft-delete switch and access scope. */
export function buildCountQuery(
  model: CompiledModel,
  entityName: string,
  q: Pick<ListQuery, 'filter' | 'includeDeleted' | 'onlyDeleted'>,
  access: AccessScope,
): { sql: string; params: unknown[] } {
  const entity = entityOf(model, entityName);
  const params = new Params();
  const joins = joinsFor(model, entity, params, access);
  const where = baseConditions(joins, params, q, access);
  return { sql: `select count(*) as "count" ${joins.from()}${whereSql(where)}`, params: params.values };
}

/** One record by id (no row when it does not exist, is deleted, or is outside the access scope). */
export function buildGetQuery(
  model: CompiledModel,
  entityName: string,
  id: string,
  opts: GetOptions,
  access: AccessScope,
): { sql: string; params: unknown[] } {
  const entity = entityOf(model, entityName);
  if (typeof id !== 'string' || !UUID.test(id)) throw new AppError('not-found', `${entity.name} ${String(id)} not found`);
  const params = new Params();
  const joins = joinsFor(model, entity, params, access);
  const sel = selection(model, entity, opts.fields, opts.expand);
  const where = [`${ROOT_ALIAS}."id" = ${params.add(id.toLowerCase())}`, ...baseConditions(joins, params, { includeDeleted: opts.includeDeleted }, access)];
  return { sql: `select ${selectList(sel, joins).join(', ')} ${joins.from()}${whereSql(where)}`, params: params.values };
}

/**
 * A result row → the API record: API names, requested fields only (id and version always),
 * expanded lookups as `{id, version, …fields}` or null, hidden fields never. Also accepts a full
 * table row (`returning *`) with `q = {}`.
 */
export function decodeRow(model: CompiledModel, entityName: string, row: Record<string, unknown>, q: Pick<ListQuery, 'fields' | 'expand'>): Record<string, unknown> {
  const entity = entityOf(model, entityName);
  const sel = selection(model, entity, q.fields, q.expand);
  const out: Record<string, unknown> = {};
  for (const c of sel.columns) {
    const x = sel.expanded.get(c.name);
    out[c.name] = x ? decodeRelated(x.target, row[expandAlias(x.index)]) : decodeValue(c.kind, row[c.column]);
  }
  return out;
}

/** The cursor of the page after the one ending with `lastRow` (a raw row of `buildListQuery`). */
export function nextCursor(model: CompiledModel, entityName: string, q: ListQuery, lastRow: Record<string, unknown>): string {
  const entity = entityOf(model, entityName);
  const keys = resolveSort(new Joins(model, entity), q.sort);
  const values = keys.map((_, i) => {
    const v = lastRow[sortAlias(i)];
    if (v === undefined) throw new Error('nextCursor needs a raw row read by buildListQuery with the same sort');
    return v === null ? null : String(v);
  });
  return encodeCursor(entity.name, keys, values);
}

/** Split the `limit + 1` rows of `buildListQuery` into the page and whether another page follows. */
export function paginate<R>(rows: R[], limit: number): { items: R[]; hasMore: boolean } {
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}
