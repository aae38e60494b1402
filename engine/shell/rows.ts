/**
 * Batch writes: many rows in one statement through `jsonb_to_recordset`, so a command that creates
 * ten history rows costs one round trip, not ten.
 */
import type { EngineQueryable } from '../db.js';

/** Column name → PostgreSQL type, in insert order. */
export type Columns = Record<string, string>;

/** Rows into `table` now, in one statement (a batch of one insert). */
export async function insertRows(q: EngineQueryable, table: string, columns: Columns, rows: Record<string, unknown>[]): Promise<void> {
  const batch = new WriteBatch();
  batch.insert(table, columns, rows);
  await batch.flush(q);
}

/**
 * Many writes in one statement: each added write becomes a data-modifying CTE (`with w0 as
 * (insert …), w1 as (update …) select …`), so a command's history, tasks, subscriptions and jobs
 * cost one round trip. The writes of one batch must not depend on each other's effects (they see
 * the same snapshot); foreign keys between them are fine (checked at the end of the statement).
 */
export class WriteBatch {
  private readonly writes: string[] = [];
  private readonly params: unknown[] = [];
  private readonly notifies: string[] = [];
  /** Names of the writes whose RETURNING rows flush counts. */
  private readonly counted: string[] = [];

  /** A parameter placeholder for `value`. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Rows through `jsonb_to_recordset` (nothing when `rows` is empty). */
  insert(table: string, columns: Columns, rows: Record<string, unknown>[]): void {
    if (rows.length === 0) return;
    const names = Object.keys(columns);
    const record = names.map((n) => `${n} ${columns[n]}`).join(', ');
    this.writes.push(`insert into ${table} (${names.join(', ')}) select ${names.join(', ')} from jsonb_to_recordset(${this.param(JSON.stringify(rows))}::jsonb) as x(${record})`);
  }

  /** Any insert/update/delete; build placeholders with `p`. */
  write(sql: (p: (value: unknown) => string) => string): void {
    this.writes.push(sql((v) => this.param(v)));
  }

  /** A write with RETURNING whose row count `flush` answers (in the order of the calls). */
  countRows(sql: (p: (value: unknown) => string) => string): void {
    this.counted.push(`w${this.writes.length}`);
    this.write(sql);
  }

  /** `pg_notify(channel, payload)` for each payload, delivered on commit. */
  notify(channel: string, payloads: string[]): void {
    if (payloads.length > 0) this.notifies.push(`select pg_notify('${channel}', t) from unnest(${this.param(payloads)}::text[]) t`);
  }

  get empty(): boolean {
    return this.writes.length === 0 && this.notifies.length === 0;
  }

  /** Run the batch as one statement; answers the row counts of the `countRows` writes. */
  async flush(q: EngineQueryable): Promise<number[]> {
    if (this.empty) return [];
    const ctes = this.writes.map((w, i) => `w${i} as (${w})`);
    const items = this.counted.map((name, i) => `(select count(*) from ${name})::int as c${i}`);
    if (this.notifies.length > 0) items.push(`(select count(*) from (${this.notifies.join(' union all ')}) n) as notified`);
    const main = `select ${items.length > 0 ? items.join(', ') : '1'}`;
    const [row] = await q.query<Record<string, number>>(ctes.length > 0 ? `with ${ctes.join(', ')} ${main}` : main, this.params);
    const counts = this.counted.map((_, i) => Number(row?.[`c${i}`] ?? 0));
    this.writes.length = 0;
    this.params.length = 0;
    this.notifies.length = 0;
    this.counted.length = 0;
    return counts;
  }
}
