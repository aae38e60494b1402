/**
 * Record reads: get by id, list/query with filter, sort, cursor, field selection, expansion and
 * count, and a record's change history. Every query carries the access predicate.
 */
import type { CompiledEntity, CompiledModel } from '../../metadata/index.js';
import { accessPredicate } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import { parseFilter } from './filter.js';
import { buildCountQuery, buildGetQuery, buildListQuery, decodeRow, nextCursor, type ListQuery } from './query.js';

export interface ReadContext {
  q: Queryable;
  user: User;
  model: CompiledModel;
}

export interface ListResult {
  items: Record<string, unknown>[];
  nextCursor: string | null;
  count?: number;
}

export async function getRecord(
  ctx: ReadContext,
  entity: CompiledEntity,
  id: string,
  opts: { fields?: string[]; expand?: string[]; includeDeleted?: boolean } = {},
): Promise<Record<string, unknown>> {
  const { sql, params } = buildGetQuery(ctx.model, entity.name, id, opts, accessPredicate(ctx.user, ctx.model, entity.name, 'read'));
  const rows = await ctx.q.query(sql, params);
  if (!rows[0]) throw new AppError('not-found', `${entity.name} ${id} not found`);
  return decodeRow(ctx.model, entity.name, rows[0], opts);
}

export async function listRecords(ctx: ReadContext, entity: CompiledEntity, query: ListQuery & { count?: boolean }): Promise<ListResult> {
  const access = accessPredicate(ctx.user, ctx.model, entity.name, 'read');
  const { sql, params, limit } = buildListQuery(ctx.model, entity.name, query, access);
  const countSql = query.count ? buildCountQuery(ctx.model, entity.name, query, access) : null;
  const [rows, counted] = await Promise.all([
    ctx.q.query(sql, params),
    countSql ? ctx.q.query<{ count: number }>(countSql.sql, countSql.params) : Promise.resolve(null),
  ]);
  const page = rows.slice(0, limit);
  const result: ListResult = {
    items: page.map((r) => decodeRow(ctx.model, entity.name, r, query)),
    nextCursor: rows.length > limit ? nextCursor(ctx.model, entity.name, query, page[page.length - 1]) : null,
  };
  if (counted) result.count = Number(counted[0].count);
  return result;
}

/**
 * Parse list options from a query string (`GET`) or a JSON body (`POST …/query`). `vars` are the
 * filter variables in scope: `$me` is the signed-in user's id.
 */
export function listQueryFrom(input: Record<string, unknown>, vars: Record<string, string> = {}): ListQuery & { count?: boolean } {
  const list = (v: unknown, path: string): string[] | undefined => {
    if (v === undefined) return undefined;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
    throw new AppError('bad-request', `${path} must be a comma-separated list`, [{ path, message: 'must be a list of names' }]);
  };
  const bool = (v: unknown, path: string): boolean | undefined => {
    if (v === undefined) return undefined;
    if (v === true || v === 'true' || v === '1') return true;
    if (v === false || v === 'false' || v === '0') return false;
    throw new AppError('bad-request', `${path} must be true or false`, [{ path, message: 'must be true or false' }]);
  };
  let sort: ListQuery['sort'];
  if (input.sort !== undefined) {
    const raw = Array.isArray(input.sort) && input.sort.every((s) => typeof s === 'object') ? input.sort : list(input.sort, 'sort');
    sort = (raw ?? []).map((s, i) => {
      if (typeof s === 'object' && s !== null) {
        const o = s as { field?: unknown; direction?: unknown };
        if (typeof o.field !== 'string' || (o.direction !== undefined && o.direction !== 'asc' && o.direction !== 'desc'))
          throw new AppError('bad-request', 'invalid sort', [{ path: `sort/${i}`, message: 'must be {field, direction: asc|desc}' }]);
        return { field: o.field, direction: (o.direction ?? 'asc') as 'asc' | 'desc' };
      }
      const str = String(s);
      if (str.startsWith('-')) return { field: str.slice(1), direction: 'desc' as const };
      const [field, dir = 'asc'] = str.split(':');
      if (dir !== 'asc' && dir !== 'desc') throw new AppError('bad-request', 'invalid sort direction', [{ path: `sort/${i}`, message: 'direction must be asc or desc' }]);
      return { field, direction: dir };
    });
  }
  let limit: number | undefined;
  if (input.limit !== undefined) {
    limit = Number(input.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new AppError('bad-request', 'limit must be an integer from 1 to 1000', [{ path: 'limit', message: 'must be an integer from 1 to 1000' }]);
  }
  if (input.cursor !== undefined && typeof input.cursor !== 'string') throw new AppError('bad-request', 'cursor must be a string', [{ path: 'cursor', message: 'must be a string' }]);
  const deleted = input.deleted;
  if (deleted !== undefined && deleted !== 'include' && deleted !== 'only')
    throw new AppError('bad-request', 'deleted must be include or only', [{ path: 'deleted', message: 'must be include or only' }]);
  return {
    filter: input.filter === undefined || input.filter === '' ? undefined : parseFilter(input.filter, vars),
    sort,
    limit,
    cursor: input.cursor as string | undefined,
    fields: list(input.fields, 'fields'),
    expand: list(input.expand, 'expand'),
    includeDeleted: deleted === 'include',
    onlyDeleted: deleted === 'only',
    count: bool(input.count, 'count'),
  };
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: { id: string | null; username: string | null; displayName: string | null };
  action: string;
  field: string | null;
  before: unknown;
  after: unknown;
}

/** A create entry holds every value the record was created with: leave out hidden fields. */
function withoutHidden(after: unknown, hidden: Set<string>): unknown {
  if (typeof after !== 'object' || after === null) return after;
  return Object.fromEntries(Object.entries(after).filter(([k]) => !hidden.has(k)));
}

/** The audit trail of one record, oldest first, for a record the user can see (deleted ones too). */
export async function recordHistory(ctx: ReadContext, entity: CompiledEntity, id: string): Promise<HistoryEntry[]> {
  await getRecord(ctx, entity, id, { fields: ['id'], includeDeleted: true });
  const hidden = new Set(entity.fields.filter((f) => f.hidden).map((f) => f.name));
  const rows = await ctx.q.query<HistoryEntry & { actorId: string | null; username: string | null; displayName: string | null }>(
    `select c.id, c.at, c.actor_id as "actorId", u.username, u.display_name as "displayName", c.action, c.field, c.before, c.after
       from audit.change c left join sec.user u on u.id = c.actor_id
      where c.entity = $1 and c.record_id = $2 order by c.id`,
    [entity.name, id],
  );
  return rows
    .filter((r) => !r.field || !hidden.has(r.field))
    .map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actor: { id: r.actorId, username: r.username, displayName: r.displayName },
      action: r.action,
      field: r.field,
      before: r.before,
      after: r.action === 'create' ? withoutHidden(r.after, hidden) : r.after,
    }));
}
