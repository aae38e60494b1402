/**
 * HTTP for document templates (docs/documents.md).
 * Record pages: `GET /api/records/:entity/:id/documents` (the templates of the entity, for a record
 * the reader may read) and `…/documents/:key.pdf` (the filled PDF, through the records read path).
 * The studio (assertStudio): `/api/metadata/document-templates` list, get, put (a new metadata
 * version), the versions of one template, and `POST …/preview` (an unsaved template filled for a
 * chosen record, as PDF — the same renderer as the record's PDF).
 */
import { Router, type Request, type Response } from 'express';
import { validatePackage, type DocumentTemplateDocument, type MetadataPackage } from '../../metadata/index.js';
import { assertCan, assertStudio, modelFor } from '../access/index.js';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { jsonObjectBody } from '../http/body.js';
import type { ModelStore } from '../model/store.js';
import { republishLatest } from '../metadata-api/republish.js';
import { canonicalJson } from '../publish/checksum.js';
import { getRecord } from '../records/read.js';
import { renderPdf } from './pdf.js';
import { fillDocument } from './resolve.js';

const KEY = 'x-crm-document-template';
const templatesOf = (store: ModelStore) => store.current.documentTemplates ?? {};
const summary = (t: DocumentTemplateDocument) => ({ key: t[KEY], entity: t.entity, label: t.label, ...(t.description ? { description: t.description } : {}) });

/** Fill `template` for the request's user and send it as an inline PDF, never run as a page of this origin. */
async function sendPdf(req: Request, res: Response, db: Db, store: ModelStore, template: DocumentTemplateDocument, id: string): Promise<void> {
  const user = currentUser(req);
  if (!UUID.test(id)) throw new AppError('not-found', `${template.entity} ${id} not found`);
  const filled = await fillDocument({ q: db, user, model: modelFor(user, store.current) }, template, id);
  const pdf = await renderPdf(filled);
  const name = `${filled.title}.pdf`;
  res.set({
    'Content-Type': 'application/pdf',
    'Content-Length': String(pdf.length),
    'Content-Disposition': `inline; filename="${template[KEY]}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': 'private, no-store',
  });
  res.end(pdf);
}

export function documentRecordRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  /** The entity of the path after checking the reader's role may read it, and the record after checking they may read it (404 otherwise). */
  const readable = async (req: Request) => {
    const user = currentUser(req);
    const name = store.entity(String(req.params.entity)).name;
    const model = modelFor(user, store.current);
    assertCan(user, model, name, 'read');
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not-found', `${name} ${id} not found`);
    await getRecord({ q: db, user, model }, model.entities[name], id, { fields: ['id'] });
    return name;
  };
  r.get('/:entity/:id/documents', async (req, res) => {
    const entity = await readable(req);
    const items = Object.values(templatesOf(store))
      .filter((t) => t.entity === entity)
      .sort((a, b) => a[KEY].localeCompare(b[KEY]))
      .map((t) => ({ ...summary(t), href: `/api/records/${entity}/${req.params.id}/documents/${t[KEY]}.pdf` }));
    res.json({ items });
  });
  r.get('/:entity/:id/documents/:file', async (req, res) => {
    const entity = store.entity(String(req.params.entity)).name;
    const key = String(req.params.file).replace(/\.pdf$/, '');
    const template = templatesOf(store)[key];
    if (!Object.hasOwn(templatesOf(store), key) || template.entity !== entity) throw new AppError('not-found', `${entity} has no document template ${key}`);
    await sendPdf(req, res, db, store, template, String(req.params.id));
  });
  return r;
}

/** Problems of one template against the published entities, with paths inside the template (`/body/3/text`), coded (the edge words them in the request's language). */
function templateIssues(store: ModelStore, doc: Record<string, unknown>): FieldError[] {
  const entities = Object.values(store.current.entities).filter((e) => !e.hidden).map((e) => e.document);
  const pkg: MetadataPackage = { entities, views: [], triggers: [], documentTemplates: [doc as unknown as DocumentTemplateDocument] };
  return validatePackage(pkg, (d) => (d === doc ? 'template' : undefined))
    .filter((i) => i.file === 'template')
    .map((i) => ({ path: i.path || '/', message: i.message, code: i.code, ...(i.params ? { params: i.params } : {}) }));
}

function assertValidTemplate(store: ModelStore, doc: Record<string, unknown>): DocumentTemplateDocument {
  const issues = templateIssues(store, doc);
  if (issues.length) throw new AppError('validation-failed', `the document template is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return doc as unknown as DocumentTemplateDocument;
}

interface VersionRow {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  template: DocumentTemplateDocument | null;
}

export function documentTemplateRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  const studio = (req: Request, what: string) => {
    const user = currentUser(req);
    assertStudio(user, store.current, what);
    return user;
  };
  const published = (key: string) => {
    if (!Object.hasOwn(templatesOf(store), key)) throw new AppError('not-found', `no document template ${key}`);
    return templatesOf(store)[key];
  };
  /** Each metadata version in which template `key` differs from the version before (newest first). */
  const versions = async (key: string) => {
    const rows = await db.query<VersionRow>(
      `select v.version, v.published_at as "publishedAt", u.username as "publishedBy",
              (select t from jsonb_array_elements(coalesce(v.documents->'documentTemplates', '[]'::jsonb)) t where t->>'${KEY}' = $1 limit 1) as template
         from meta.metadata_version v left join sec.user u on u.id = v.published_by order by v.version`,
      [key],
    );
    const out: VersionRow[] = [];
    let last = 'null';
    for (const row of rows) {
      const json = canonicalJson(row.template);
      if (json !== last && row.template) out.push(row);
      last = json;
    }
    return out.reverse();
  };

  r.get('/', (req, res) => {
    studio(req, 'read the document templates');
    res.json({ version: store.version, items: Object.values(templatesOf(store)).sort((a, b) => a[KEY].localeCompare(b[KEY])).map(summary) });
  });
  // A new template: unlike PUT, a key some template has is refused (the studio's "New template" must not replace one).
  r.post('/', async (req, res) => {
    const user = studio(req, 'change the document templates');
    const body = jsonObjectBody(req);
    const key = body[KEY];
    if (typeof key === 'string' && Object.hasOwn(templatesOf(store), key))
      throw new AppError('unique-violation', `document template ${key} exists`, [{ path: `/${KEY}`, message: 'already taken', code: 'taken', params: { value: key } }]);
    const doc = assertValidTemplate(store, body);
    res.status(201).json(await republishLatest(db, store, user, (docs) => (docs.documentTemplates = [...docs.documentTemplates, doc])));
  });
  r.post('/preview', async (req, res) => {
    studio(req, 'preview a document template');
    const body = jsonObjectBody(req);
    const recordId = body.recordId;
    if (typeof recordId !== 'string') throw new AppError('validation-failed', 'recordId is required', [{ path: '/recordId', message: 'must be the id of a record of the template entity' }]);
    const raw = body.template;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AppError('validation-failed', 'template is required', [{ path: '/template', message: 'must be a document template' }]);
    const template = assertValidTemplate(store, { ...(raw as Record<string, unknown>), [KEY]: (raw as Record<string, unknown>)[KEY] ?? 'preview' });
    await sendPdf(req, res, db, store, template, recordId);
  });
  r.get('/:key', (req, res) => {
    studio(req, 'read the document templates');
    res.json(published(String(req.params.key)));
  });
  r.put('/:key', async (req, res) => {
    const user = studio(req, 'change the document templates');
    const key = String(req.params.key);
    const doc = assertValidTemplate(store, { ...jsonObjectBody(req), [KEY]: key });
    res.json(await republishLatest(db, store, user, (docs) => (docs.documentTemplates = [...docs.documentTemplates.filter((x) => x[KEY] !== key), doc])));
  });
  // Any template may go, a shipped one too: no other document names a template (the record page's
  // Print menu lists what is published). Its versions stay readable below, and saving one of them
  // under the key brings it back.
  r.delete('/:key', async (req, res) => {
    const user = studio(req, 'change the document templates');
    const key = published(String(req.params.key))[KEY];
    res.json(await republishLatest(db, store, user, (docs) => (docs.documentTemplates = docs.documentTemplates.filter((x) => x[KEY] !== key))));
  });
  r.get('/:key/versions', async (req, res) => {
    studio(req, 'read the document templates');
    const key = String(req.params.key);
    res.json({ items: (await versions(key)).map(({ template: _t, ...v }) => v) });
  });
  r.get('/:key/versions/:version', async (req, res) => {
    studio(req, 'read the document templates');
    const found = (await versions(String(req.params.key))).find((v) => String(v.version) === req.params.version);
    if (!found?.template) throw new AppError('not-found', `no version ${req.params.version} of document template ${req.params.key}`);
    res.json({ version: found.version, template: found.template });
  });
  return r;
}
