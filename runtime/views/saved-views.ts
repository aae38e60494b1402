/**
 * Saved views (a person's own list set-ups): for one entity, a name and what the list shows — a
 * filter, a sort (several keys), columns, a field the table is grouped by, and table or kanban.
 * Stored per user in `workspace.saved_view`; nobody else reads or changes them. A view is checked
 * when it is saved, against the model as the user's role sees it: the filter and sort are run once
 * as a one-row list (so an unknown or hidden field is refused with the path of the mistake),
 * columns must name visible fields or lookup paths, and the grouping field passes the rule view
 * documents are held to (metadata's `groupByProblem`).
 */
import { groupByProblem, issueMessage, type CompiledModel } from '../../metadata/index.js';
import { assertCan } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { listQueryFrom, listRecords } from '../records/read.js';
import { columnsOf, entityOf } from '../records/query-model.js';

export const NAME_MAX = 100;
export const COLUMNS_MAX = 30;
export const SORT_MAX = 5;
export const VIEWS_PER_ENTITY_MAX = 100;
export const MODES = ['table', 'kanban'] as const;
export type ViewMode = (typeof MODES)[number];

export interface SavedViewInput {
  entity: string;
  name: string;
  filter: string | Record<string, unknown> | unknown[] | null;
  sort: { field: string; direction: 'asc' | 'desc' }[];
  columns: string[] | null;
  /** The table is grouped by this field (a header with the group's count before its records); null: not grouped. */
  groupBy: string | null;
  mode: ViewMode;
}

export interface SavedView extends SavedViewInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (errors: FieldError[]): AppError => new AppError('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

/** The body's shape, field by field (every mistake listed at once); the entity is checked by `checkAgainstModel`. */
export function parseSavedView(body: Record<string, unknown>): SavedViewInput {
  const errors: FieldError[] = [];
  const { entity, name, filter, sort, columns, groupBy, mode } = body;
  for (const key of Object.keys(body))
    if (!['entity', 'name', 'filter', 'sort', 'columns', 'groupBy', 'mode'].includes(key)) errors.push({ path: `/${key}`, message: 'is not a property of a saved view' });
  if (typeof entity !== 'string' || !entity) errors.push({ path: '/entity', message: 'is required: an entity name' });
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed || trimmed.length > NAME_MAX) errors.push({ path: '/name', message: `is required: 1 to ${NAME_MAX} characters` });
  if (filter !== undefined && filter !== null && typeof filter !== 'string' && !isObject(filter) && !Array.isArray(filter))
    errors.push({ path: '/filter', message: 'must be a filter: text or JSON' });
  const sorts: SavedViewInput['sort'] = [];
  if (sort !== undefined) {
    if (!Array.isArray(sort) || sort.length > SORT_MAX) errors.push({ path: '/sort', message: `must be a list of at most ${SORT_MAX} {field, direction}` });
    else
      sort.forEach((s: unknown, i) => {
        if (!isObject(s) || typeof s.field !== 'string' || (s.direction !== 'asc' && s.direction !== 'desc'))
          errors.push({ path: `/sort/${i}`, message: 'must be {field, direction: asc|desc}' });
        else sorts.push({ field: s.field, direction: s.direction });
      });
  }
  let cols: string[] | null = null;
  if (columns !== undefined && columns !== null) {
    if (!Array.isArray(columns) || columns.length === 0 || columns.length > COLUMNS_MAX || !columns.every((c) => typeof c === 'string'))
      errors.push({ path: '/columns', message: `must be a list of 1 to ${COLUMNS_MAX} field names` });
    else cols = [...new Set(columns as string[])];
  }
  if (groupBy !== undefined && groupBy !== null && (typeof groupBy !== 'string' || !groupBy))
    errors.push({ path: '/groupBy', message: 'must be a field name, or null for no grouping' });
  if (mode !== undefined && !MODES.includes(mode as ViewMode)) errors.push({ path: '/mode', message: `must be one of ${MODES.join(', ')}` });
  if (errors.length) throw invalid(errors);
  return {
    entity: entity as string,
    name: trimmed,
    filter: filter === undefined || filter === '' ? null : (filter as SavedViewInput['filter']),
    sort: sorts,
    columns: cols,
    groupBy: (groupBy as string | null | undefined) || null,
    mode: (mode as ViewMode | undefined) ?? 'table',
  };
}

/** Columns: visible fields of the entity, or `lookup.field` on the related entity (one step). */
function columnErrors(model: CompiledModel, entityName: string, columns: string[]): FieldError[] {
  const entity = entityOf(model, entityName);
  return columns.flatMap((c, i) => {
    const [head, tail, ...more] = c.split('.');
    const col = columnsOf(entity).get(head!);
    if (!col) return [{ path: `/columns/${i}`, message: `unknown field '${head}'` }];
    if (tail === undefined) return [];
    const related = col.lookup && Object.hasOwn(model.entities, col.lookup) ? model.entities[col.lookup] : undefined;
    if (!related || related.hidden || more.length || !columnsOf(related).has(tail)) return [{ path: `/columns/${i}`, message: `unknown field '${c}'` }];
    return [];
  });
}

/**
 * The view makes sense for this user: the entity exists and their role may read it (404/403
 * otherwise), the columns exist, the list may be grouped by the grouping field, and the filter and
 * sort compile and run.
 */
export async function checkAgainstModel(q: Queryable, user: User, model: CompiledModel, view: SavedViewInput): Promise<void> {
  const entity = entityOf(model, view.entity);
  assertCan(user, model, entity.name, 'read');
  const errors = view.columns ? columnErrors(model, entity.name, view.columns) : [];
  const visible = columnsOf(entity);
  const groupProblem = view.groupBy && groupByProblem(entity.name, view.groupBy, (name) => (visible.get(name)?.system ? undefined : visible.get(name)?.kind));
  if (groupProblem) errors.push({ path: '/groupBy', message: issueMessage(groupProblem) });
  if (errors.length) throw invalid(errors);
  try {
    await listRecords({ q, user, model }, entity, listQueryFrom({ filter: view.filter ?? undefined, sort: view.sort, limit: 1 }, { me: user.id }));
  } catch (e) {
    // The list's own paths (`filter/and/0/field`, `sort/0`) become paths in this body.
    if (e instanceof AppError && e.status === 400) throw new AppError(e.code, e.message, (e.errors ?? []).map((x) => ({ ...x, path: '/' + x.path.replace(/^\//, '') })));
    throw e;
  }
}

const COLS = `id, entity, name, definition->'filter' as filter, definition->'sort' as sort, definition->'columns' as columns,
  definition->>'groupBy' as "groupBy", definition->>'mode' as mode, created_at as "createdAt", updated_at as "updatedAt"`;

const definition = (v: SavedViewInput) => JSON.stringify({ filter: v.filter, sort: v.sort, columns: v.columns, groupBy: v.groupBy, mode: v.mode });

const nameTaken = (name: string) => new AppError('unique-violation', `you already have a view named '${name}' for this entity`, [{ path: '/name', message: 'already used for another of your views' }]);

export async function listSavedViews(q: Queryable, user: User, entity: string | undefined): Promise<SavedView[]> {
  return q.query<SavedView>(
    `select ${COLS} from workspace.saved_view where user_id = $1 and ($2::text is null or entity = $2) order by entity, lower(name), id`,
    [user.id, entity ?? null],
  );
}

export async function createSavedView(q: Queryable, user: User, v: SavedViewInput): Promise<SavedView> {
  const [{ n }] = await q.query<{ n: number }>('select count(*)::int as n from workspace.saved_view where user_id = $1 and entity = $2', [user.id, v.entity]);
  if (n >= VIEWS_PER_ENTITY_MAX) throw invalid([{ path: '/entity', message: `at most ${VIEWS_PER_ENTITY_MAX} saved views per entity` }]);
  const rows = await q.query<SavedView>(
    `insert into workspace.saved_view (user_id, entity, name, definition) values ($1, $2, $3, $4::jsonb)
       on conflict (user_id, entity, lower(name)) do nothing returning ${COLS}`,
    [user.id, v.entity, v.name, definition(v)],
  );
  if (!rows[0]) throw nameTaken(v.name);
  return rows[0];
}

/** The user's own view, or 404 (another user's view answers exactly like one that does not exist). */
export async function getSavedView(q: Queryable, user: User, id: string): Promise<SavedView> {
  const rows = UUID.test(id) ? await q.query<SavedView>(`select ${COLS} from workspace.saved_view where id = $1 and user_id = $2`, [id, user.id]) : [];
  if (!rows[0]) throw new AppError('not-found', `no saved view ${id}`);
  return rows[0];
}

export async function updateSavedView(q: Queryable, user: User, id: string, v: SavedViewInput): Promise<SavedView> {
  const current = await getSavedView(q, user, id);
  if (current.entity !== v.entity) throw invalid([{ path: '/entity', message: `a saved view keeps its entity ('${current.entity}')` }]);
  const clash = await q.query('select 1 from workspace.saved_view where user_id = $1 and entity = $2 and lower(name) = lower($3) and id <> $4', [user.id, v.entity, v.name, id]);
  if (clash.length) throw nameTaken(v.name);
  const rows = await q.query<SavedView>(
    `update workspace.saved_view set name = $3, definition = $4::jsonb, updated_at = now() where id = $1 and user_id = $2 returning ${COLS}`,
    [id, user.id, v.name, definition(v)],
  );
  return rows[0]!;
}

export async function deleteSavedView(q: Queryable, user: User, id: string): Promise<void> {
  const rows = UUID.test(id) ? await q.query('delete from workspace.saved_view where id = $1 and user_id = $2 returning id', [id, user.id]) : [];
  if (!rows[0]) throw new AppError('not-found', `no saved view ${id}`);
}
