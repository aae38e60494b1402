/**
 * The inbox's lists (GET /api/tasks?list=…, GET /api/tasks/counts): each list is one or more
 * engine task queries ("streams") — e.g. `group` = offered to me as candidate user, or to one of my
 * candidate groups. The engine filters, sorts, pages and counts in SQL (indexes on assignee, owner,
 * candidate groups/users, due date); a page merges the streams' pages and drops the tasks on
 * records the user may not read. The cursor is each stream's offset, so pages neither repeat nor
 * skip a task while the lists stay as they are.
 */
import type { EngineTaskQuery } from '../../engine/index.js';
import { candidateGroupsOf } from '../access/index.js';
import type { User } from '../auth/service.js';
import { AppError, type FieldError } from '../errors.js';
import { viewTasks, type EngineTask, type TaskDeps, type TaskItem } from './view.js';

export const LISTS = ['mine', 'group', 'delegated', 'overdue', 'all'] as const;
export type ListName = (typeof LISTS)[number];
export const SORTS = ['due', 'created', 'priority', 'name'] as const;
type SortField = (typeof SORTS)[number];

/** Filters and order of a list (also what a saved filter stores). */
export interface ListQuery {
  list: ListName;
  processKey?: string;
  /** The task's name, exactly. */
  name?: string;
  /** Search: the task name contains it. */
  q?: string;
  /** The record (the process's business key). */
  record?: string;
  dueBefore?: string;
  dueAfter?: string;
  minPriority?: number;
  maxPriority?: number;
  sort: SortField;
  order: 'asc' | 'desc';
}

export interface PageQuery extends ListQuery {
  limit: number;
  cursor?: string;
}

const ENGINE_SORT: Record<SortField, string> = { due: 'dueDate', created: 'created', priority: 'priority', name: 'name' };
const DEFAULT_ORDER: Record<SortField, 'asc' | 'desc'> = { due: 'asc', created: 'desc', priority: 'desc', name: 'asc' };
const FILTER_KEYS = ['list', 'processKey', 'name', 'q', 'record', 'dueBefore', 'dueAfter', 'minPriority', 'maxPriority', 'sort'] as const;

const bad = (errors: FieldError[]) => new AppError('bad-request', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

function text(raw: Record<string, unknown>, key: string, errors: FieldError[]): string | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '' || v.length > 200) errors.push({ path: key, message: 'must be a non-empty text of at most 200 characters' });
  else return v.trim();
  return undefined;
}

function instant(raw: Record<string, unknown>, key: string, errors: FieldError[]): string | undefined {
  const v = text(raw, key, errors);
  if (v === undefined) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) errors.push({ path: key, message: 'must be an ISO date or date-time, e.g. 2026-12-31 or 2026-12-31T18:00:00Z' });
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function integer(raw: Record<string, unknown>, key: string, errors: FieldError[], min: number, max: number): number | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) errors.push({ path: key, message: `must be an integer from ${min} to ${max}` });
  else return n;
  return undefined;
}

/** A list query from query parameters or a saved filter's JSON; every bad member named. */
export function parseListQuery(raw: Record<string, unknown>, extra: readonly string[] = []): ListQuery {
  const errors: FieldError[] = [];
  for (const k of Object.keys(raw)) if (!(FILTER_KEYS as readonly string[]).includes(k) && !extra.includes(k)) errors.push({ path: k, message: 'unknown parameter' });
  const list = raw.list ?? 'all';
  if (!LISTS.includes(list as ListName)) errors.push({ path: 'list', message: `must be one of ${LISTS.join(', ')}` });
  const [sortField, order, more] = typeof raw.sort === 'string' ? raw.sort.split(':') : raw.sort === undefined ? ['due'] : [''];
  if (!SORTS.includes(sortField as SortField) || (order !== undefined && order !== 'asc' && order !== 'desc') || more !== undefined)
    errors.push({ path: 'sort', message: `must be one of ${SORTS.join(', ')}, optionally followed by :asc or :desc` });
  const q: ListQuery = {
    list: list as ListName,
    processKey: text(raw, 'processKey', errors),
    name: text(raw, 'name', errors),
    q: text(raw, 'q', errors),
    record: text(raw, 'record', errors),
    dueBefore: instant(raw, 'dueBefore', errors),
    dueAfter: instant(raw, 'dueAfter', errors),
    minPriority: integer(raw, 'minPriority', errors, 0, 100),
    maxPriority: integer(raw, 'maxPriority', errors, 0, 100),
    sort: sortField as SortField,
    order: (order as 'asc' | 'desc' | undefined) ?? DEFAULT_ORDER[sortField as SortField] ?? 'asc',
  };
  if (errors.length > 0) throw bad(errors);
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as unknown as ListQuery;
}

export function parsePageQuery(raw: Record<string, unknown>): PageQuery {
  const query = parseListQuery(raw, ['limit', 'cursor']);
  const errors: FieldError[] = [];
  const limit = integer(raw, 'limit', errors, 1, 200) ?? 50;
  const cursor = raw.cursor;
  if (cursor !== undefined && (typeof cursor !== 'string' || decodeCursor(cursor) === null)) errors.push({ path: 'cursor', message: 'must be a nextCursor this API answered' });
  if (errors.length > 0) throw bad(errors);
  return { ...query, limit, ...(cursor !== undefined ? { cursor: cursor as string } : {}) };
}

/** Camunda's REST date format, which either engine reads. */
const engineDate = (iso: string) => iso.replace('Z', '+0000');

/** The engine queries of a list for a user, its filters applied to each. */
export function streams(deps: TaskDeps, user: User, q: ListQuery, now = new Date()): EngineTaskQuery[] {
  const groups = candidateGroupsOf(user, deps.model());
  const offered: EngineTaskQuery[] = [{ candidateUser: user.id }, ...(groups.length > 0 ? [{ candidateGroups: groups }] : [])];
  const base: EngineTaskQuery[] =
    q.list === 'mine'
      ? [{ assignee: user.id }]
      : q.list === 'group'
        ? offered
        : q.list === 'delegated'
          ? [{ owner: user.id, delegationState: 'PENDING' }]
          : [{ assignee: user.id }, ...offered];
  const dueBefore = q.list === 'overdue' ? (q.dueBefore && q.dueBefore < now.toISOString() ? q.dueBefore : now.toISOString()) : q.dueBefore;
  const filters: EngineTaskQuery = {
    ...(q.processKey !== undefined ? { processDefinitionKey: q.processKey } : {}),
    ...(q.name !== undefined ? { name: q.name } : {}),
    ...(q.q !== undefined ? { nameLike: `%${q.q.replace(/[%_\\]/g, '\\$&')}%` } : {}),
    ...(q.record !== undefined ? { processInstanceBusinessKey: q.record } : {}),
    ...(dueBefore !== undefined ? { dueBefore: engineDate(dueBefore) } : {}),
    ...(q.dueAfter !== undefined ? { dueAfter: engineDate(q.dueAfter) } : {}),
    ...(q.minPriority !== undefined ? { minPriority: q.minPriority } : {}),
    ...(q.maxPriority !== undefined ? { maxPriority: q.maxPriority } : {}),
    sorting: [
      { sortBy: ENGINE_SORT[q.sort], sortOrder: q.order },
      { sortBy: 'id', sortOrder: 'asc' },
    ],
  };
  return base.map((s) => ({ ...s, ...filters }));
}

function decodeCursor(cursor: string): number[] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0) ? (v as number[]) : null;
  } catch {
    return null;
  }
}
const encodeCursor = (offsets: number[]) => Buffer.from(JSON.stringify(offsets)).toString('base64url');

/** The merge order: the list's sort (missing values last), then id — as each stream is sorted. */
function comparator(q: ListQuery): (a: EngineTask, b: EngineTask) => number {
  const value = (t: EngineTask): string | number | null => (q.sort === 'due' ? t.due : q.sort === 'created' ? t.created : q.sort === 'priority' ? t.priority : t.name);
  const dir = q.order === 'asc' ? 1 : -1;
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return (va < vb ? -1 : 1) * dir;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

export interface TaskPage {
  items: TaskItem[];
  /** Pass as `cursor` for the next page; null when this was the last. */
  nextCursor: string | null;
}

/** Rounds of fetching one page may take when tasks on unreadable records keep it short. */
const MAX_ROUNDS = 10;

/**
 * One page of a list: each stream's next tasks merged in the list's order, taken only as far as
 * no stream could still hold an earlier one (so the merge is exact), each stream's offset advanced
 * by what it gave; those on records the user may not read are left out, and more are fetched while
 * the page is short and tasks remain.
 */
export async function listPage(deps: TaskDeps, user: User, q: PageQuery): Promise<TaskPage> {
  const queries = streams(deps, user, q);
  const offsets = q.cursor ? decodeCursor(q.cursor)! : queries.map(() => 0);
  if (offsets.length !== queries.length) throw bad([{ path: 'cursor', message: 'belongs to another list' }]);
  const cmp = comparator(q);
  const items: TaskItem[] = [];
  const seen = new Set<string>();
  const finished = queries.map(() => false);
  for (let round = 0; round < MAX_ROUNDS && items.length < q.limit && finished.some((f) => !f); round++) {
    const need = q.limit - items.length;
    // One more than needed: whether a stream has more is then known without another query.
    const fetched = await Promise.all(queries.map((query, i) => (finished[i] ? [] : deps.engine.tasks(query, { firstResult: offsets[i], maxResults: need + 1 }))));
    const bounds = fetched.filter((tasks) => tasks.length > need).map((tasks) => tasks[tasks.length - 1]);
    const merged = fetched.flatMap((tasks, i) => tasks.map((task) => ({ task, i }))).sort((a, b) => cmp(a.task, b.task));
    const chosen = merged.filter((m) => bounds.every((b) => cmp(m.task, b) <= 0)).slice(0, need);
    // Each stream gives a prefix of what it fetched (its offset counts them), whatever the merge order thought.
    const counts = fetched.map((_, i) => chosen.filter((m) => m.i === i).length);
    const taken = fetched.flatMap((tasks, i) => tasks.slice(0, counts[i])).sort(cmp);
    fetched.forEach((tasks, i) => {
      offsets[i] += counts[i];
      if (!finished[i]) finished[i] = tasks.length <= need && counts[i] === tasks.length;
    });
    const fresh = taken.filter((t) => !seen.has(t.id) && seen.add(t.id));
    items.push(...(await viewTasks(deps, user, fresh)).filter((v) => !v.hidden).map((v) => v.item));
  }
  return { items, nextCursor: finished.every(Boolean) ? null : encodeCursor(offsets) };
}

export type ListCounts = Record<Exclude<ListName, 'all'>, number>;

/** Personal offers a count looks up to subtract those also offered to the user's groups; beyond it the count may include a task twice. */
export const OVERLAP_LOOKUP_LIMIT = 1000;

/**
 * Tasks offered to the user both personally and through one of their groups: the streams of a list
 * would count them twice (Camunda refuses candidateUser with candidateGroups in one query, and
 * `orQueries` is outside our engine's subset), so the personal offers' ids are read and the group
 * stream counted among them.
 */
async function offeredTwice(deps: TaskDeps, queries: EngineTaskQuery[]): Promise<number> {
  const personal = queries.find((s) => s.candidateUser !== undefined);
  const groups = queries.find((s) => s.candidateGroups !== undefined);
  if (!personal || !groups) return 0;
  const { sorting: _unsorted, ...byUser } = personal;
  const ids = (await deps.engine.tasks(byUser, { firstResult: 0, maxResults: OVERLAP_LOOKUP_LIMIT })).map((t) => t.id);
  if (ids.length === 0) return 0;
  const { sorting: _none, ...byGroups } = groups;
  return deps.engine.countTasks({ ...byGroups, taskIdIn: ids });
}

/** How many tasks each list holds (with the query's filters): the engine counts, one query per stream, each task once. */
export async function listCounts(deps: TaskDeps, user: User, q: Omit<ListQuery, 'list'>): Promise<ListCounts> {
  const now = new Date();
  const count = async (list: ListName) => {
    const queries = streams(deps, user, { ...q, list }, now);
    const [counts, twice] = await Promise.all([Promise.all(queries.map((s) => deps.engine.countTasks(s))), offeredTwice(deps, queries)]);
    return counts.reduce((a, b) => a + b, 0) - twice;
  };
  const [mine, group, delegated, overdue] = await Promise.all((['mine', 'group', 'delegated', 'overdue'] as const).map(count));
  return { mine, group, delegated, overdue };
}
