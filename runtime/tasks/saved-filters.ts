/**
 * Saved inbox filters: a user's named list queries (GET|POST /api/tasks/filters, DELETE
 * /api/tasks/filters/:id). The query is checked as GET /api/tasks checks it, so a saved filter
 * always opens; each user sees and deletes only their own.
 */
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError, isAppError, type FieldError } from '../errors.js';
import { parseListQuery, type ListQuery } from './lists.js';

export interface SavedFilter {
  id: string;
  name: string;
  query: ListQuery;
}

const bad = (errors: FieldError[]) => new AppError('bad-request', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);

export async function listFilters(db: Queryable, user: User): Promise<SavedFilter[]> {
  return db.query<SavedFilter>('select id, name, query from workspace.task_filter where user_id = $1 order by lower(name), id', [user.id]);
}

/** `{ name, query }` → the saved filter (409 when the user has one of that name). */
export async function saveFilter(db: Queryable, user: User, body: unknown): Promise<SavedFilter> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad([{ path: '/', message: 'must be a JSON object' }]);
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(b).filter((k) => k !== 'name' && k !== 'query').map((k) => ({ path: `/${k}`, message: 'unknown field' }));
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (name === '' || name.length > 100) errors.push({ path: '/name', message: 'must be a text of 1 to 100 characters' });
  let query: ListQuery | undefined;
  if (typeof b.query !== 'object' || b.query === null || Array.isArray(b.query)) errors.push({ path: '/query', message: 'must be an object of list parameters' });
  else {
    try {
      query = parseListQuery(b.query as Record<string, unknown>);
    } catch (e) {
      if (!isAppError(e)) throw e;
      errors.push(...(e.errors ?? []).map((err) => ({ path: `/query/${err.path}`, message: err.message })));
    }
  }
  if (errors.length > 0 || !query) throw bad(errors);
  const rows = await db.query<SavedFilter>(
    `insert into workspace.task_filter (user_id, name, query) values ($1, $2, $3) on conflict (user_id, name) do nothing returning id, name, query`,
    [user.id, name, JSON.stringify(query)],
  );
  if (rows.length === 0) throw new AppError('duplicate', `you have a saved filter named ${name} already`, [{ path: '/name', message: 'you have a saved filter of this name' }]);
  return rows[0];
}

export async function deleteFilter(db: Queryable, user: User, id: string): Promise<void> {
  const rows = UUID.test(id) ? await db.query('delete from workspace.task_filter where id = $1 and user_id = $2 returning id', [id, user.id]) : [];
  if (rows.length === 0) throw new AppError('not-found', `no saved filter ${id}`);
}
