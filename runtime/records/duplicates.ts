/**
 * Duplicate rules (metadata `x-crm-duplicate-rules`): before a create or an update that touches a
 * rule's fields, look for live records whose normalised values all match. The same SQL normaliser
 * is applied to the column and to the incoming value, so both sides are normalised identically.
 * Publishing creates an expression index per rule on the same normaliser (see normaliserSql).
 */
import type { CompiledEntity, DuplicateRule, Normaliser } from '../../metadata/index.js';
import type { Queryable } from '../db/db.js';
import { ident, Params, qualified } from '../db/sql.js';
import type { AccessScope } from '../access/index.js';

/** SQL expression normalising `x` (a text column or a placeholder cast to text). */
const NORMALISERS: Record<Normaliser, (x: string) => string> = {
  exact: (x) => x,
  lower: (x) => `lower(${x})`,
  email: (x) => `lower(btrim(${x}))`,
  // Digits only; the last 11 digits, so +86 / 0086 prefixes and separators do not matter.
  phone: (x) => `right(regexp_replace(${x}, '\\D', '', 'g'), 11)`,
  // Case, spaces, punctuation and common company suffixes (有限公司, Co. Ltd., Inc. …) ignored.
  name: (x) =>
    `regexp_replace(regexp_replace(lower(${x}), '股份有限公司|有限责任公司|有限公司|集团|公司|\\m(co|ltd|inc|llc|corp|corporation|limited|company)\\M', '', 'g'), '[[:space:][:punct:]（）【】，。、]', '', 'g')`,
  taxId: (x) => `upper(regexp_replace(${x}, '[^0-9A-Za-z]', '', 'g'))`,
};

export function normaliserSql(n: Normaliser, x: string): string {
  return NORMALISERS[n](x);
}

export interface DuplicateMatch {
  rule: string;
  id: string;
  display: unknown;
}

/**
 * SQL selecting `(rule, id, display)` of the records matching `values` under any rule of `entity`
 * (at most 10 per rule), with its values added to `p`; null when no rule applies. Rules whose
 * fields are not all present and non-empty in `values` are skipped; `excludeId` leaves out the
 * record being updated. Used on its own (findDuplicates) or inside a create statement.
 */
export function duplicatesSql(entity: CompiledEntity, values: Record<string, unknown>, access: AccessScope, p: Params, excludeId?: string): string | null {
  const display = entity.fields.find((f) => f.name === entity.displayField)?.column ?? 'id';
  const parts = entity.duplicateRules.map((rule) => ruleSql(entity, rule, values, access, display, p, excludeId)).filter((x): x is string => x !== null);
  return parts.length ? parts.map((x) => `(${x})`).join(' union all ') : null;
}

export async function findDuplicates(
  q: Queryable,
  entity: CompiledEntity,
  values: Record<string, unknown>,
  access: AccessScope,
  excludeId?: string,
): Promise<DuplicateMatch[]> {
  const p = new Params();
  const sql = duplicatesSql(entity, values, access, p, excludeId);
  return sql ? q.query<DuplicateMatch>(sql, p.values) : [];
}

function ruleSql(
  entity: CompiledEntity,
  rule: DuplicateRule,
  values: Record<string, unknown>,
  access: AccessScope,
  displayColumn: string,
  p: Params,
  excludeId?: string,
): string | null {
  const pending: [Normaliser, string, string][] = [];
  for (const { field, normalise } of rule.fields) {
    const f = entity.fields.find((x) => x.name === field && !x.hidden);
    const v = values[field];
    if (!f || v === undefined || v === null || String(v).trim() === '') return null;
    pending.push([normalise, f.column, String(v)]);
  }
  const conds = ['d.deleted_at is null'];
  for (const [normalise, column, v] of pending)
    conds.push(`${normaliserSql(normalise, `d.${ident(column)}::text`)} = ${normaliserSql(normalise, `${p.add(v)}::text`)}`);
  if (excludeId) conds.push(`d.id <> ${p.add(excludeId)}`);
  const acc = access.sql('d', p);
  if (acc) conds.push(`(${acc})`);
  return `select ${p.add(rule.name)}::text as rule, d.id, d.${ident(displayColumn)} as display from ${qualified('crm', entity.table)} d where ${conds.join(' and ')} limit 10`;
}

/** Two records of one batch that match each other under a rule: `index` repeats `of`. */
export interface BatchDuplicate {
  rule: string;
  index: number;
  of: number;
}

/**
 * Duplicates inside a batch (e.g. an import): normalise every row's rule fields with the same SQL
 * the table check uses, in one query, and report each row whose key an earlier row already has.
 */
export async function duplicatesWithin(q: Queryable, entity: CompiledEntity, rows: Record<string, unknown>[]): Promise<BatchDuplicate[]> {
  const p = new Params();
  const tuples: string[] = [];
  for (const rule of entity.duplicateRules) {
    rows.forEach((row, i) => {
      const keys: string[] = [];
      for (const { field, normalise } of rule.fields) {
        const v = row[field];
        if (v === undefined || v === null || String(v).trim() === '') return;
        keys.push(normaliserSql(normalise, `${p.add(String(v))}::text`));
      }
      tuples.push(`(${p.add(rule.name)}::text, ${p.add(i)}::int, concat_ws(chr(31), ${keys.join(', ')}))`);
    });
  }
  if (tuples.length < 2) return [];
  const keyed = await q.query<{ rule: string; i: number; key: string }>(`select rule, i, key from (values ${tuples.join(', ')}) v(rule, i, key)`, p.values);
  const first = new Map<string, number>();
  const found: BatchDuplicate[] = [];
  for (const { rule, i, key } of keyed) {
    if (key === '') continue; // normalised to nothing (e.g. only punctuation): no evidence of a match
    const k = `${rule}\u001f${key}`;
    const earlier = first.get(k);
    if (earlier === undefined) first.set(k, i);
    else found.push({ rule, index: i, of: earlier });
  }
  return found.sort((a, b) => a.index - b.index);
}
