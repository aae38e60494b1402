/**
 * The draft's documents of the kinds that need nothing of their own beyond the meta-schema and the
 * package's cross-document checks — views, triggers and UI layouts (and any kind added to DRAFT_DOCUMENT_KINDS):
 * list, read, replace, remove one document, and check one as being edited without saving it. The
 * entity designer (routes.ts) and the form designer (forms.ts) keep their own routes: they add
 * defaults and checks of their kinds.
 *
 *   GET    /draft/<kind>                  {revision, items: [{name, document, issues}]}
 *   GET    /draft/<kind>/:name            {revision, document, issues}
 *   PUT    /draft/<kind>/:name            {revision, document} → {revision, issues}
 *   DELETE /draft/<kind>/:name?revision=  → {revision}
 *   POST   /draft/<kind>/:name/check      {document} → {revision, valid, issues}; nothing saved
 */
import type { Request, Router } from 'express';
import { META_SCHEMA_FILES, NAME_KEYS } from '../../metadata/index.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import { jsonObjectBody } from '../http/body.js';
import { nameOfDocument, type DocKind, type Documents } from './bundle.js';
import { readDraft, type Draft } from './draft.js';
import type { DraftChecker, DraftIssue } from './issues.js';
import { textsFor } from '../http/language.js';

type Obj = Record<string, unknown>;

/** The kinds served here, and the pattern of their names (as their meta-schemas say). */
export const DRAFT_DOCUMENT_KINDS = {
  views: /^[a-z][a-zA-Z0-9-]{0,63}$/,
  triggers: /^[a-z][a-zA-Z0-9-]{0,63}$/,
  layouts: /^[a-z][a-zA-Z0-9-]{0,63}$/,
} as const satisfies Partial<Record<DocKind, RegExp>>;

export type DraftDocumentKind = keyof typeof DRAFT_DOCUMENT_KINDS;


export type Save = (req: Request, expected: number, change: (draft: Draft) => { documents: Documents; what: string; detail?: Record<string, unknown> }) => Promise<{ revision: number; documents: Documents }>;

/** The draft's documents with `kind`/`name` replaced by `doc` (added when new; removed when null). */
export function withDocument(documents: Documents, kind: DocKind, name: string, doc: Obj | null): { documents: Documents; change: 'added' | 'changed' | 'removed' } {
  const list = [...(documents[kind] as object[])];
  const i = list.findIndex((d) => nameOfDocument(kind, d) === name);
  if (doc === null) list.splice(i, 1);
  else if (i < 0) list.push(doc);
  else list[i] = doc;
  return { documents: { ...documents, [kind]: list } as Documents, change: doc === null ? 'removed' : i < 0 ? 'added' : 'changed' };
}

export function draftDocumentRoutes(r: Router, db: Db, save: Save, revisionOf: (value: unknown, where?: string) => number, check: DraftChecker): void {
  /** The draft's issues that concern document `name` of `kind`. */
  const documentIssues = async (documents: Documents, kind: DocKind, name: string): Promise<DraftIssue[]> =>
    (await check(documents)).filter((i) => i.kind === kind && i.document === name);
  for (const [kind, pattern] of Object.entries(DRAFT_DOCUMENT_KINDS) as [DraftDocumentKind, RegExp][]) {
    const key = NAME_KEYS[kind];
    const nameOf = (value: unknown): string => {
      const name = String(value);
      if (!pattern.test(name)) throw new AppError('validation-failed', `invalid ${kind} document name ${name}`, [{ path: 'name', message: 'must start with a lower-case letter, then letters, digits and dashes (at most 64)' }]);
      return name;
    };
    const documentOf = (body: Obj, name: string): Obj => {
      const document = body.document;
      if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new AppError('validation-failed', `document must be a ${kind} document (a JSON object)`, [{ path: '/document', message: 'must be a JSON object' }]);
      const doc = document as Obj;
      if (doc[key] !== undefined && doc[key] !== name) throw new AppError('validation-failed', `the document is named ${String(doc[key])}, not ${name}`, [{ path: `/document/${key}`, message: `must be ${name}` }]);
      // The file's own shape: the meta-schema reference first, the name next, as metadata/ writes them.
      return { $schema: `../meta-schemas/${META_SCHEMA_FILES[kind]}`, [key]: name, ...doc };
    };

    r.get(`/draft/${kind}`, async (req, res) => {
      const draft = await readDraft(db);
      const issues = (await check(draft.documents)).filter((i) => i.kind === kind);
      const items = (draft.documents[kind] as object[])
        .map((document) => ({ name: nameOfDocument(kind, document), document }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((item) => ({ ...item, issues: textsFor(req, issues.filter((i) => i.document === item.name)) }));
      res.json({ revision: draft.revision, items });
    });
    r.get(`/draft/${kind}/:name`, async (req, res) => {
      const draft = await readDraft(db);
      const document = (draft.documents[kind] as object[]).find((d) => nameOfDocument(kind, d) === req.params.name);
      if (!document) throw new AppError('not-found', `the draft has no ${kind} document ${req.params.name}`);
      res.json({ revision: draft.revision, document, issues: textsFor(req, await documentIssues(draft.documents, kind, req.params.name)) });
    });
    r.put(`/draft/${kind}/:name`, async (req, res) => {
      const name = nameOf(req.params.name);
      const body = jsonObjectBody(req);
      const expected = revisionOf(body.revision);
      const doc = documentOf(body, name);
      const file = `${kind}/${name}.json`;
      const saved = await save(req, expected, (draft) => {
        const { documents, change } = withDocument(draft.documents, kind, name, doc);
        return { documents, what: file, detail: { file, change } };
      });
      res.json({ revision: saved.revision, issues: textsFor(req, await documentIssues(saved.documents, kind, name)) });
    });
    r.delete(`/draft/${kind}/:name`, async (req, res) => {
      const name = String(req.params.name);
      const file = `${kind}/${name}.json`;
      const saved = await save(req, revisionOf(req.query.revision, 'revision'), (draft) => {
        if (!(draft.documents[kind] as object[]).some((d) => nameOfDocument(kind, d) === name)) throw new AppError('not-found', `the draft has no ${kind} document ${name}`);
        return { documents: withDocument(draft.documents, kind, name, null).documents, what: file, detail: { file, change: 'removed' } };
      });
      res.json({ revision: saved.revision });
    });
    r.post(`/draft/${kind}/:name/check`, async (req, res) => {
      const name = nameOf(req.params.name);
      const doc = documentOf(jsonObjectBody(req), name);
      const draft = await readDraft(db);
      const issues = await documentIssues(withDocument(draft.documents, kind, name, doc).documents, kind, name);
      res.json({ revision: draft.revision, valid: issues.length === 0, issues: textsFor(req, issues) });
    });
  }
}
