/**
 * The entity designer's API under /api/metadata (analysts and administrators, `assertStudio`):
 * the shared draft (read, replace or remove one entity document, validate, preview, publish,
 * discard, export, import) and the published versions (documents, diffs, export). See docs/studio.md.
 */
import express, { Router, type Request, type Response } from 'express';
import type { EngineClient } from '../../engine/index.js';
import { DOCUMENT_KINDS } from '../../metadata/index.js';
import { assertStudio } from '../access/index.js';
import { currentUser } from '../auth/routes.js';
import { auditEvent } from '../audit/events.js';
import type { Db, Queryable } from '../db/db.js';
import { AppError, metadataInvalid } from '../errors.js';
import { jsonObjectBody } from '../http/body.js';
import type { ModelStore } from '../model/store.js';
import { publishedAction, publishMetadata, type MigrationStep } from '../publish/index.js';
import { packageFiles, packageOfFiles, type Documents, type PackageFile } from './bundle.js';
import { diffPackages } from './diff.js';
import { assertRevision, changedDocuments, clearDraft, readDraft, readVersion, rebase, requireVersion, saveDraft, type Draft } from './draft.js';
import { previewDraft } from './impact.js';
import { draftChecker, validateDraft, type DraftIssue } from './issues.js';
import { draftDocumentRoutes } from './documents.js';
import { draftFormRoutes } from './forms.js';
import { readZip, writeZip } from './zip.js';
import { textsFor } from '../http/language.js';

const IDENTIFIER = /^[a-z][a-zA-Z0-9]{0,40}$/;

function revisionOf(value: unknown, where = '/revision'): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new AppError('validation-failed', 'revision (the draft revision your change is based on) is required', [{ path: where, message: 'must be the draft revision you read' }]);
  return n;
}

function migrationsOf(m: unknown): MigrationStep[] {
  if (m === undefined) return [];
  const ok = Array.isArray(m) && m.every((s) => s && typeof s.entity === 'string' && typeof s.field === 'string' && (s.using === 'cast' || s.using === 'clear'));
  if (!ok) throw new AppError('validation-failed', 'migrations must be [{entity, field, using: cast|clear}]', [{ path: '/migrations', message: 'must be [{entity, field, using: cast|clear}]' }]);
  return m as MigrationStep[];
}

const invalid = (issues: DraftIssue[], what: string) =>
  metadataInvalid(`${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed`, issues);

/** The draft's documents moved onto the newest published version; 409 naming documents changed on both sides. */
async function rebased(q: Queryable, draft: Draft): Promise<{ documents: Documents; currentVersion: number }> {
  const current = await readVersion(q);
  if (!current || current.version === draft.baseVersion) return { documents: draft.documents, currentVersion: draft.baseVersion };
  const base = await requireVersion(q, draft.baseVersion);
  const { documents, conflicts } = rebase(base.documents, draft.documents, current.documents);
  if (conflicts.length)
    throw new AppError('version-conflict', `version ${current.version} was published after the draft started and changed the same documents: ${conflicts.join(', ')}`, conflicts.map((file) => ({ path: file, message: 'changed in the draft and in the newer version' })), { conflicts, currentVersion: current.version });
  return { documents, currentVersion: current.version };
}

function sendExport(res: Response, files: PackageFile[], format: unknown, name: string) {
  if (format === 'json') {
    res.json({ files: Object.fromEntries(files.map((f) => [f.path, f.text])) });
    return;
  }
  if (format !== undefined && format !== 'zip') throw new AppError('validation-failed', 'format must be zip or json', [{ path: 'format', message: 'must be zip or json' }]);
  res.setHeader('content-type', 'application/zip');
  res.setHeader('content-disposition', `attachment; filename="${name}.zip"`);
  res.send(writeZip(files.map((f) => ({ path: f.path, data: Buffer.from(f.text, 'utf8') }))));
}

/** An import body: a zip (application/zip, or base64 in JSON `{zip}`) or JSON `{files: {"entities/contact.json": "<text>"}}`. */
function importedFiles(req: Request): PackageFile[] {
  if (Buffer.isBuffer(req.body)) return readZip(req.body).map((e) => ({ path: e.path, text: e.data.toString('utf8') }));
  const body = jsonObjectBody(req);
  // A browser sends a chosen zip file as base64 in JSON (one client for every call).
  if (typeof body.zip === 'string') return readZip(Buffer.from(body.zip, 'base64')).map((e) => ({ path: e.path, text: e.data.toString('utf8') }));
  const files = body.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files) || Object.values(files).some((t) => typeof t !== 'string'))
    throw new AppError('validation-failed', 'files must map file paths to their text', [{ path: '/files', message: 'must be {"entities/<name>.json": "<JSON text>", …}' }]);
  return Object.entries(files as Record<string, string>).map(([path, text]) => ({ path, text }));
}

export function studioModelRoutes(db: Db, store: ModelStore, engine: EngineClient): Router {
  const r = Router();
  // Validate, preview, publish and the triggers' routes also check the triggers against the deployed processes.
  const check = draftChecker(engine);
  r.use(['/draft', '/versions/:version'], (req, _res, next) => {
    assertStudio(currentUser(req), store.current, 'use the entity designer');
    next();
  });
  const userId = (req: Request) => currentUser(req).id;

  /** Save `documents` as the next revision and audit it, in one transaction. */
  const save = (req: Request, expected: number, change: (draft: Draft) => { documents: Documents; what: string; detail?: Record<string, unknown> }) =>
    db.tx(async (q) => {
      const draft = await assertRevision(q, expected);
      const { documents, what, detail } = change(draft);
      const revision = await saveDraft(q, expected, draft.baseVersion, documents, userId(req));
      await auditEvent(q, { actorId: userId(req), kind: 'metadata.draft.change', target: `metadata-draft:${what}`, detail: { revision, ...detail } });
      return { revision, documents };
    });

  r.get('/draft', async (_req, res) => {
    const draft = await readDraft(db);
    const base = await requireVersion(db, draft.baseVersion);
    res.json({ ...draft, currentVersion: store.version, changes: changedDocuments(base.documents, draft.documents) });
  });
  r.get('/draft/entities/:name', async (req, res) => {
    const draft = await readDraft(db);
    const doc = draft.documents.entities.find((e) => e['x-crm-entity'] === req.params.name);
    if (!doc) throw new AppError('not-found', `the draft has no entity ${req.params.name}`);
    res.json({ revision: draft.revision, document: doc });
  });
  r.put('/draft/entities/:name', async (req, res) => {
    const name = String(req.params.name);
    if (!IDENTIFIER.test(name)) throw new AppError('validation-failed', `invalid entity name ${name}`, [{ path: 'name', message: 'must be lowerCamel: a letter, then letters and digits (at most 41)' }]);
    const body = jsonObjectBody(req);
    const expected = revisionOf(body.revision);
    const document = body.document;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new AppError('validation-failed', 'document must be an entity document (a JSON object)', [{ path: '/document', message: 'must be a JSON object' }]);
    const doc = document as Record<string, unknown>;
    if (doc['x-crm-entity'] !== undefined && doc['x-crm-entity'] !== name) throw new AppError('validation-failed', `the document names entity ${String(doc['x-crm-entity'])}, not ${name}`, [{ path: '/document/x-crm-entity', message: `must be ${name}` }]);
    const saved = await save(req, expected, (draft) => {
      const { documents, added } = withEntity(draft.documents, name, doc);
      return { documents, what: `entities/${name}.json`, detail: { file: `entities/${name}.json`, change: added ? 'added' : 'changed' } };
    });
    res.json({ revision: saved.revision, issues: textsFor(req, entityIssues(saved.documents, name)) });
  });
  r.delete('/draft/entities/:name', async (req, res) => {
    const name = String(req.params.name);
    const saved = await save(req, revisionOf(req.query.revision, 'revision'), (draft) => {
      if (!draft.documents.entities.some((e) => e['x-crm-entity'] === name)) throw new AppError('not-found', `the draft has no entity ${name}`);
      return { documents: { ...draft.documents, entities: draft.documents.entities.filter((e) => e['x-crm-entity'] !== name) }, what: `entities/${name}.json`, detail: { file: `entities/${name}.json`, change: 'removed' } };
    });
    res.json({ revision: saved.revision });
  });
  draftFormRoutes(r, db, save, revisionOf);
  draftDocumentRoutes(r, db, save, revisionOf, check);
  r.post('/draft/validate', async (req, res) => {
    const draft = await readDraft(db);
    // `{document}`: an entity document tried against the draft without saving it (the field dialog's live check).
    const trial = (req.body as { document?: unknown } | undefined)?.document;
    if (trial !== undefined) {
      const name = (trial as Record<string, unknown> | null)?.['x-crm-entity'];
      if (typeof trial !== 'object' || trial === null || Array.isArray(trial) || typeof name !== 'string' || !IDENTIFIER.test(name))
        throw new AppError('validation-failed', 'document must be an entity document naming its entity', [{ path: '/document', message: 'must be an entity document with x-crm-entity' }]);
      const issues = entityIssues(withEntity(draft.documents, name, trial as Record<string, unknown>).documents, name);
      res.json({ revision: draft.revision, valid: issues.length === 0, issues: textsFor(req, issues) });
      return;
    }
    const issues = await check(draft.documents);
    res.json({ revision: draft.revision, valid: issues.length === 0, issues: textsFor(req, issues) });
  });
  r.post('/draft/preview', async (req, res) => {
    const body = jsonObjectBody(req);
    const draft = await readDraft(db);
    const { documents } = await rebased(db, draft);
    const issues = await check(documents);
    if (issues.length) throw invalid(issues, 'the draft is invalid');
    const preview = await previewDraft(db, documents, migrationsOf(body.migrations));
    res.json({ revision: draft.revision, baseVersion: draft.baseVersion, ...preview, actions: textsFor(req, preview.actions, 'summary'), refusals: textsFor(req, preview.refusals) });
  });
  r.post('/draft/publish', async (req, res) => {
    const body = jsonObjectBody(req);
    const expected = revisionOf(body.revision);
    const migrations = migrationsOf(body.migrations);
    const draft = await assertRevision(db, expected);
    const { documents } = await rebased(db, draft);
    const issues = await check(documents);
    if (issues.length) throw invalid(issues, 'the draft is invalid');
    const result = await publishMetadata(db, documents, { publishedBy: userId(req), migrations });
    if (result.changed) store.set(result.version, result.model);
    // The draft is now the published version; an edit that came in meanwhile stays, on the new base.
    const cleared = await clearDraft(db, expected);
    if (!cleared) await db.query('update meta.studio_draft set base_version = $1', [result.version]);
    await auditEvent(db, { actorId: userId(req), kind: 'metadata.draft.publish', target: `metadata:${result.version}`, detail: { revision: expected, changed: result.changed, draftCleared: cleared } });
    res.status(result.changed ? 201 : 200).json({
      version: result.version,
      changed: result.changed,
      actions: textsFor(req, result.actions.map(publishedAction), 'summary'),
    });
  });
  r.delete('/draft', async (req, res) => {
    const expected = revisionOf(req.query.revision, 'revision');
    await db.tx(async (q) => {
      await assertRevision(q, expected);
      if (expected > 0 && !(await clearDraft(q, expected))) await assertRevision(q, expected);
      await auditEvent(q, { actorId: userId(req), kind: 'metadata.draft.discard', target: 'metadata-draft', detail: { revision: expected } });
    });
    res.status(204).end();
  });
  r.get('/draft/diff', async (_req, res) => {
    const draft = await readDraft(db);
    const base = await requireVersion(db, draft.baseVersion);
    res.json({ from: draft.baseVersion, revision: draft.revision, documents: diffPackages(base.documents, draft.documents) });
  });
  r.get('/draft/export', async (req, res) => {
    const draft = await readDraft(db);
    sendExport(res, packageFiles(draft.documents), req.query.format, `metadata-draft-r${draft.revision}`);
  });
  r.post('/draft/import', express.raw({ type: ['application/zip', 'application/octet-stream'], limit: '10mb' }), async (req, res) => {
    const expected = revisionOf(Buffer.isBuffer(req.body) ? req.query.revision : jsonObjectBody(req).revision, Buffer.isBuffer(req.body) ? 'revision' : '/revision');
    const { pkg, issues: fileIssues, fileOf } = packageOfFiles(importedFiles(req));
    if (!pkg.entities.length && !fileIssues.length) throw new AppError('validation-failed', 'the package has no entities/<name>.json file', [{ path: 'entities', message: 'no entity documents' }]);
    const issues = [...fileIssues, ...validateDraft(pkg, fileOf)];
    if (issues.length) throw invalid(issues, 'the imported package is invalid');
    const saved = await save(req, expected, (draft) => ({
      documents: pkg,
      what: 'import',
      detail: { changes: changedDocuments(draft.documents, pkg).map((c) => `${c.change} ${c.file}`) },
    }));
    const draft = await readDraft(db);
    const base = await requireVersion(db, draft.baseVersion);
    res.json({ revision: saved.revision, changes: changedDocuments(base.documents, pkg) });
  });

  r.get('/versions/:version', async (req, res) => {
    res.json(await requireVersion(db, Number(req.params.version)));
  });
  r.get('/versions/:version/diff', async (req, res) => {
    const to = await requireVersion(db, Number(req.params.version));
    const fromN = req.query.from === undefined ? to.version - 1 : Number(req.query.from);
    const from = fromN === 0 ? { version: 0, documents: Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, []])) as unknown as Documents } : await requireVersion(db, fromN);
    res.json({ from: from.version, to: to.version, documents: diffPackages(from.documents, to.documents) });
  });
  r.get('/versions/:version/export', async (req, res) => {
    const v = await requireVersion(db, Number(req.params.version));
    sendExport(res, packageFiles(v.documents), req.query.format, `metadata-v${v.version}`);
  });
  return r;
}

/** The documents with entity `name` replaced by (or added as) `doc`. */
function withEntity(documents: Documents, name: string, doc: Record<string, unknown>): { documents: Documents; added: boolean } {
  const entities = [...documents.entities];
  const i = entities.findIndex((e) => e['x-crm-entity'] === name);
  const next = { ...(i < 0 ? { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `crm:entity/${name}` } : {}), ...doc, 'x-crm-entity': name } as unknown as Documents['entities'][number];
  if (i < 0) entities.push(next);
  else entities[i] = next;
  return { documents: { ...documents, entities }, added: i < 0 };
}

/** The issues of one entity document, in the context of the whole package. */
const entityIssues = (documents: Documents, name: string): DraftIssue[] => validateDraft(documents).filter((i) => i.kind === 'entities' && i.document === name);
