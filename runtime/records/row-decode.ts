/**
 * Database values → API values. The data layer's pg type parsers return numeric/int8 as numbers
 * and `date` as 'YYYY-MM-DD' (runtime/db/db.ts); this still copes with the parsers' defaults
 * (strings for numbers, Date for dates) and with values read through `row_to_json` (expansions).
 */
import type { CompiledEntity } from '../../metadata/index.js';
import { declaredColumns, type ColumnKind } from './query-model.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function decodeValue(kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'integer':
    case 'number':
    case 'money':
    case 'percent':
      return typeof v === 'string' || typeof v === 'bigint' ? Number(v) : v;
    case 'datetime': {
      const d = v instanceof Date ? v : new Date(String(v));
      return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
    }
    case 'date':
      // pg's default parser makes a local-midnight Date; row_to_json gives 'YYYY-MM-DD'.
      if (v instanceof Date) return `${pad(v.getFullYear(), 4)}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
      return String(v).slice(0, 10);
    default:
      return v;
  }
}

/** An expanded lookup: the related row (JSON from `row_to_json`) → `{id, version, …visible fields}`. */
export function decodeRelated(entity: CompiledEntity, v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  const row = (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
  const out: Record<string, unknown> = { id: row.id, version: decodeValue('integer', row.version) };
  for (const c of declaredColumns(entity)) out[c.name] = decodeValue(c.kind, row[c.column]);
  return out;
}
