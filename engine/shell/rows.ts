/**
 * Batch writes: many rows in one statement through `jsonb_to_recordset`, so a command that creates
 * ten history rows costs one round trip, not ten.
 */
import type { EngineQueryable } from '../db.js';

/** Column name → PostgreSQL type, in insert order. */
export type Columns = Record<string, string>;

export async function insertRows(q: EngineQueryable, table: string, columns: Columns, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const record = names.map((n) => `${n} ${columns[n]}`).join(', ');
  await q.query(`insert into ${table} (${names.join(', ')}) select ${names.join(', ')} from jsonb_to_recordset($1::jsonb) as x(${record})`, [
    JSON.stringify(rows),
  ]);
}
