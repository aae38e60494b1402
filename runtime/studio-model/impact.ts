/**
 * The preview of a draft: the publish plan (actions with their DDL, refusals) against the current
 * version, and per action what existing data it touches — how many records the table holds, and
 * for a new unique rule whether existing records already repeat a value (then the publish would
 * fail, so the designer says so before anyone presses Publish).
 */
import { compileModel, type Coded, type CompiledModel } from '../../metadata/index.js';
import type { Queryable } from '../db/db.js';
import { ident, qualified } from '../db/sql.js';
import { loadCurrentModel, planPublish, type MigrationStep, type PlanAction, type Refusal } from '../publish/index.js';
import type { Documents } from './bundle.js';

export interface ActionImpact {
  /** Records in the table (not deleted / all); absent for a table this publish creates. */
  rows?: { live: number; total: number };
  /** A new unique rule over existing data: value groups that would break it (first 5), and how many there are. */
  duplicates?: { groups: number; examples: Record<string, unknown>[] };
}

/** A planned action with what it touches; its summary also as a code and params (metadata/issue-texts/publish.ts). */
export interface PreviewAction extends Coded {
  kind: PlanAction['kind'];
  entity: string;
  field?: string;
  name?: string;
  summary: string;
  sql: string[];
  impact: ActionImpact;
}

export interface Preview {
  currentVersion: number;
  actions: PreviewAction[];
  refusals: Refusal[];
  /** True when publishing would fail on existing data (a unique rule over duplicates). */
  blocked: boolean;
}

async function tableRows(q: Queryable, table: string) {
  const [r] = await q.query<{ live: number; total: number }>(
    `select count(*) filter (where deleted_at is null)::int as live, count(*)::int as total from ${qualified('crm', table)}`,
  );
  return r;
}

async function duplicatesOf(q: Queryable, table: string, columns: string[]) {
  const cols = columns.map(ident);
  const rows = await q.query<Record<string, unknown> & { n: number; groups: number }>(
    `select ${cols.join(', ')}, count(*)::int as n, (count(*) over ())::int as groups from ${qualified('crm', table)}
      where deleted_at is null and ${cols.map((c) => `${c} is not null`).join(' and ')}
      group by ${cols.join(', ')} having count(*) > 1 order by count(*) desc limit 5`,
  );
  return { groups: rows[0]?.groups ?? 0, examples: rows.map(({ groups: _g, ...rest }) => rest) };
}

export async function previewDraft(q: Queryable, documents: Documents, migrations: MigrationStep[] = []): Promise<Preview> {
  const next: CompiledModel = compileModel(documents);
  const current = await loadCurrentModel(q);
  const plan = planPublish(current?.model ?? null, next, migrations);
  const existing = current?.model.entities ?? {};
  const counted = new Map<string, { live: number; total: number }>();
  const actions: PreviewAction[] = [];
  let blocked = false;
  for (const a of plan.actions) {
    const impact: ActionImpact = {};
    const prev = Object.hasOwn(existing, a.entity) ? existing[a.entity] : undefined;
    if (prev && a.kind !== 'create-table') {
      if (!counted.has(prev.table)) counted.set(prev.table, await tableRows(q, prev.table));
      impact.rows = counted.get(prev.table);
      const unique = a.kind === 'create-index' ? next.entities[a.entity]?.uniques.find((u) => u.name === a.name) : undefined;
      const columnsExist = unique?.columns.every((c) => prev.fields.some((f) => f.column === c));
      if (unique && columnsExist && impact.rows!.live > 1) {
        impact.duplicates = await duplicatesOf(q, prev.table, unique.columns);
        if (impact.duplicates.groups > 0) blocked = true;
      }
    }
    actions.push({ kind: a.kind, entity: a.entity, field: a.field, name: a.name, summary: a.summary, code: a.code, params: a.params, sql: a.sql, impact });
  }
  return { currentVersion: current?.version ?? 0, actions, refusals: plan.refusals, blocked };
}
