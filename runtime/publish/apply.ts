/**
 * Applying a plan: every action's SQL, then the `meta.metadata_version` row, all on the caller's
 * Queryable (wrap it in `db.tx`, so DDL and version row commit or roll back together). Publishes
 * serialise on a transaction-scoped advisory lock. PostgreSQL errors become AppErrors naming the
 * metadata that caused them.
 */
import type { MetadataPackage } from '../../metadata/index.js';
import type { PgError, Queryable } from '../db/db.js';
import { AppError, type FieldError } from '../errors.js';
import type { Plan, PlanAction, Refusal } from './plan.js';
import { refusalOf } from './plan-entity.js';

/** Advisory lock key held by a publish until its transaction ends (migrations use 727_001). */
export const PUBLISH_LOCK_KEY = 727_002;

export interface ApplyMeta {
  documents: MetadataPackage;
  checksum: string;
  publishedBy?: string | null;
  /**
   * The version the plan was made against (null: none published yet). When given, applying fails
   * with `version-conflict` if another publish got there first.
   */
  baseVersion?: number | null;
}

/** Wait for any other publish to finish; held until the caller's transaction ends. */
export async function lockPublishing(q: Queryable): Promise<void> {
  await q.query('select pg_advisory_xact_lock($1::bigint)', [PUBLISH_LOCK_KEY]);
}

export async function currentVersion(q: Queryable): Promise<number> {
  const rows = await q.query<{ version: number | null }>('select max(version) as version from meta.metadata_version');
  return rows[0]?.version ?? 0;
}

const fieldPath = (a: PlanAction) => `entities/${a.entity}/properties/${a.field ?? ''}`;

/** Where in the documents the unique rule behind a failed unique index sits. */
function uniquePath(plan: Plan, a: PlanAction): string {
  const e = Object.prototype.hasOwnProperty.call(plan.model.entities, a.entity) ? plan.model.entities[a.entity] : undefined;
  const rules = e?.document?.['x-crm-unique'] ?? [];
  let i = rules.findIndex((r) => r.name === a.name);
  if (i < 0) i = e?.uniques.findIndex((u) => u.name === a.name) ?? -1;
  return `entities/${a.entity}/x-crm-unique/${i < 0 ? a.name : i}`;
}

function mapError(e: unknown, plan: Plan, a: PlanAction): unknown {
  const err = e as PgError;
  if (!err || typeof err.message !== 'string' || typeof err.code !== 'string') return e;
  const detail = err.detail ? ` (${err.detail})` : '';
  if (a.kind === 'create-index' && err.code === '23505') {
    const refusal = refusalOf(a.entity, undefined, { code: 'publish-unique-duplicates', params: { name: a.name!, detail } });
    return new AppError('unsafe-change', refusal.message, [refusalFieldError(uniquePath(plan, a), refusal)], { refusals: [refusal] });
  }
  const typeChange = a.kind === 'migrate-column' || a.kind === 'alter-column-type' || a.kind === 'add-computed-column' || a.kind === 'set-computed';
  if (typeChange || (a.kind === 'add-foreign-key' && err.code === '23503')) {
    const message = `${a.entity}.${a.field}: ${err.message}${detail}`;
    return new AppError('migration-failed', `migration of ${a.entity}.${a.field} failed: ${err.message}`, [
      { path: fieldPath(a), message },
    ]);
  }
  return new AppError('internal', `publish failed at "${a.summary}": ${err.message}`, undefined, { action: a.summary });
}

/** 422 `unsafe-change` listing a plan's refusals (and, in `extra`, the refusals and planned actions). */
export function refusalError(plan: Plan): AppError {
  const n = plan.refusals.length;
  return new AppError(
    'unsafe-change',
    `${n} change${n === 1 ? '' : 's'} could lose data or cannot be made; nothing was published`,
    plan.refusals.map((r) => refusalFieldError(`entities/${r.entity}${r.field ? `/properties/${r.field}` : ''}`, r)),
    { refusals: plan.refusals, actions: plan.actions },
  );
}

/** A refusal as a problem's field error at `path`, with its code and params (the HTTP edge words it in the request's language). */
const refusalFieldError = (path: string, r: Refusal): FieldError => ({ path, message: r.message, code: r.code, ...(r.params ? { params: r.params } : {}) });

/** Run the plan and record the new version; returns its number. Refuses a plan with refusals. */
export async function applyPlan(q: Queryable, plan: Plan, meta: ApplyMeta): Promise<number> {
  if (plan.refusals.length) throw refusalError(plan);
  await lockPublishing(q);
  if (meta.baseVersion !== undefined) {
    const current = await currentVersion(q);
    if (current !== (meta.baseVersion ?? 0)) {
      throw new AppError('version-conflict', `metadata version ${current} was published after this plan was made`, undefined, {
        currentVersion: current,
      });
    }
  }
  for (const action of plan.actions) {
    for (const sql of action.sql) {
      try {
        await q.query(sql);
      } catch (e) {
        throw mapError(e, plan, action);
      }
    }
  }
  const rows = await q.query<{ version: number }>(
    // documents_text (json) keeps the documents' key order for the studio's export; documents (jsonb) is for queries.
    `insert into meta.metadata_version (version, checksum, documents, documents_text, model, actions, published_by)
     select coalesce(max(version), 0) + 1, $1, $2::jsonb, $6::text::json, $3::jsonb, $4::jsonb, $5::uuid from meta.metadata_version
     returning version`,
    [meta.checksum, JSON.stringify(meta.documents), JSON.stringify(plan.model), JSON.stringify(plan.actions), meta.publishedBy ?? null, JSON.stringify(meta.documents)],
  );
  // Delivered on commit only: every runtime process listening picks up the new model (ModelStore).
  await q.query(`select pg_notify('${METADATA_CHANNEL}', $1)`, [String(rows[0].version)]);
  return rows[0].version;
}

/** NOTIFY channel announcing a newly published metadata version (payload: the version number). */
export const METADATA_CHANNEL = 'crm_metadata_published';
