/**
 * Filter tree → SQL condition over the query's aliases. Field paths are resolved against the
 * entity (joining lookups through `Joins`), operators are checked against the field's kind, and every
 * value is checked, normalised and passed as a bind parameter.
 *
 * Semantics are two-valued, as a user reads them: a condition on an empty (null) value is false,
 * except `ne`, which is true for empty values (`is distinct from`), and `isNull`. So `not` is the
 * exact complement of what it negates (conditions under an odd number of `not`s get an
 * `is not null` guard, so SQL's unknown never leaks through a negation). `eq null` means
 * `isNull true`, `ne null` means `isNull false`. `contains`/`startsWith` are case-insensitive.
 */
import type { Params } from '../db/sql.js';
import { badFilter, isCondition, type Condition, type FilterNode, type FilterOp } from './filter-ast.js';
import type { ColumnKind, Joins, Resolved } from './query-model.js';
import type { IssueCode, IssueParams } from '../../metadata/index.js';

/** The codes of a value the field's kind refuses (metadata/issue-texts/triggers.ts). */
type NotA = Extract<IssueCode, `condition-not-${string}`>;

const TEXT: FilterOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'startsWith', 'isNull'];
const ORDERED: FilterOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'isNull'];
const EQUALITY: FilterOp[] = ['eq', 'ne', 'in', 'isNull'];

/** Operators available per kind of column. */
export const OPS_BY_KIND: Record<ColumnKind, readonly FilterOp[]> = {
  text: TEXT,
  email: TEXT,
  phone: TEXT,
  url: TEXT,
  enum: EQUALITY,
  integer: ORDERED,
  number: ORDERED,
  money: ORDERED,
  percent: ORDERED,
  date: ORDERED,
  datetime: ORDERED,
  boolean: EQUALITY,
  lookup: EQUALITY,
  uuid: EQUALITY,
  json: ['isNull'],
  attachment: ['isNull'],
};

const COMPARE: Partial<Record<FilterOp, string>> = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

export { UUID } from '../db/sql.js';
import { UUID } from '../db/sql.js';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Compile `node` to a SQL condition; `path` is the JSON-ish path of `node` for errors. */
export function compileFilter(node: FilterNode, joins: Joins, params: Params, path = 'filter', negated = false): string {
  if (isCondition(node)) return compileCondition(node, joins, params, path, negated);
  if ('not' in node) return `not (${compileFilter(node.not, joins, params, `${path}/not`, !negated)})`;
  const [key, list, empty] = 'and' in node ? (['and', node.and, 'true'] as const) : (['or', node.or, 'false'] as const);
  if (list.length === 0) return empty;
  const parts = list.map((c, i) => compileFilter(c, joins, params, `${path}/${key}/${i}`, negated));
  return parts.length === 1 ? parts[0] : `(${parts.join(` ${key} `)})`;
}

function compileCondition(c: Condition, joins: Joins, params: Params, path: string, negated: boolean): string {
  const r = joins.resolve(c.field, `${path}/field`);
  const { expr, col } = r;
  if (!OPS_BY_KIND[col.kind].includes(c.op)) {
    throw badFilter(`${path}/op`, { code: 'condition-op-kind', params: { op: c.op, kind: col.kind, field: c.field } });
  }
  const valuePath = `${path}/value`;
  // A leaf under an odd number of `not`s must be true or false, never SQL's unknown.
  const guard = (sql: string): string => (negated ? `(${sql} and ${expr} is not null)` : sql);
  switch (c.op) {
    case 'isNull':
      return `${expr} ${c.value === false ? 'is not null' : 'is null'}`;
    case 'in': {
      const list = c.value as unknown[];
      if (list.length === 0) return 'false';
      const values = list.map((v, i) => filterValue(r, v, `${valuePath}/${i}`));
      return guard(`${expr} = any(${params.add(values)})`);
    }
    case 'contains':
    case 'startsWith': {
      const escaped = String(c.value).replace(/[\\%_]/g, (ch) => `\\${ch}`);
      const pattern = c.op === 'contains' ? `%${escaped}%` : `${escaped}%`;
      return guard(`${expr} ilike ${params.add(pattern)} escape '\\'`);
    }
    case 'ne':
      if (c.value === null) return `${expr} is not null`;
      return `${expr} is distinct from ${params.add(filterValue(r, c.value, valuePath))}`;
    default:
      if (c.value === null) return `${expr} is null`; // only eq reaches here with null
      return guard(`${expr} ${COMPARE[c.op]} ${params.add(filterValue(r, c.value, valuePath))}`);
  }
}

/** Check a filter value against the column's kind; returns the value to bind. */
export function filterValue(r: Resolved, v: unknown, path: string): unknown {
  const { col } = r;
  const fail = (code: NotA, more: IssueParams = {}): never => {
    throw badFilter(path, { code, params: { value: String(JSON.stringify(v)), field: col.name, entity: r.entity.name, ...more } });
  };
  switch (col.kind) {
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
      return typeof v === 'string' ? v : fail('condition-not-string');
    case 'enum':
      if (typeof v !== 'string') return fail('condition-not-string');
      if (col.enumValues?.length && !col.enumValues.includes(v)) return fail('condition-not-enum-value', { allowed: col.enumValues });
      return v;
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : fail('condition-not-integer');
    case 'number':
    case 'money':
    case 'percent':
      return typeof v === 'number' && Number.isFinite(v) ? v : fail('condition-not-number');
    case 'boolean':
      return typeof v === 'boolean' ? v : fail('condition-not-boolean');
    case 'date':
      return typeof v === 'string' && isDate(v) ? v : fail('condition-not-date');
    case 'datetime':
      return (typeof v === 'string' && normaliseDateTime(v)) || fail('condition-not-datetime');
    case 'lookup':
    case 'uuid':
      return typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : fail('condition-not-uuid');
    default:
      return fail('condition-not-comparable');
  }
}

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && y >= 1;
}

/** ISO 8601 date-time → `YYYY-MM-DDTHH:MM:SS[.ffffff]±zone`; a missing time is midnight, a missing zone is UTC. */
export function normaliseDateTime(s: string): string | null {
  const m = DATETIME.exec(s);
  if (!m || !isDate(m[1])) return null;
  const [hh = '00', mi = '00', ss = '00'] = [m[2], m[3], m[4]];
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return null;
  let zone = m[6] ?? 'Z';
  if (zone !== 'Z' && zone !== 'z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    if (Number(z[2]) > 15 || Number(z[3] ?? '0') > 59) return null;
    zone = `${z[1]}${z[2]}:${z[3] ?? '00'}`;
  } else {
    zone = 'Z';
  }
  return `${m[1]}T${hh}:${mi}:${ss}${m[5] ? `.${m[5]}` : ''}${zone}`;
}
