/**
 * The form designer's part of the draft (forms are documents of the metadata package,
 * `forms/<id>.json`; docs/adr/0002): read, replace or remove one form of the draft, and check a
 * form being edited — its problems by JSON path and field, and sample data against it, as the task
 * page's server would judge it (a record form: as the records API would judge a create or edit of
 * its entity as drafted) — without saving anything (the studio's live preview).
 */
import type { Router } from 'express';
import { compileEntity, compileForm, FORM_LAYOUT_KINDS, FORM_WIDGETS, isRecordForm, RECORD_FORM_WIDGETS, type EntityDocument, type FormDocument } from '../../metadata/index.js';
import { formOfDocument, validateFormData, type FormError } from '../../forms/index.js';
import type { Db } from '../db/db.js';
import { AppError, type FieldError } from '../errors.js';
import { describeEntity } from '../metadata-api/routes.js';
import { recordErrors } from '../records/validate.js';
import { jsonObjectBody } from '../http/body.js';
import type { Documents } from './bundle.js';
import { withDocument, type Save } from './documents.js';
import { readDraft } from './draft.js';
import { validateDraft, type DraftIssue } from './issues.js';
import { textsFor } from '../http/language.js';

const FORM_ID = /^[a-z][a-z0-9-]{0,63}$/;

type Obj = Record<string, unknown>;

const formIdOf = (value: unknown): string => {
  const id = String(value);
  if (!FORM_ID.test(id)) throw new AppError('validation-failed', `invalid form id ${id}`, [{ path: 'id', message: 'must be lower-case letters, digits and dashes, starting with a letter (at most 64)' }]);
  return id;
};

function documentOf(body: Obj, id: string): Obj {
  const document = body.document;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new AppError('validation-failed', 'document must be a form document (a JSON object)', [{ path: '/document', message: 'must be a JSON object' }]);
  const doc = document as Obj;
  if (doc['x-crm-form'] !== undefined && doc['x-crm-form'] !== id) throw new AppError('validation-failed', `the document names form ${String(doc['x-crm-form'])}, not ${id}`, [{ path: '/document/x-crm-form', message: `must be ${id}` }]);
  return { ...doc, 'x-crm-form': id };
}

/** The draft's documents with form `id` replaced by `doc` (added when new; removed when null). */
const withForm = (documents: Documents, id: string, doc: Obj | null) => withDocument(documents, 'forms', id, doc);

/** The draft's issues that concern form `id`. */
export const formIssues = (documents: Documents, id: string): DraftIssue[] => validateDraft(documents).filter((i) => i.kind === 'forms' && i.document === id);

/** GET /draft/forms (list, with the widgets and layouts a form may use), GET/PUT/DELETE /draft/forms/:id, POST /draft/forms/:id/check. */
export function draftFormRoutes(r: Router, db: Db, save: Save, revisionOf: (value: unknown, where?: string) => number): void {
  r.get('/draft/forms', async (_req, res) => {
    const draft = await readDraft(db);
    const items = draft.documents.forms
      .map((f) => ({
        id: f['x-crm-form'],
        formKey: isRecordForm(f) ? null : `crm:${f['x-crm-form']}`,
        title: f.title,
        fields: Object.keys(f.schema?.properties ?? {}).length,
        entity: f.record?.entity ?? null,
        ...(isRecordForm(f) ? { purposes: f.record!.purposes, ...(f.record!.roles ? { roles: f.record!.roles } : {}) } : {}),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    res.json({ revision: draft.revision, items, widgets: FORM_WIDGETS, recordWidgets: RECORD_FORM_WIDGETS, layoutKinds: FORM_LAYOUT_KINDS });
  });
  r.get('/draft/forms/:id', async (req, res) => {
    const draft = await readDraft(db);
    const doc = draft.documents.forms.find((f) => f['x-crm-form'] === req.params.id);
    if (!doc) throw new AppError('not-found', `the draft has no form ${req.params.id}`);
    res.json({ revision: draft.revision, document: doc, issues: textsFor(req, formIssues(draft.documents, req.params.id)) });
  });
  r.put('/draft/forms/:id', async (req, res) => {
    const id = formIdOf(req.params.id);
    const body = jsonObjectBody(req);
    const expected = revisionOf(body.revision);
    const doc = documentOf(body, id);
    const saved = await save(req, expected, (draft) => {
      const { documents, change } = withForm(draft.documents, id, { $schema: '../metadata/meta-schemas/form.schema.json', ...doc });
      return { documents, what: `forms/${id}.json`, detail: { file: `forms/${id}.json`, change } };
    });
    res.json({ revision: saved.revision, issues: textsFor(req, formIssues(saved.documents, id)) });
  });
  r.delete('/draft/forms/:id', async (req, res) => {
    const id = String(req.params.id);
    const saved = await save(req, revisionOf(req.query.revision, 'revision'), (draft) => {
      if (!draft.documents.forms.some((f) => f['x-crm-form'] === id)) throw new AppError('not-found', `the draft has no form ${id}`);
      const { documents } = withForm(draft.documents, id, null);
      return { documents, what: `forms/${id}.json`, detail: { file: `forms/${id}.json`, change: 'removed' } };
    });
    res.json({ revision: saved.revision });
  });
  // Nothing is saved: the form as being edited, in the draft's context, and sample data against it.
  r.post('/draft/forms/:id/check', async (req, res) => {
    const id = formIdOf(req.params.id);
    const body = jsonObjectBody(req);
    const doc = documentOf(body, id);
    const draft = await readDraft(db);
    const issues = formIssues(withForm(draft.documents, id, doc).documents, id);
    const form = doc as unknown as FormDocument;
    if (isRecordForm(form)) {
      const { entity, errors } = issues.length === 0 ? recordSample(draft.documents.entities, form, body.data) : { entity: undefined, errors: [] };
      return res.json({ revision: draft.revision, valid: issues.length === 0, issues: textsFor(req, issues), errors, ...(entity ? { entity } : {}) });
    }
    let errors: FormError[] = [];
    if (issues.length === 0 && body.data !== undefined) errors = validateFormData(formOfDocument(form), body.data);
    res.json({ revision: draft.revision, valid: issues.length === 0, issues: textsFor(req, issues), errors });
  });
}

/**
 * A record form's entity as drafted, described as the records workspace receives it (with this
 * form as its create/edit form, so the preview renders what its employees will see), and `data` (the
 * record body the form would send) judged as the records API judges a create — or, for an
 * edit-only form, an edit. Only for a form without issues.
 */
function recordSample(entities: EntityDocument[], form: FormDocument, data: unknown): { entity?: ReturnType<typeof describeEntity>; errors: FieldError[] } {
  const doc = entities.find((e) => e['x-crm-entity'] === form.record?.entity);
  if (!doc) return { errors: [] };
  let compiled;
  try {
    compiled = compileEntity(doc);
  } catch {
    return { errors: [] }; // the entity's own issues are the entity designer's to show
  }
  // As one of the form's roles sees it (a form with roles is no one else's).
  const entity = describeEntity(compiled, () => false, undefined, { [form['x-crm-form']]: compileForm(form) }, form.record?.roles?.[0] ?? null);
  const errors = data === undefined ? [] : recordErrors(compiled, form.record!.purposes!.includes('create') ? 'create' : 'update', data);
  return { entity, errors };
}
