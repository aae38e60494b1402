/**
 * One list query = a table, its select list, its sort columns and its filter → conditions. This
 * turns that description into Camunda's list and count (`…/count`) queries.
 */
import type { EngineQueryable } from '../db.js';
import { orderAndPage, type Page, type Where } from './query.js';

export interface Listing<F, S extends string> {
  /** `from …` (with any joins the filters and columns need). */
  from: string;
  columns: string;
  sort: Record<S, string>;
  /** The tie breaker and default order. */
  idColumn: string;
  where(f: F): Where;
}

export interface ListQueries<F, S extends string, R> {
  list(q: EngineQueryable, f?: F & Page<S>): Promise<R[]>;
  count(q: EngineQueryable, f?: F): Promise<number>;
  /** The row with this id, or null. */
  byId(q: EngineQueryable, id: string): Promise<R | null>;
}

export function listQueries<F, S extends string, R>(l: Listing<F, S>): ListQueries<F, S, R> {
  return {
    async list(q, f = {} as F & Page<S>) {
      const w = l.where(f);
      return q.query<R>(`select ${l.columns} from ${l.from} ${w.toSql()} ${orderAndPage(w, f, l.sort, l.idColumn)}`, w.params);
    },
    async count(q, f = {} as F) {
      const w = l.where(f);
      const [row] = await q.query<{ count: number }>(`select count(*)::int as count from ${l.from} ${w.toSql()}`, w.params);
      return row.count;
    },
    async byId(q, id) {
      const [row] = await q.query<R>(`select ${l.columns} from ${l.from} where ${l.idColumn} = $1`, [id]);
      return row ?? null;
    },
  };
}

/** Camunda's `…Before` / `…After` date filters (both inclusive). */
export function addDateRange(w: Where, column: string, before: Date | undefined, after: Date | undefined): void {
  if (before) w.add(`${column} <= ${w.param(before.toISOString())}::timestamptz`);
  if (after) w.add(`${column} >= ${w.param(after.toISOString())}::timestamptz`);
}
