/**
 * Aggregates over one entity — what dashboards and reports read (a funnel by stage, a forecast by
 * owner and month): counts and sums grouped by up to two fields, under the same filter language,
 * recycle-bin switch and access predicate as the list, and the user's model (fields hidden from
 * their role can be neither grouped nor summed). One statement.
 *
 *   GET /api/records/:entity/aggregate?groupBy=stage,closeDate:month&metrics=count,sum:amount&filter=…
 */
import type { CompiledEntity, CompiledModel } from '../../metadata/index.js';
import { ident, Params } from '../db/sql.js';
import { AppError } from '../errors.js';
import type { AccessScope } from '../access/index.js';
import type { FilterNode } from './filter.js';
import { baseConditions, joinsFor, whereSql } from './query.js';
import type { ColumnKind } from './query-model.js';
import { decodeValue } from './row-decode.js';

export const MAX_GROUP_BY = 2;
export const MAX_METRICS = 8;
export const MAX_GROUPS = 1000;
const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
type Period = (typeof PERIODS)[number];
const FUNCTIONS = ['sum', 'avg', 'min', 'max'] as const;
type Fn = (typeof FUNCTIONS)[number];
const NUMERIC: ColumnKind[] = ['integer', 'number', 'money', 'percent'];
const GROUPABLE: ColumnKind[] = ['text', 'email', 'phone', 'url', 'enum', 'boolean', 'lookup', 'uuid', 'integer', 'date', 'datetime'];

export interface AggregateQuery {
  /** Fields or lookup paths; a date or datetime field may name a period: `closeDate:month`. */
  groupBy: string[];
  /** `count`, or `sum|avg|min|max:<field>` (sum and avg on numbers; min and max on numbers and dates). */
  metrics: string[];
  filter?: FilterNode;
  includeDeleted?: boolean;
  onlyDeleted?: boolean;
}

export interface AggregateResult {
  groupBy: string[];
  metrics: string[];
  /** One row per group, ordered by the group values (nulls last): `{key: {field: value}, values: {metric: number}}`. */
  groups: { key: Record<string, unknown>; values: Record<string, number | string | null> }[];
  /** The metrics over every matching record. */
  total: Record<string, number | string | null>;
}

const bad = (path: string, message: string) => new AppError('bad-request', message, [{ path, message }]);

/** Comma-separated or repeated query values → a list. */
export function listParam(v: unknown, path: string): string[] {
  if (v === undefined || v === '') return [];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.flatMap((x) => listParam(x, path));
  throw bad(path, `${path} must be a comma-separated list`);
}

export function buildAggregate(model: CompiledModel, entity: CompiledEntity, q: AggregateQuery, access: AccessScope): { sql: string; params: unknown[]; kinds: ColumnKind[] } {
  if (q.groupBy.length > MAX_GROUP_BY) throw bad('groupBy', `at most ${MAX_GROUP_BY} groupBy fields`);
  const metrics = q.metrics.length === 0 ? ['count'] : q.metrics;
  if (metrics.length > MAX_METRICS) throw bad('metrics', `at most ${MAX_METRICS} metrics`);
  if (new Set(metrics).size !== metrics.length) throw bad('metrics', 'metrics must not repeat');
  const params = new Params();
  const joins = joinsFor(model, entity, params, access);
  const groups = q.groupBy.map((spec, i) => {
    const [path, period, ...rest] = spec.split(':');
    const at = `groupBy/${i}`;
    const r = joins.resolve(path, at);
    if (!GROUPABLE.includes(r.col.kind)) throw bad(at, `cannot group by ${r.col.kind} field '${path}'`);
    if (rest.length > 0 || (period !== undefined && !(PERIODS as readonly string[]).includes(period))) throw bad(at, `period must be one of ${PERIODS.join(', ')}`);
    if (period !== undefined && r.col.kind !== 'date' && r.col.kind !== 'datetime') throw bad(at, `only date fields take a period ('${path}' is ${r.col.kind})`);
    const expr = period ? `date_trunc('${period as Period}', ${r.expr}${r.col.kind === 'datetime' ? ` at time zone 'UTC'` : ''})::date` : r.expr;
    return { expr, kind: (period ? 'date' : r.col.kind) as ColumnKind };
  });
  const values = metrics.map((m, i) => {
    const at = `metrics/${i}`;
    if (m === 'count') return { expr: 'count(*)', kind: 'integer' as ColumnKind };
    const [fn, path, ...rest] = m.split(':');
    if (!(FUNCTIONS as readonly string[]).includes(fn) || !path || rest.length > 0) throw bad(at, `a metric is count or ${FUNCTIONS.join('|')}:<field>`);
    const r = joins.resolve(path, at);
    const dated = r.col.kind === 'date' || r.col.kind === 'datetime';
    if (!NUMERIC.includes(r.col.kind) && !((fn === 'min' || fn === 'max') && dated)) throw bad(at, `cannot ${fn} ${r.col.kind} field '${path}'`);
    return { expr: `${fn as Fn}(${r.expr})`, kind: (fn === 'avg' ? 'number' : r.col.kind) as ColumnKind };
  });
  const where = baseConditions(joins, params, q, access);
  const select = [...groups.map((g, i) => `${g.expr} as ${ident(`g${i}`)}`), ...values.map((v, i) => `${v.expr} as ${ident(`m${i}`)}`)];
  // Grouping sets: the groups and, in the same scan, the total row (all group columns null, marked by grouping()).
  const grouping = groups.length === 0 ? '' : ` group by grouping sets ((${groups.map((g) => g.expr).join(', ')}), ())`;
  const marker = groups.length === 0 ? '' : `, grouping(${groups.map((g) => g.expr).join(', ')}) as "_total"`;
  const order = groups.length === 0 ? '' : ` order by "_total", ${groups.map((_, i) => `${i + 1} nulls last`).join(', ')}`;
  const sql = `select ${select.join(', ')}${marker} ${joins.from()}${whereSql(where)}${grouping}${order} limit ${params.add(MAX_GROUPS + 2)}`;
  return { sql, params: params.values, kinds: [...groups.map((g) => g.kind), ...values.map((v) => v.kind)] };
}

/** Rows of `buildAggregate` → the API result (groups, then the total row). */
export function decodeAggregate(q: AggregateQuery, rows: Record<string, unknown>[], kinds: ColumnKind[]): AggregateResult {
  const metrics = q.metrics.length === 0 ? ['count'] : q.metrics;
  const g = q.groupBy.length;
  const metricValues = (row: Record<string, unknown>) =>
    Object.fromEntries(metrics.map((m, i) => [m, decodeValue(kinds[g + i], row[`m${i}`]) as number | string | null]));
  const isTotal = (row: Record<string, unknown>) => g === 0 || Number(row._total) !== 0;
  const groupRows = rows.filter((r) => !isTotal(r));
  if (groupRows.length > MAX_GROUPS) throw bad('groupBy', `more than ${MAX_GROUPS} groups: group by fewer values or filter first`);
  const total = rows.find(isTotal);
  return {
    groupBy: q.groupBy,
    metrics,
    groups: groupRows.map((row) => ({ key: Object.fromEntries(q.groupBy.map((f, i) => [f, decodeValue(kinds[i], row[`g${i}`])])), values: metricValues(row) })),
    total: total ? metricValues(total) : Object.fromEntries(metrics.map((m) => [m, m === 'count' ? 0 : null])),
  };
}
