/**
 * Full-text search of one entity (`GET /api/records/:entity/text-search?q=…`), for entities that
 * declare `x-crm-fulltext`: Chinese and English (runtime/db/fulltext.ts), any of the text's words
 * or bigrams, best first — under the user's read access, without deleted records, with the list's
 * `filter`, `fields` and `expand`. Answer: `{q, items: [{rank, record}]}`.
 */
import type { CompiledEntity } from '../../metadata/index.js';
import { accessPredicate } from '../access/index.js';
import { AppError } from '../errors.js';
import { buildTextSearchQuery, decodeRow } from './query.js';
import { listQueryFrom, type ReadContext } from './read.js';

export const TEXT_SEARCH_MAX = 500;
export const TEXT_SEARCH_LIMIT_DEFAULT = 10;
export const TEXT_SEARCH_LIMIT_MAX = 50;

const badRequest = (path: string, message: string): AppError => new AppError('bad-request', message, [{ path, message }]);

export interface TextSearchResult {
  q: string;
  items: { rank: number; record: Record<string, unknown> }[];
}

export async function textSearch(ctx: ReadContext, entity: CompiledEntity, input: Record<string, unknown>, vars: Record<string, string>): Promise<TextSearchResult> {
  if (!entity.fulltext) throw badRequest('entity', `${entity.name} has no full-text search (x-crm-fulltext)`);
  // A field hidden from the role must not be probed through the search either.
  const hidden = entity.fields.filter((f) => f.hidden && entity.fulltext!.columns.some((c) => c.column === f.column));
  if (hidden.length > 0)
    throw new AppError('field-forbidden', `${entity.name}: full-text search reads fields hidden from your role`, hidden.map((f) => ({ path: `/${f.name}`, message: 'hidden from your role' })));
  if (typeof input.q !== 'string' || input.q.trim() === '') throw badRequest('q', 'q is required: the text to search for');
  const q = input.q.trim();
  if ([...q].length > TEXT_SEARCH_MAX) throw badRequest('q', `q must have at most ${TEXT_SEARCH_MAX} characters`);
  if (q.includes('\0')) throw badRequest('q', 'q must not contain NUL characters');
  const limit = input.limit === undefined ? TEXT_SEARCH_LIMIT_DEFAULT : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > TEXT_SEARCH_LIMIT_MAX) throw badRequest('limit', `limit must be an integer from 1 to ${TEXT_SEARCH_LIMIT_MAX}`);
  const { filter, fields, expand } = listQueryFrom({ filter: input.filter, fields: input.fields, expand: input.expand }, vars);
  const [{ tsquery }] = await ctx.q.query<{ tsquery: string }>('select crm.fts_query($1)::text as tsquery', [q]);
  if (tsquery === '') return { q, items: [] };
  const { sql, params } = buildTextSearchQuery(ctx.model, entity.name, { filter, fields, expand, tsquery, limit }, accessPredicate(ctx.user, ctx.model, entity.name, 'read'));
  const rows = await ctx.q.query<Record<string, unknown>>(sql, params);
  return { q, items: rows.map((row) => ({ rank: Number(row._rank), record: decodeRow(ctx.model, entity.name, row, { fields, expand }) })) };
}
