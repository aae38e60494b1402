/**
 * The publish use case: validate → compile → (under the publish lock) read the current version →
 * plan → refuse, preview or apply — DDL and version row in one transaction. Publishing the same
 * documents again creates no version, so every start may publish the files it ships.
 */
import {
  compileModel,
  documentsOf,
  EMPTY_SECURITY,
  validatePackage,
  type CompiledModel,
  type CompiledSecurity,
  type LoadedMetadata,
  type MetadataPackage,
} from '../../metadata/index.js';
import type { Db, Queryable } from '../db/db.js';
import { metadataInvalid } from '../errors.js';
import { sharingConditionIssues } from '../access/index.js';
import { triggerConditionIssues } from '../triggers/index.js';
import { auditEvent } from '../audit/events.js';
import { applyPlan, lockPublishing, refusalError } from './apply.js';
import { documentsChecksum, sameJson } from './checksum.js';
import { planPublish, type MigrationStep, type PlanAction } from './plan.js';

export interface PublishOptions {
  /** User id (uuid) recorded on the version row. */
  publishedBy?: string | null;
  /** How to convert fields whose type change could lose data. */
  migrations?: MigrationStep[];
  /** Plan only: nothing is changed, the result shows what a publish would do. */
  dryRun?: boolean;
}

export interface PublishResult {
  /** The version now current; for a dry run that changes something, the version it would create. */
  version: number;
  /** False when the documents were already published (no new version). */
  changed: boolean;
  actions: PlanAction[];
  model: CompiledModel;
  /** Every statement of the plan, in order. */
  sql: string[];
  dryRun?: boolean;
}

export interface PublishedModel {
  version: number;
  checksum: string;
  model: CompiledModel;
}

/** The newest published version, or null when nothing was published yet. */
export async function loadCurrentModel(q: Queryable): Promise<PublishedModel | null> {
  const rows = await q.query<PublishedModel>(
    'select version, checksum, model from meta.metadata_version order by version desc limit 1',
  );
  return rows[0] ?? null;
}

/** The model the runtime works from: the newest published one, or an empty model. */
export async function readModel(q: Queryable): Promise<CompiledModel> {
  const model = (await loadCurrentModel(q))?.model;
  return model ? { ...model, security: model.security ?? EMPTY_SECURITY } : { entities: {}, views: [], triggers: [], security: EMPTY_SECURITY };
}

/** Roles and sharing documents this publish adds, changes or removes, with before and after (the permission audit). */
function policyChanges(before: CompiledSecurity, after: CompiledSecurity) {
  const diff = <T>(a: Record<string, T>, b: Record<string, T>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => !sameJson(a[k] ?? null, b[k] ?? null))
      .map((k) => ({ key: k, before: a[k] ?? null, after: b[k] ?? null }));
  const docsOf = (roles: CompiledSecurity['roles']) =>
    Object.fromEntries(Object.values(roles).map((r) => [r.key, { parent: r.parent, label: r.label, permissions: r.permissions }]));
  return {
    roles: diff(docsOf(before.roles ?? {}), docsOf(after.roles)),
    sharing: diff(before.sharing ?? {}, after.sharing),
    defaultRole: before.defaultRole === after.defaultRole ? undefined : { before: before.defaultRole, after: after.defaultRole },
  };
}

export async function publishMetadata(db: Db, pkg: MetadataPackage, opts: PublishOptions = {}): Promise<PublishResult> {
  // A package loaded from a folder (loadMetadataDir) names each document's file and its JSON errors.
  const loaded = pkg as Partial<LoadedMetadata>;
  const files = loaded.files instanceof Map ? loaded.files : undefined;
  const issues = [...(Array.isArray(loaded.issues) ? loaded.issues : []), ...validatePackage(pkg, files && ((d) => files.get(d)))];
  if (issues.length) {
    throw metadataInvalid('metadata is invalid', issues);
  }
  const documents = documentsOf(pkg);
  const compiled = compileModel(documents);
  const conditionIssues = [...sharingConditionIssues(compiled), ...triggerConditionIssues(compiled)];
  if (conditionIssues.length) {
    throw metadataInvalid('metadata is invalid', conditionIssues);
  }
  const checksum = documentsChecksum(documents);
  const migrations = opts.migrations ?? [];

  // Read, plan and apply under the lock: a concurrent publish plans against the version this one creates.
  return db.tx(async (q) => {
    await lockPublishing(q);
    const current = await loadCurrentModel(q);
    const plan = planPublish(current?.model ?? null, compiled, migrations);
    const unchanged =
      current !== null &&
      migrations.length === 0 &&
      current.checksum === checksum &&
      plan.actions.length === 0 &&
      sameJson(plan.model, current.model);
    if (unchanged) return { version: current.version, changed: false, actions: [], model: current.model, sql: [] };
    if (plan.refusals.length) throw refusalError(plan);
    const sql = plan.actions.flatMap((a) => a.sql);
    const result = { changed: true, actions: plan.actions, model: plan.model, sql };
    if (opts.dryRun) return { ...result, version: (current?.version ?? 0) + 1, dryRun: true };
    const version = await applyPlan(q, plan, {
      documents,
      checksum,
      publishedBy: opts.publishedBy ?? null,
      baseVersion: current?.version ?? null,
    });
    await auditEvent(q, {
      actorId: opts.publishedBy ?? null,
      kind: 'metadata.publish',
      target: `metadata:${version}`,
      detail: {
        version,
        checksum,
        actions: plan.actions.map((a) => ({ kind: a.kind, entity: a.entity, field: a.field })),
        policy: policyChanges(current?.model.security ?? EMPTY_SECURITY, compiled.security),
      },
    });
    return { ...result, version };
  });
}
