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
 * Records matching `values` under any rule of `entity` (at most 10 per rule). Rules whose fields
 * are not all present and non-empty in `values` are skipped. `excludeId` leaves out the record
 * being updated.
 */
export async function findDuplicates(
  q: Queryable,
  entity: CompiledEntity,
  values: Record<string, unknown>,
  access: AccessScope,
  excludeId?: string,
): Promise<DuplicateMatch[]> {
  const matches: DuplicateMatch[] = [];
  const display = entity.fields.find((f) => f.name === entity.displayField)?.column ?? 'id';
  for (const rule of entity.duplicateRules) {
    const sql = ruleQuery(entity, rule, values, access, display, excludeId);
    if (!sql) continue;
    const rows = await q.query<{ id: string; display: unknown }>(sql.text, sql.params);
    for (const r of rows) matches.push({ rule: rule.name, id: r.id, display: r.display });
  }
  return matches;
}

function ruleQuery(
  entity: CompiledEntity,
  rule: DuplicateRule,
  values: Record<string, unknown>,
  access: AccessScope,
  displayColumn: string,
  excludeId?: string,
): { text: string; params: unknown[] } | null {
  const p = new Params();
  const conds: string[] = ['t0.deleted_at is null'];
  for (const { field, normalise } of rule.fields) {
    const f = entity.fields.find((x) => x.name === field && !x.hidden);
    const v = values[field];
    if (!f || v === undefined || v === null || String(v).trim() === '') return null;
    conds.push(`${normaliserSql(normalise, `t0.${ident(f.column)}::text`)} = ${normaliserSql(normalise, `${p.add(String(v))}::text`)}`);
  }
  if (excludeId) conds.push(`t0.id <> ${p.add(excludeId)}`);
  const acc = access.sql('t0', p);
  if (acc) conds.push(`(${acc})`);
  return {
    text: `select t0.id, t0.${ident(displayColumn)} as display from ${qualified('crm', entity.table)} t0 where ${conds.join(' and ')} limit 10`,
    params: p.values,
  };
}
