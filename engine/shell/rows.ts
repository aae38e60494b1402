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

  /** `pg_notify(channel, payload)` for each payload, delivered on commit. */
  notify(channel: string, payloads: string[]): void {
    if (payloads.length > 0) this.notifies.push(`select pg_notify('${channel}', t) from unnest(${this.param(payloads)}::text[]) t`);
  }

  get empty(): boolean {
    return this.writes.length === 0 && this.notifies.length === 0;
  }

  async flush(q: EngineQueryable): Promise<void> {
    if (this.empty) return;
    const ctes = this.writes.map((w, i) => `w${i} as (${w})`);
    const main = this.notifies.length > 0 ? `select count(*) from (${this.notifies.join(' union all ')}) n` : 'select 1';
    await q.query(ctes.length > 0 ? `with ${ctes.join(', ')} ${main}` : main, this.params);
    this.writes.length = 0;
    this.params.length = 0;
    this.notifies.length = 0;
  }
}
