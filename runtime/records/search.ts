/**
 * Global search (`GET /api/search`): a case-insensitive substring match of one text over the
 * text-like fields (text, email, phone, url) of every entity the user's role may read, as one SQL
 * statement — a UNION ALL of one branch per entity, each with the entity's read access predicate,
 * without soft-deleted rows, ranked and limited on its own.
 *
 * Works on the model as the user's role sees it (`modelFor`): a field hidden for the role is
 * neither searched nor returned (nor is a hidden display field used as the title).
 *
 * Ranking, per record: 0 when a field equals the text (ignoring case), 1 when one starts with it,
 * 2 when one contains it. Groups (one per entity with hits) come in order of their best hit, hits
 * in a group by rank, then title, then id.
 */
import type { CompiledEntity, FieldKind, Label } from '../../metadata/index.js';
import { accessPredicate, can } from '../access/index.js';
import { ident, Params, qualified } from '../db/sql.js';
import { AppError } from '../errors.js';
import { columnsOf, ROOT_ALIAS, type Column } from './query-model.js';
import type { ReadContext } from './read.js';

/** Field kinds whose values are searched. */
export const SEARCH_KINDS: ReadonlySet<string> = new Set<FieldKind>(['text', 'email', 'phone', 'url']);
export const SEARCH_TEXT_MIN = 2;
export const SEARCH_TEXT_MAX = 100;
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 50;

export interface SearchQuery {
  /** The text, trimmed: 2–100 characters. */
  q: string;
  /** Entities to search (each visible and readable); absent: every one the role may read. */
  entities?: string[];
  /** Hits per entity, 1–50. */
  limit: number;
}

export interface SearchHit {
  entity: string;
  id: string;
  /** The record's display field (as text); null when empty or hidden from the user. */
  title: string | null;
  /** The searched fields that contain the text. */
  matched: string[];
}

export interface SearchGroup {
  entity: string;
  label: Label;
  items: SearchHit[];
}

const badRequest = (path: string, message: string): AppError => new AppError('bad-request', message, [{ path, message }]);

/** `?q=…&entities=a,b&limit=20` → a checked query (400 naming the parameter otherwise). */
export function searchQueryFrom(input: Record<string, unknown>): SearchQuery {
  if (typeof input.q !== 'string') throw badRequest('q', `q is required: the text to search for (${SEARCH_TEXT_MIN} to ${SEARCH_TEXT_MAX} characters)`);
  const q = input.q.trim();
  const length = [...q].length;
  if (length < SEARCH_TEXT_MIN || length > SEARCH_TEXT_MAX) throw badRequest('q', `q must have ${SEARCH_TEXT_MIN} to ${SEARCH_TEXT_MAX} characters`);
  // PostgreSQL text cannot hold NUL: it would fail the statement (500) instead of matching nothing.
  if (q.includes('\u0000')) throw badRequest('q', 'q must not contain NUL characters');
  let limit = SEARCH_LIMIT_DEFAULT;
  if (input.limit !== undefined) {
    limit = Number(input.limit);
    if (typeof input.limit !== 'string' || !/^\d+$/.test(input.limit) || limit < 1 || limit > SEARCH_LIMIT_MAX)
      throw badRequest('limit', `limit must be an integer from 1 to ${SEARCH_LIMIT_MAX}`);
  }
  let entities: string[] | undefined;
  if (input.entities !== undefined && input.entities !== '') {
    if (typeof input.entities !== 'string') throw badRequest('entities', 'entities must be a comma-separated list of entity names');
    entities = [...new Set(input.entities.split(',').map((s) => s.trim()).filter(Boolean))];
  }
  return { q, limit, ...(entities ? { entities } : {}) };
}

/** The entities to search: the listed ones (each must be visible and readable) or every readable one. */
function entitiesToSearch(ctx: ReadContext, names: string[] | undefined): CompiledEntity[] {
  const readable = (name: string): CompiledEntity | undefined => {
    const e = Object.hasOwn(ctx.model.entities, name) ? ctx.model.entities[name] : undefined;
    return e && !e.hidden && can(ctx.user, ctx.model, name, 'read') ? e : undefined;
  };
  if (names === undefined) return Object.keys(ctx.model.entities).flatMap((n) => readable(n) ?? []);
  return names.map((name) => {
    const e = readable(name);
    if (!e) throw badRequest('entities', `unknown entity '${name}', or your role may not read it`);
    return e;
  });
}

/** `%`, `_` and `\` stand for themselves in the LIKE patterns. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The bind parameters every branch shares. */
interface Patterns {
  exact: string;
  prefix: string;
  contains: string;
  /** For phone fields: the digits of the text, when it looks like (part of) a phone number. */
  digits: string | null;
}

function patternsOf(q: string, p: Params): Patterns {
  const e = escapeLike(q);
  const digits = q.replace(/\D/g, '');
  const phoneLike = /^[\d\s()+./-]+$/.test(q) && digits.length >= 3;
  return { exact: p.add(q), prefix: p.add(`${e}%`), contains: p.add(`%${e}%`), digits: phoneLike ? p.add(`%${digits}%`) : null };
}

/** One entity's branch: its matching records the user may read, best first, at most `limit`. */
function branchSql(ctx: ReadContext, entity: CompiledEntity, pat: Patterns, limit: string, p: Params): string | null {
  const all = columnsOf(entity);
  const searched = [...all.values()].filter((c) => !c.system && SEARCH_KINDS.has(c.kind));
  if (searched.length === 0) return null;
  const expr = (c: Column) => `${ROOT_ALIAS}.${ident(c.column)}`;
  const contains = (c: Column) => {
    const like = `${expr(c)} ilike ${pat.contains} escape '\\'`;
    return c.kind === 'phone' && pat.digits ? `(${like} or regexp_replace(${expr(c)}, '[^0-9]+', '', 'g') like ${pat.digits})` : like;
  };
  const rank = (c: Column) => `case when lower(${expr(c)}) = lower(${pat.exact}) then 0 when ${expr(c)} ilike ${pat.prefix} escape '\\' then 1 when ${contains(c)} then 2 end`;
  const display = all.get(entity.displayField);
  const where = [`${ROOT_ALIAS}."deleted_at" is null`, `(${searched.map(contains).join(' or ')})`];
  const scope = accessPredicate(ctx.user, ctx.model, entity.name, 'read').sql(ROOT_ALIAS, p);
  if (scope) where.push(`(${scope})`);
  return `(select ${p.add(entity.name)}::text as "_entity", ${ROOT_ALIAS}."id" as "_id",
      ${display ? `${expr(display)}::text` : 'null::text'} as "_title",
      array_remove(array[${searched.map((c) => `case when ${contains(c)} then ${p.add(c.name)}::text end`).join(', ')}], null) as "_matched",
      least(${searched.map(rank).join(', ')}) as "_rank"
    from ${qualified('crm', entity.table)} ${ROOT_ALIAS} where ${where.join(' and ')}
    order by "_rank", "_title" nulls last, "_id" limit ${limit})`;
}

/** Search `query.q` over the records the user may read; `ctx.model` is the user's (`modelFor`). */
export async function searchRecords(ctx: ReadContext, query: SearchQuery): Promise<{ q: string; groups: SearchGroup[] }> {
  const entities = entitiesToSearch(ctx, query.entities);
  const p = new Params();
  const pat = patternsOf(query.q, p);
  const limit = p.add(query.limit);
  const branches = entities.flatMap((e) => branchSql(ctx, e, pat, limit, p) ?? []);
  if (branches.length === 0) return { q: query.q, groups: [] };
  const rows = await ctx.q.query<{ _entity: string; _id: string; _title: string | null; _matched: string[]; _rank: number }>(branches.join(' union all '), p.values);
  const groups = new Map<string, SearchGroup & { best: number }>();
  for (const r of rows) {
    let g = groups.get(r._entity);
    if (!g) groups.set(r._entity, (g = { entity: r._entity, label: ctx.model.entities[r._entity].pluralLabel, items: [], best: r._rank }));
    g.best = Math.min(g.best, r._rank);
    g.items.push({ entity: r._entity, id: r._id, title: r._title, matched: r._matched });
  }
  const order = entities.map((e) => e.name);
  return {
    q: query.q,
    groups: [...groups.values()].sort((a, b) => a.best - b.best || order.indexOf(a.entity) - order.indexOf(b.entity)).map(({ best: _b, ...g }) => g),
  };
}
