/**
 * /api/metadata: the published model for clients (entities, fields, views), the version list, and
 * publishing a new version (admins). A publish swaps the live model at once: no restart.
 */
import { Router, type Request } from 'express';
import { DOCUMENT_KINDS, documentsOf, type CompiledEntity, type CompiledModel, type EntityLayout, type MetadataPackage, type RoleDocument, type SharingDocument, type TemplateDocument } from '../../metadata/index.js';
import { currentAdmin, currentUser } from '../auth/routes.js';
import { jsonObjectBody } from '../http/body.js';
import { textsFor } from '../http/language.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
import { assertStudio, can, effectiveRole, fieldAccess, modelFor } from '../access/index.js';
import { publishedAction, publishMetadata, type MigrationStep } from '../publish/index.js';
import { processEntity } from '../triggers/index.js';
import { defaultViews } from '../views/default-view.js';
import { recordFormsOf } from './record-forms.js';
import { republishLatest } from './republish.js';
import { recordLayoutFor } from '../ui-layouts/index.js';

/** What a client needs of an entity: labels and visible fields, no internals (tables, columns). */
/** `readOnly` names the fields the caller's role may see but not change (shown as read-only). */
/** `layout`: the record page's sections for the caller (their UI layout's, else the entity's own). */
/** `forms`: the model's forms, for the entity's record forms (create/edit layouts) — those for `role`, the caller's effective role. */
export function describeEntity(e: CompiledEntity, readOnly: (field: string) => boolean = () => false, layout = e.document['x-crm-layout'], forms?: CompiledModel['forms'], role: string | null = null) {
  const visible = new Set(e.fields.filter((f) => !f.hidden).map((f) => f.name));
  const recordForms = recordFormsOf(forms, e.name, (field) => visible.has(field), role);
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
        ...(f.readonly || readOnly(f.name) ? { readonly: true } : {}),
        ...(f.computed !== undefined ? { computed: f.computed } : {}),
        ...(f.kind === 'attachment' ? { multiple: f.sqlType === 'uuid[]' } : {}),
        ...(f.enumValues ? { enumValues: f.enumValues, enumLabels: f.enumLabels ?? {} } : {}),
        ...(f.enumProbabilities ? { enumProbabilities: f.enumProbabilities } : {}),
        ...(f.lookup ? { lookup: { entity: f.lookup.entity } } : {}),
        ...(f.stateMachine ? { stateMachine: f.stateMachine } : {}),
      })),
    ...layoutOf(e, layout),
    ...(Object.keys(recordForms).length ? { forms: recordForms } : {}),
  };
}

/** The record page's sections, listing only fields the caller may see (a section left empty is dropped). */
function layoutOf(e: CompiledEntity, layout: EntityLayout | undefined) {
  const sections = layout?.sections;
  if (!sections) return {};
  const visible = new Set(e.fields.filter((f) => !f.hidden).map((f) => f.name));
  const shown = sections.map((s) => ({ key: s.key, label: s.label, fields: s.fields.filter((f) => visible.has(f)) })).filter((s) => s.fields.length > 0);
  return shown.length ? { layout: { sections: shown } } : {};
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

/**
 * A policy document replaced through the API keeps the annotations of the one it replaces
 * (`description`, `$comment`) unless the body gives its own: editors (the administration UI) change
 * what a role or sharing document says, not the prose written beside it in metadata/. An empty
 * string removes it (the role form's description cleared).
 */
const ANNOTATIONS = ['description', '$comment'] as const;
function keepAnnotations<T extends object>(body: T, replaced: T | undefined): T {
  const kept = ANNOTATIONS.filter((k) => replaced && !Object.hasOwn(body, k) && Object.hasOwn(replaced, k)).map((k) => [k, (replaced as Record<string, unknown>)[k]]);
  const doc: Record<string, unknown> = { ...Object.fromEntries(kept), ...body };
  for (const k of ANNOTATIONS) if (doc[k] === '') delete doc[k];
  return doc as T;
}

export function metadataRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  /** The model as the request's user sees it: entities their role may read, without fields hidden from it. */
  const visible = (req: Request) => {
    const user = currentUser(req);
    const model = modelFor(user, store.current);
    const role = effectiveRole(user, model);
    const describe = (e: CompiledEntity) => describeEntity(e, (field) => fieldAccess(user, model, e.name, field) === 'read', recordLayoutFor(user, model, e), model.forms, role);
    return { model, describe, readable: (name: string) => can(user, model, name, 'read') };
  };
  r.get('/entities', (req, res) => {
    const { model, readable, describe } = visible(req);
    // In name order: the stored model (jsonb) keeps no document order; a role's menu is its UI layout's (GET /api/auth/me).
    const entities = Object.values(model.entities)
      .filter((e) => !e.hidden && readable(e.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    res.json({ version: store.version, entities: entities.map(describe) });
  });
  r.get('/entities/:name', (req, res) => {
    const { model, readable, describe } = visible(req);
    const name = store.entity(req.params.name).name;
    if (!readable(name)) throw new AppError('unknown-entity', `unknown entity: ${name}`);
    res.json(describe(model.entities[name]));
  });
  r.get('/views', (req, res) => {
    const { readable } = visible(req);
    const entity = typeof req.query.entity === 'string' ? req.query.entity : undefined;
    if (entity) store.entity(entity);
    const views = store.current.views.filter((v) => (!entity || v.entity === entity) && readable(v.entity));
    // `defaults`: per entity, the view the caller's role opens first (runtime/views/default-view.ts).
    res.json({ views, defaults: defaultViews(views, effectiveRole(currentUser(req), store.current)) });
  });
  // The processes triggers start, each with the entity whose records are its business keys (workers
  // writing to "the process's record" ask here).
  r.get('/processes', (_req, res) => {
    const keys = [...new Set(store.current.triggers.flatMap((t) => (t.action.type === 'start-process' ? [t.action.processKey] : [])))].sort();
    res.json({ items: keys.map((key) => ({ key, entity: processEntity(store.current, key) })).filter((p) => p.entity !== null) });
  });
  r.get('/processes/:key', (req, res) => {
    const key = String(req.params.key);
    const entity = processEntity(store.current, key);
    if (!entity) throw new AppError('not-found', `no trigger starts process ${key}`);
    res.json({ key, entity });
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
    assertStudio(user, store.current, 'publish metadata');
    const body = (req.body ?? {}) as Partial<MetadataPackage> & { migrations?: MigrationStep[]; dryRun?: boolean };
    for (const key of DOCUMENT_KINDS)
      if (body[key] !== undefined && !Array.isArray(body[key])) throw new AppError('validation-failed', `${key} must be an array`, [{ path: '/' + key, message: 'must be an array' }]);
    if (!Array.isArray(body.entities)) throw new AppError('validation-failed', 'entities is required', [{ path: '/entities', message: 'is required' }]);
    assertMigrations(body.migrations);
    const pkg = documentsOf(body);
    const result = await publishMetadata(db, pkg, { publishedBy: user.id, migrations: body.migrations, dryRun: body.dryRun === true });
    if (result.changed && !body.dryRun) store.set(result.version, result.model);
    res.status(result.changed && !body.dryRun ? 201 : 200).json({
      version: result.version,
      changed: result.changed,
      dryRun: body.dryRun === true,
      actions: textsFor(req, result.actions.map(publishedAction), 'summary'),
    });
  });

  // The access policy (docs/security.md): read it, and change one role or one entity's sharing at a
  // time — each change publishes the newest documents with that one document replaced.
  r.get('/roles', (req, res) => {
    const admin = currentUser(req).isAdmin;
    const roles = Object.values(store.current.security.roles).map((role) => ({
      key: role.key,
      label: role.label,
      parent: role.parent,
      default: store.current.security.defaultRole === role.key,
      studio: role.studio === true,
      ...(role.description ? { description: role.description } : {}),
      ...(admin ? { permissions: role.permissions } : {}),
    }));
    res.json({ version: store.version, roles });
  });
  r.get('/sharing', (req, res) => {
    currentAdmin(req, 'read the sharing rules');
    res.json({ version: store.version, sharing: Object.values(store.current.security.sharing) });
  });
  const republish = (req: Request, change: (docs: Required<MetadataPackage>) => void, what = 'change the access policy') =>
    republishLatest(db, store, currentAdmin(req, what), change);
  r.put('/roles/:key', async (req, res) => {
    const key = String(req.params.key);
    const body = { ...jsonObjectBody(req), 'x-crm-role': key } as unknown as RoleDocument;
    res.json(await republish(req, (docs) => (docs.roles = [...docs.roles.filter((x) => x['x-crm-role'] !== key), keepAnnotations(body, docs.roles.find((x) => x['x-crm-role'] === key))])));
  });
  // A new role: unlike PUT, a key some role has is refused (the administration's "New role" must not replace one).
  r.post('/roles', async (req, res) => {
    currentAdmin(req, 'change the access policy');
    const body = jsonObjectBody(req) as unknown as RoleDocument;
    const key = body['x-crm-role'];
    if (typeof key !== 'string' || key === '') throw new AppError('validation-failed', 'x-crm-role is required', [{ path: '/x-crm-role', message: 'is required' }]);
    if (Object.hasOwn(store.current.security.roles, key))
      throw new AppError('unique-violation', `role ${key} exists`, [{ path: '/x-crm-role', message: 'already taken', code: 'taken', params: { value: key } }]);
    res.status(201).json(await republish(req, (docs) => (docs.roles = [...docs.roles, keepAnnotations(body, undefined)])));
  });
  r.delete('/roles/:key', async (req, res) => {
    const key = String(req.params.key);
    currentAdmin(req, 'change the access policy');
    if (!Object.hasOwn(store.current.security.roles, key)) throw new AppError('not-found', `no role ${key}`);
    const [held] = await db.query<{ n: number }>('select count(*)::int as n from sec.user where role = $1', [key]);
    if (held.n > 0) throw new AppError('unsafe-change', `${held.n} user(s) have role ${key}: give them another role first`, [{ path: 'key', message: 'role in use' }]);
    res.json(await republish(req, (docs) => (docs.roles = docs.roles.filter((x) => x['x-crm-role'] !== key))));
  });
  r.put('/sharing/:entity', async (req, res) => {
    const entity = store.entity(String(req.params.entity)).name;
    const body = { ...jsonObjectBody(req), 'x-crm-sharing': entity } as unknown as SharingDocument;
    res.json(await republish(req, (docs) => (docs.sharing = [...docs.sharing.filter((x) => x['x-crm-sharing'] !== entity), keepAnnotations(body, docs.sharing.find((x) => x['x-crm-sharing'] === entity))])));
  });

  // Message templates (docs/notifications.md): administrators read and replace one at a time.
  const templates = () => store.current.templates ?? {};
  r.get('/templates', (req, res) => {
    currentAdmin(req, 'read the message templates');
    res.json({ version: store.version, templates: Object.values(templates()).sort((a, b) => a['x-crm-template'].localeCompare(b['x-crm-template'])) });
  });
  r.get('/templates/:key', (req, res) => {
    currentAdmin(req, 'read the message templates');
    const key = String(req.params.key);
    if (!Object.hasOwn(templates(), key)) throw new AppError('not-found', `no template ${key}`);
    res.json(templates()[key]);
  });
  r.put('/templates/:key', async (req, res) => {
    const key = String(req.params.key);
    const doc = { ...jsonObjectBody(req), 'x-crm-template': key } as unknown as TemplateDocument;
    res.json(await republish(req, (docs) => (docs.templates = [...docs.templates.filter((x) => x['x-crm-template'] !== key), doc]), 'change the message templates'));
  });
  return r;
}


