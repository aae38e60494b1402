/**
 * /api/metadata: the published model for clients (entities, fields, views), the version list, and
 * publishing a new version (admins). A publish swaps the live model at once: no restart.
 */
import { Router, type Request } from 'express';
import type { CompiledEntity, MetadataPackage } from '../../metadata/index.js';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
import { can, modelFor } from '../access/index.js';
import { publishMetadata, type MigrationStep } from '../publish/index.js';

/** What a client needs of an entity: labels and visible fields, no internals (tables, columns). */
export function describeEntity(e: CompiledEntity) {
  return {
    name: e.name,
    label: e.label,
    pluralLabel: e.pluralLabel,
    displayField: e.displayField,
    fields: e.fields
      .filter((f) => !f.hidden)
      .map((f) => ({
        name: f.name,
        kind: f.kind,
        label: f.label,
        required: f.required,
        ...(f.readonly ? { readonly: true } : {}),
        ...(f.enumValues ? { enumValues: f.enumValues, enumLabels: f.enumLabels ?? {} } : {}),
        ...(f.lookup ? { lookup: { entity: f.lookup.entity } } : {}),
        ...(f.stateMachine ? { stateMachine: f.stateMachine } : {}),
      })),
  };
}

/** `migrations`: `[{entity, field, using: "cast" | "clear"}]`, checked before anything is planned. */
function assertMigrations(m: unknown): asserts m is MigrationStep[] | undefined {
  if (m === undefined) return;
  if (!Array.isArray(m)) throw new AppError('validation-failed', 'migrations must be an array', [{ path: '/migrations', message: 'must be an array' }]);
  const errors = m.flatMap((step: unknown, i) => {
    const s = step as Partial<MigrationStep> | null;
    const bad: { path: string; message: string }[] = [];
    if (typeof s !== 'object' || s === null) return [{ path: `/migrations/${i}`, message: 'must be an object' }];
    if (typeof s.entity !== 'string') bad.push({ path: `/migrations/${i}/entity`, message: 'must be an entity name' });
    if (typeof s.field !== 'string') bad.push({ path: `/migrations/${i}/field`, message: 'must be a field name' });
    if (s.using !== 'cast' && s.using !== 'clear') bad.push({ path: `/migrations/${i}/using`, message: 'must be cast or clear' });
    return bad;
  });
  if (errors.length) throw new AppError('validation-failed', 'invalid migration steps', errors);
}

export function metadataRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  /** The model as the request's user sees it: entities their role may read, without fields hidden from it. */
  const visible = (req: Request) => {
    const user = currentUser(req);
    const model = modelFor(user, store.current);
    return { model, readable: (name: string) => can(user, model, name, 'read') };
  };
  r.get('/entities', (req, res) => {
    const { model, readable } = visible(req);
    // In name order: the stored model (jsonb) keeps no document order; menus per role come later.
    const entities = Object.values(model.entities)
      .filter((e) => !e.hidden && readable(e.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    res.json({ version: store.version, entities: entities.map(describeEntity) });
  });
  r.get('/entities/:name', (req, res) => {
    const { model, readable } = visible(req);
    const name = store.entity(req.params.name).name;
    if (!readable(name)) throw new AppError('unknown-entity', `unknown entity: ${name}`);
    res.json(describeEntity(model.entities[name]));
  });
  r.get('/views', (req, res) => {
    const { readable } = visible(req);
    const entity = typeof req.query.entity === 'string' ? req.query.entity : undefined;
    if (entity) store.entity(entity);
    res.json({ views: store.current.views.filter((v) => (!entity || v.entity === entity) && readable(v.entity)) });
  });
  r.get('/versions', async (_req, res) => {
    const rows = await db.query(
      `select v.version, v.checksum, v.published_at as "publishedAt", u.username as "publishedBy", jsonb_array_length(v.actions) as "actionCount"
         from meta.metadata_version v left join sec.user u on u.id = v.published_by order by v.version desc`,
    );
    res.json({ items: rows });
  });
  r.post('/publish', async (req, res) => {
    const user = currentUser(req);
    if (!user.isAdmin) throw new AppError('forbidden', 'only administrators may publish metadata');
    const body = (req.body ?? {}) as Partial<MetadataPackage> & { migrations?: MigrationStep[]; dryRun?: boolean };
    for (const key of ['entities', 'views', 'triggers', 'roles', 'sharing'] as const)
      if (body[key] !== undefined && !Array.isArray(body[key])) throw new AppError('validation-failed', `${key} must be an array`, [{ path: '/' + key, message: 'must be an array' }]);
    if (!Array.isArray(body.entities)) throw new AppError('validation-failed', 'entities is required', [{ path: '/entities', message: 'is required' }]);
    assertMigrations(body.migrations);
    const pkg: MetadataPackage = { entities: body.entities, views: body.views ?? [], triggers: body.triggers ?? [], roles: body.roles ?? [], sharing: body.sharing ?? [] };
    const result = await publishMetadata(db, pkg, { publishedBy: user.id, migrations: body.migrations, dryRun: body.dryRun === true });
    if (result.changed && !body.dryRun) store.set(result.version, result.model);
    res.status(result.changed && !body.dryRun ? 201 : 200).json({
      version: result.version,
      changed: result.changed,
      dryRun: body.dryRun === true,
      actions: result.actions.map((a) => ({ kind: a.kind, entity: a.entity, field: a.field, summary: a.summary, sql: a.sql })),
    });
  });
  return r;
}
