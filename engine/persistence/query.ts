/**
 * A small SQL builder for the repository's list queries: conditions with bind parameters, sorting
 * on a whitelisted column, and Camunda's paging (`firstResult`/`maxResults`). Column names come
 * only from the callers' constant maps, never from input; values always go through parameters.
 */

export type SortOrder = 'asc' | 'desc';

/** What every list query accepts besides its filters. */
export interface Page<S extends string> {
  sortBy?: S;
  sortOrder?: SortOrder;
  firstResult?: number;
  maxResults?: number;
  /** POST queries: several sort keys in order (takes precedence over sortBy/sortOrder). */
  sorting?: { sortBy: S; sortOrder: SortOrder }[];
}

export class Where {
  readonly params: unknown[] = [];
  private readonly conds: string[] = [];

  /** Bind `value` and return its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Add a raw condition (its values bound through `param`). */
  add(cond: string): this {
    this.conds.push(cond);
    return this;
  }

  eq(column: string, value: unknown): this {
    return value === undefined ? this : this.add(`${column} = ${this.param(value)}`);
  }

  /** Camunda's `…Like` filters: the caller's value is the LIKE pattern (`%` and `_` are wildcards). */
  like(column: string, pattern: string | undefined): this {
    return pattern === undefined ? this : this.add(`${column} like ${this.param(pattern)}`);
  }

  in(column: string, values: readonly string[] | undefined): this {
    return values === undefined ? this : this.add(`${column} = any(${this.param(values)}::text[])`);
  }

  /** `flag=true` adds `cond`; false or absent adds nothing (as Camunda's boolean filters do). */
  when(flag: boolean | undefined, cond: string): this {
    return flag ? this.add(cond) : this;
  }

  toSql(): string {
    return this.conds.length ? `where ${this.conds.join(' and ')}` : '';
  }
}

/**
 * `order by … limit … offset …`. Without sortBy, Camunda orders by id; the id is also the tie
 * breaker so that pages never overlap.
 */
export function orderAndPage<S extends string>(w: Where, page: Page<S>, columns: Record<S, string>, idColumn: string): string {
  const sorting = page.sorting?.length ? page.sorting : page.sortBy ? [{ sortBy: page.sortBy, sortOrder: page.sortOrder ?? 'asc' }] : [];
  const keys = sorting.map((s) => `${columns[s.sortBy]} ${s.sortOrder === 'desc' ? 'desc' : 'asc'}`);
  const last = sorting.length > 0 && sorting[sorting.length - 1].sortOrder === 'desc' ? 'desc' : 'asc';
  const order = `order by ${[...keys, `${idColumn} ${last}`].join(', ')}`;
  const limit = page.maxResults !== undefined ? ` limit ${w.param(page.maxResults)}` : '';
  const offset = page.firstResult ? ` offset ${w.param(page.firstResult)}` : '';
  return order + limit + offset;
}
