/**
 * The publish planner: a pure `planPublish(prev, next, migrations) → Plan` with no database. The
 * plan lists typed actions, each with the SQL it will run and a one-line summary (a code and params
 * of metadata/issue-texts/publish.ts, and its English text), so a dry run shows exactly what a
 * publish will do. Nothing is ever dropped: a field or entity missing from
 * `next` stays in the model as `hidden` with its column/table and data; a type change that could
 * lose data is refused unless a `MigrationStep` names the field and says how (`cast` or `clear`).
 */
import type { Coded, CompiledEntity, CompiledModel } from '../../metadata/index.js';
import { createSchemaSql } from './ddl.js';
import { planEntityChange, planNewEntity, refusalOf, summaryOf, type EntityPlanContext } from './plan-entity.js';

export type PlanActionKind =
  | 'create-schema'
  | 'create-table'
  | 'add-column'
  | 'alter-column-type'
  | 'add-foreign-key'
  | 'create-index'
  | 'drop-index'
  | 'hide-field'
  | 'hide-entity'
  | 'unhide-field'
  | 'unhide-entity'
  | 'migrate-column'
  | 'add-computed-column'
  | 'set-computed'
  | 'set-fulltext'
  | 'unset-fulltext';

/** An action: what it does, and its summary as a code and params (metadata/issue-texts/publish.ts) with the English text. */
export interface PlanAction extends Coded {
  kind: PlanActionKind;
  /** Entity API name (`*` for create-schema). */
  entity: string;
  /** Field API name, for field actions. */
  field?: string;
  /** The index or constraint the action creates/drops (create-index, drop-index, add-foreign-key). */
  name?: string;
  sql: string[];
  /** English one-liner, e.g. "add column crm.account.tax_id varchar(50)" (the HTTP edge words it in the request's language). */
  summary: string;
}

/** An action as a publish's response shows it: what it does, its summary (code, params, English) and SQL. */
export const publishedAction = (a: PlanAction): Pick<PlanAction, 'kind' | 'entity' | 'field' | 'summary' | 'code' | 'params' | 'sql'> => ({
  kind: a.kind,
  entity: a.entity,
  field: a.field,
  summary: a.summary,
  code: a.code,
  params: a.params,
  sql: a.sql,
});

/** A change the plan refuses: why, as a code and params with the English message. */
export interface Refusal extends Coded {
  entity: string;
  field?: string;
  message: string;
}


export interface Plan {
  /** `next` plus what `prev` had and `next` lacks, marked `hidden`. */
  model: CompiledModel;
  actions: PlanAction[];
  refusals: Refusal[];
}

/** How to change a field's type when the change could lose data: convert each value, or empty the column. */
export interface MigrationStep {
  entity: string;
  field: string;
  using: 'cast' | 'clear';
}

/** Actions run in this order: schemas, tables, columns, type changes, foreign keys, indexes, full-text triggers. */
const ORDER: readonly PlanActionKind[] = [
  'create-schema',
  'create-table',
  'unhide-entity',
  'add-column',
  'unhide-field',
  'alter-column-type',
  'migrate-column',
  // After every plain column exists with its final type: a generated column reads them.
  'add-computed-column',
  'set-computed',
  'add-foreign-key',
  'drop-index',
  'create-index',
  'unset-fulltext',
  'set-fulltext',
  'hide-field',
  'hide-entity',
];

const own = <T>(rec: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;

export function planPublish(prev: CompiledModel | null, next: CompiledModel, migrations: MigrationStep[] = []): Plan {
  const actions: PlanAction[] = [];
  const refusals: Refusal[] = [];
  const used = new Set<MigrationStep>();
  const prevEntities = prev?.entities ?? {};
  const ctx: EntityPlanContext = {
    next,
    actions,
    refusals,
    migration(entity, field) {
      const step = migrations.find((m) => m.entity === entity && m.field === field);
      if (step) used.add(step);
      return step;
    },
  };

  if (!prev) actions.push({ kind: 'create-schema', entity: '*', sql: [createSchemaSql()], ...summaryOf({ code: 'publish-create-schema' }) });

  const planned = new Map<string, CompiledEntity>();
  for (const name of Object.keys(next.entities).sort()) {
    const n = next.entities[name];
    const p = own(prevEntities, name);
    if (p) {
      planned.set(name, planEntityChange(ctx, p, n));
      continue;
    }
    const holder = Object.values(prevEntities).find((e) => e.table === n.table);
    if (holder) {
      refusals.push(refusalOf(name, undefined, { code: holder.hidden ? 'publish-table-taken-hidden' : 'publish-table-taken', params: { table: n.table, entity: holder.name } }));
      planned.set(name, n);
      continue;
    }
    planned.set(name, planNewEntity(ctx, n));
  }

  const entities: Record<string, CompiledEntity> = {};
  for (const name of Object.keys(next.entities)) entities[name] = planned.get(name)!;
  for (const name of Object.keys(prevEntities).sort()) {
    if (own(next.entities, name)) continue;
    const p = prevEntities[name];
    entities[name] = { ...p, hidden: true };
    if (!p.hidden) {
      actions.push({
        kind: 'hide-entity',
        entity: name,
        sql: [],
        ...summaryOf({ code: 'publish-hide-entity', params: { entity: name, table: p.table } }),
      });
    }
  }

  for (const step of migrations) {
    if (used.has(step)) continue;
    refusals.push(refusalOf(step.entity, step.field, { code: 'publish-migration-unused', params: { entity: step.entity, field: step.field } }));
  }

  const rank = (a: PlanAction) => ORDER.indexOf(a.kind);
  const ordered = actions.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i);
  return { model: { ...next, entities }, actions: ordered.map((x) => x.a), refusals };
}
