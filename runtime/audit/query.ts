/**
 * Reading the audit trail: security events (audit.event) and record changes (audit.change), newest
 * first, filtered by query parameters and paged by a keyset cursor on the row id. Both tables are
 * append-only; nothing here writes.
 */
import type { Queryable } from '../db/db.js';
import { Params, UUID } from '../db/sql.js';
import { AppError } from '../errors.js';

export const AUDIT_LIMIT_MAX = 500;
const LIMIT_DEFAULT = 100;

/** How a query parameter filters: the column it is compared with, the comparison, and its syntax. */
interface Filter {
  column: string;
  op: '=' | '>=' | '<' | 'in';
  kind: 'text' | 'uuid' | 'time' | 'name';
}

const TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const NAME = /^[a-z][a-zA-Z0-9_]{0,62}$/;

const MESSAGES: Record<Filter['kind'], string> = {
  text: 'must be a non-empty string',
  uuid: 'must be a uuid',
  time: 'must be an ISO 8601 date or date-time, e.g. 2025-01-31T08:00:00Z',
  name: 'must be an entity name',
};

function bad(param: string, message: string): AppError {
  return new AppError('bad-request', `${param} ${message}`, [{ path: param, message }]);
}

function valid(kind: Filter['kind'], v: string): boolean {
  if (kind === 'uuid') return UUID.test(v);
  if (kind === 'time') return TIME.test(v) && !Number.isNaN(Date.parse(v));
  if (kind === 'name') return NAME.test(v);
  return v.length > 0 && v.length <= 500;
}

export interface AuditPage<T> {
  items: T[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** `select … where <filters> and id < cursor order by id desc limit n`: the query parameters checked, unknown ones refused. */
async function page<T extends { id: number }>(
  q: Queryable,
  query: Record<string, unknown>,
  filters: Record<string, Filter>,
  select: (where: string, limit: string) => string,
): Promise<AuditPage<T>> {
  const params = new Params();
  const where: string[] = [];
  let limit = LIMIT_DEFAULT;
  for (const [name, raw] of Object.entries(query)) {
    if (typeof raw !== 'string') throw bad(name, 'must be given once');
    if (name === 'limit') {
      limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(limit >= 1 && limit <= AUDIT_LIMIT_MAX)) throw bad('limit', `must be an integer from 1 to ${AUDIT_LIMIT_MAX}`);
    } else if (name === 'cursor') {
      if (!/^[1-9]\d{0,17}$/.test(raw)) throw bad('cursor', 'must be the nextCursor of an earlier page');
      where.push(`id < ${params.add(raw)}::bigint`);
    } else {
      const f = filters[name];
      if (!f) throw bad(name, `is not a parameter here (known: ${[...Object.keys(filters), 'limit', 'cursor'].join(', ')})`);
      const values = f.op === 'in' ? raw.split(',') : [raw];
      if (!values.every((v) => valid(f.kind, v))) throw bad(name, MESSAGES[f.kind]);
      where.push(f.op === 'in' ? `${f.column} = any(${params.add(values)}::text[])` : `${f.column} ${f.op} ${params.add(raw)}`);
    }
  }
  const rows = await q.query<T>(select(where.length ? where.join(' and ') : 'true', params.add(limit + 1)), params.values);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
}

/** Who acted, as in record history: the id, and the name while the user exists. */
const ACTOR = `json_build_object('id', x.actor_id, 'username', u.username, 'displayName', u.display_name) as actor`;

export interface AuditEventRow {
  id: number;
  at: string;
  actor: { id: string | null; username: string | null; displayName: string | null };
  kind: string;
  target: string | null;
  detail: Record<string, unknown>;
  address: string | null;
}

const EVENT_FILTERS: Record<string, Filter> = {
  kind: { column: 'kind', op: 'in', kind: 'text' },
  actor: { column: 'actor_id', op: '=', kind: 'uuid' },
  target: { column: 'target', op: '=', kind: 'text' },
  from: { column: 'at', op: '>=', kind: 'time' },
  to: { column: 'at', op: '<', kind: 'time' },
};

/** `GET /api/audit/events`: kind (comma-separated kinds), actor, target, from (inclusive), to (exclusive), limit, cursor. */
export function listAuditEvents(q: Queryable, query: Record<string, unknown>): Promise<AuditPage<AuditEventRow>> {
  return page<AuditEventRow>(q, query, EVENT_FILTERS, (where, limit) =>
    `select x.id, x.at, ${ACTOR}, x.kind, x.target, x.detail, x.address
     from (select * from audit.event where ${where} order by id desc limit ${limit}) x
     left join sec.user u on u.id = x.actor_id order by x.id desc`,
  );
}

export interface AuditChangeRow {
  id: number;
  at: string;
  txId: number;
  actor: { id: string | null; username: string | null; displayName: string | null };
  entity: string;
  recordId: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  field: string | null;
  before: unknown;
  after: unknown;
}

const CHANGE_FILTERS: Record<string, Filter> = {
  entity: { column: 'entity', op: '=', kind: 'name' },
  recordId: { column: 'record_id', op: '=', kind: 'uuid' },
  actor: { column: 'actor_id', op: '=', kind: 'uuid' },
  from: { column: 'at', op: '>=', kind: 'time' },
  to: { column: 'at', op: '<', kind: 'time' },
};

/** `GET /api/audit/changes`: entity, recordId, actor, from (inclusive), to (exclusive), limit, cursor. */
export function listAuditChanges(q: Queryable, query: Record<string, unknown>): Promise<AuditPage<AuditChangeRow>> {
  return page<AuditChangeRow>(q, query, CHANGE_FILTERS, (where, limit) =>
    `select x.id, x.at, x.tx_id as "txId", ${ACTOR}, x.entity, x.record_id as "recordId", x.action, x.field, x.before, x.after
     from (select * from audit.change where ${where} order by id desc limit ${limit}) x
     left join sec.user u on u.id = x.actor_id order by x.id desc`,
  );
}
