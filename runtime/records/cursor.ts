/**
 * Sorting and keyset (seek) pagination.
 *
 * Every list is ordered by its sort keys plus `id` as the last tie-breaker (same direction as the
 * last key), so the order is total. Nulls come last ascending and first descending — so `desc` is
 * exactly the reverse of `asc` — and the keyset condition follows the same rule.
 *
 * A cursor is the last row's sort values (read by the query as exact text: numbers unrounded,
 * timestamps to the microsecond in UTC) plus its id: base64url of `{v, s, k, h}` — a version tag, the
 * sort it belongs to, the values, and a checksum. A cursor that does not decode, fails its
 * checksum, belongs to another sort or entity, or carries a value its column cannot hold is a
 * `bad-request` naming `cursor`; nothing from it reaches the SQL text.
 */
import { createHash } from 'node:crypto';
import type { Params } from '../db/sql.js';
import { AppError } from '../errors.js';
import { UUID } from './filter-sql.js';
import type { Column, Joins } from './query-model.js';

export type Direction = 'asc' | 'desc';
export interface SortInput {
  field: string;
  direction: Direction;
}
export interface SortKey {
  field: string;
  direction: Direction;
  expr: string;
  col: Column;
}

export const DEFAULT_SORT: readonly SortInput[] = [{ field: 'createdAt', direction: 'desc' }];
export const MAX_SORT_KEYS = 10;
const CURSOR_VERSION = 1;

const badRequest = (path: string, message: string): AppError => new AppError('bad-request', message, [{ path, message }]);

/** The effective sort: the given keys (or the default) and the `id` tie-breaker. */
export function resolveSort(joins: Joins, sort: readonly SortInput[] | undefined): SortKey[] {
  const given = sort && sort.length > 0 ? sort : DEFAULT_SORT;
  if (!Array.isArray(given)) throw badRequest('sort', 'sort must be a list of {field, direction}');
  if (given.length > MAX_SORT_KEYS) throw badRequest('sort', `at most ${MAX_SORT_KEYS} sort keys`);
  const keys = given.map((s, i): SortKey => {
    if (typeof s?.field !== 'string') throw badRequest(`sort/${i}/field`, 'sort field must be a string');
    if (s.direction !== 'asc' && s.direction !== 'desc') throw badRequest(`sort/${i}/direction`, 'direction must be asc or desc');
    const r = joins.resolve(s.field, `sort/${i}/field`);
    if (r.col.kind === 'json') throw badRequest(`sort/${i}/field`, `cannot sort by json field '${s.field}'`);
    return { field: s.field, direction: s.direction, expr: r.expr, col: r.col };
  });
  const last = keys[keys.length - 1];
  if (last.field !== 'id') {
    const id = joins.resolve('id', 'sort');
    keys.push({ field: 'id', direction: last.direction, expr: id.expr, col: id.col });
  }
  return keys;
}

export function orderBy(keys: SortKey[]): string {
  return keys.map((k) => `${k.expr} ${k.direction === 'asc' ? 'asc nulls last' : 'desc nulls first'}`).join(', ');
}

/** SQL reading a sort key's value as exact, round-trippable text (for the cursor). */
export function sortValueSql(k: SortKey): string {
  if (k.col.kind === 'datetime') return `to_char(${k.expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  if (k.col.kind === 'date') return `to_char(${k.expr}, 'YYYY-MM-DD')`;
  return `(${k.expr})::text`;
}

/** Select-list alias of sort key `i`'s cursor value. */
export const sortAlias = (i: number): string => `_s${i}`;

const signature = (entity: string, keys: SortKey[]): string =>
  `${entity}:${keys.map((k) => `${k.field} ${k.direction}`).join(',')}`;

const checksum = (payload: string): string => createHash('sha256').update(payload).digest('base64url').slice(0, 16);

export function encodeCursor(entity: string, keys: SortKey[], values: (string | null)[]): string {
  const s = signature(entity, keys);
  const body = JSON.stringify([CURSOR_VERSION, s, values]);
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, s, k: values, h: checksum(body) })).toString('base64url');
}

export function decodeCursor(entity: string, keys: SortKey[], cursor: string): (string | null)[] {
  const bad = (why: string): AppError => badRequest('cursor', `invalid cursor: ${why}`);
  if (typeof cursor !== 'string' || cursor.length === 0 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad('not a cursor');
  let data: { v?: unknown; s?: unknown; k?: unknown; h?: unknown };
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('not a cursor');
  }
  if (typeof data !== 'object' || data === null || data.v !== CURSOR_VERSION || typeof data.s !== 'string' || !Array.isArray(data.k)) {
    throw bad('not a cursor of this version');
  }
  if (data.h !== checksum(JSON.stringify([data.v, data.s, data.k]))) throw bad('it was altered');
  if (data.s !== signature(entity, keys)) throw bad('it belongs to a different sort order; start again without a cursor');
  const values = data.k as unknown[];
  if (values.length !== keys.length) throw bad('wrong number of values');
  return values.map((v, i) => {
    if (v === null) return null;
    if (typeof v !== 'string' || !fitsKind(keys[i].col, v)) throw bad(`value ${i + 1} does not fit '${keys[i].field}'`);
    return v;
  });
}

/** Can `v` (as produced by `sortValueSql`) be a value of the column? Keeps tampered values out of SQL errors. */
function fitsKind(col: Column, v: string): boolean {
  switch (col.kind) {
    case 'uuid':
    case 'lookup':
      return UUID.test(v);
    case 'integer':
      return /^-?\d{1,19}$/.test(v);
    case 'number':
    case 'money':
    case 'percent':
      return v.length <= 200 && /^(-?\d+(\.\d+)?|NaN|-?Infinity)$/.test(v);
    case 'boolean':
      return v === 'true' || v === 'false';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && !Number.isNaN(Date.parse(v));
    default:
      return true;
  }
}

/**
 * Rows strictly after the cursor row in the sort order, as an OR of ANDs:
 * `after(k1) or (same(k1) and after(k2)) or …`, with null-aware `after`/`same` per direction.
 */
export function keysetCondition(keys: SortKey[], values: (string | null)[], params: Params): string {
  const placeholders = values.map((v) => (v === null ? null : params.add(v)));
  const same = (i: number): string => (placeholders[i] === null ? `${keys[i].expr} is null` : `${keys[i].expr} = ${placeholders[i]}`);
  const after = (i: number): string | null => {
    const { expr, direction } = keys[i];
    const p = placeholders[i];
    if (direction === 'asc') return p === null ? null : `(${expr} > ${p} or ${expr} is null)`; // nulls last
    return p === null ? `${expr} is not null` : `${expr} < ${p}`; // nulls first
  };
  const terms: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const a = after(i);
    if (a === null) continue; // nothing sorts after a null ascending
    terms.push([...keys.slice(0, i).map((_, j) => same(j)), a].join(' and '));
  }
  return terms.length === 0 ? 'false' : `(${terms.map((t) => `(${t})`).join(' or ')})`;
}
