/**
 * The form designer (issue 8): the task and record forms of the shared metadata draft, and one
 * form's editor — a task form's fields (TaskFieldEditor: type, labels, required, bounds, choices,
 * read-only, record field) or a record form's fields of its entity (RecordFormParts), both with help,
 * widget, condition and group, a layout (sections or tabs, columns), a JSON view of the whole
 * document — beside a live preview rendered as employees will see it (a task form as the task page
 * renders it, task-forms/FormLayout; a record form by the records workspace's form body) with sample
 * data the server checks. Problems are shown at the field they concern; saving writes the draft,
 * publishing publishes the draft (docs/studio.md, "Form designer").
 */
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { useEffect, useMemo, useState } from 'react';
import { isApiError } from '../api/index.js';
import { checkForm, draftDocuments, formUses, getForm, listForms, publishDraft, saveForm, type EntityFieldsDoc, type FormCheck, type FormDoc, type FormIssue, type FormList, type FormUse } from '../api/studioForms.js';
import type { RoleDoc } from '../api/studioViews.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { failed, msg, useSay, type Message } from '../app/message.js';
import { Link, navigate } from '../app/router.js';
import { CRM_FORM_TEMPLATES, localUiSchema, visibleData, type Layout } from '../task-forms/FormLayout.js';
import { pickerOf, TASK_WIDGETS } from '../inbox/formWidgets.js';
import type { FormValues } from '../records/index.js';
import { EntityOptions, Issues, type Obj } from './fieldParts.js';
import { useFormsI18n, type FormsKey } from './messages.js';
import { AddRecordField, isRecordFormDoc, isRoleIssue, NewRecordForm, newRecordDocument, RecordFieldEditor, RecordFormHeader, RecordPreview } from './RecordFormParts.js';
import { AddField, FieldEditor } from './TaskFieldEditor.js';
import { previewValidator } from './previewValidator.js';
// The task page's form styles, so the preview looks as employees will see it.
import '../inbox/inbox.css';
import './studio-forms.css';

const FORM_ID = /^[a-z][a-z0-9-]{0,63}$/;

export const formPath = (id: string) => `/studio/forms/${encodeURIComponent(id)}`;

// ---------------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------------

function FormListPage() {
  const { t, label } = useFormsI18n();
  const [list, setList] = useState<FormList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [newId, setNewId] = useState('');
  const [idError, setIdError] = useState<string | null>(null);
  const [uses, setUses] = useState<Map<string, FormUse[]> | null>(null);
  const [entities, setEntities] = useState<EntityFieldsDoc[]>([]);
  const [roles, setRoles] = useState<RoleDoc[]>([]);
  useEffect(() => {
    const c = new AbortController();
    listForms(c.signal).then(setList, (e) => !c.signal.aborted && setError(e));
    draftDocuments(c.signal).then((d) => (setEntities(d.entities), setRoles(d.roles)), (e) => !c.signal.aborted && setError(e));
    // Which tasks use each form: a nicety — the list stands without it.
    formUses(c.signal).then(setUses, () => undefined);
    return () => c.abort();
  }, []);
  if (error) return <ErrorBanner error={error} />;
  if (!list) return <Loading />;
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    if (!FORM_ID.test(newId)) return setIdError(t('studioForms.badId'));
    if (list.items.some((f) => f.id === newId)) return setIdError(t('studioForms.exists'));
    navigate(`${formPath(newId)}?new=1`);
  };
  return (
    <div className="studio-forms">
      <h1 tabIndex={-1}>{t('studioForms.title')}</h1>
      <p className="muted">{t('studioForms.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('studioForms.col.id')}</th>
            <th scope="col">{t('studioForms.col.title')}</th>
            <th scope="col" className="num">{t('studioForms.col.fields')}</th>
            <th scope="col">{t('studioForms.col.entity')}</th>
            <th scope="col">{t('studioForms.col.kind')}</th>
            <th scope="col">{t('studioForms.col.usedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={formPath(f.id)}>{f.formKey ?? f.id}</Link>
              </td>
              <td>{label(f.title, f.id)}</td>
              <td className="num">{f.fields}</td>
              <td>{f.entity ?? ''}</td>
              <td>
                {f.purposes ? t('studioForms.kind.record', { entity: f.entity ?? '', purposes: f.purposes.map((p) => t(`studioForms.purpose.${p}`)).join(', ') }) : t('studioForms.kind.task')}
                {f.roles ? ` · ${t('studioForms.kind.roles', { roles: f.roles.map((key) => label(roles.find((r) => r['x-crm-role'] === key)?.label, key)).join(', ') })}` : null}
              </td>
              <td>{f.purposes ? null : uses ? (uses.get(f.id) ?? []).map((u) => `${u.process}: ${u.task}`).join('; ') || <span className="muted">{t('studioForms.unused')}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="studio-forms-new" onSubmit={create} noValidate>
        <h2>{t('studioForms.new')}</h2>
        <label htmlFor="sf-new-id">{t('studioForms.newId')}</label>
        <input id="sf-new-id" value={newId} aria-invalid={idError ? true : undefined} aria-describedby={idError ? 'sf-new-id-error' : undefined} onChange={(e) => (setNewId(e.target.value), setIdError(null))} />
        {idError ? (
          <p id="sf-new-id-error" className="field-error" role="alert">
            {idError}
          </p>
        ) : null}
        <button type="submit" className="btn">
          {t('studioForms.create')}
        </button>
      </form>
      {entities.length ? <NewRecordForm entities={entities} taken={(id) => list.items.some((f) => f.id === id)} /> : null}
    </div>
  );
}


/** The server's data errors (`/field`) at the preview's fields. */
function errorSchemaOf(errors: { path: string; message: string }[]): ErrorSchema {
  const out: Record<string, { __errors: string[] }> = {};
  for (const e of errors) (out[e.path.split('/')[1] || '__root'] ??= { __errors: [] }).__errors.push(e.message);
  const { __root, ...fields } = out;
  return { ...fields, ...(__root ? { __errors: __root.__errors } : {}) } as ErrorSchema;
}

const newDocument = (id: string): FormDoc => ({
  $schema: '../metadata/meta-schemas/form.schema.json',
  'x-crm-form': id,
  title: { 'zh-CN': id, en: id },
  schema: { type: 'object', properties: {} },
  uiSchema: {},
});

// ---------------------------------------------------------------------------------------------
// The editor
// ---------------------------------------------------------------------------------------------

/** `?new=1` (a new task form), with `&entity=<e>&purposes=create,edit` a new record form of that entity. */
function FormEditorPage({ id, isNew }: { id: string; isNew: boolean }) {
  const { t, label, locale } = useFormsI18n();
  const say = useSay(t);
  const [doc, setDoc] = useState<FormDoc | null>(null);
  const [revision, setRevision] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [entities, setEntities] = useState<EntityFieldsDoc[]>([]);
  const [roles, setRoles] = useState<RoleDoc[]>([]);
  const [widgets, setWidgets] = useState<string[]>([]);
  const [recordWidgets, setRecordWidgets] = useState<Record<string, string[]>>({});
  const [check, setCheck] = useState<FormCheck | null>(null);
  const [previewDoc, setPreviewDoc] = useState<FormDoc | null>(null);
  const [data, setData] = useState<Obj>({});
  /** A record form preview's inputs (`data` is the record body they make). */
  const [recordValues, setRecordValues] = useState<FormValues>({});
  const [view, setView] = useState<'design' | 'json'>('design');
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: Message<FormsKey>; issues?: FormIssue[]; bad?: boolean; conflict?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  /** A new form is in the draft once saved (the address loses `?new=1`, but the page stays). */
  const [inDraft, setInDraft] = useState(!isNew);

  useEffect(() => {
    const c = new AbortController();
    setLoadError(null);
    Promise.all([
      getForm(id, c.signal).catch((e: unknown) => {
        if (isNew && isApiError(e) && e.status === 404) return listForms(c.signal).then((l) => ({ revision: l.revision, document: null, issues: [] }));
        throw e;
      }),
      draftDocuments(c.signal),
      listForms(c.signal),
    ]).then(([f, { entities: ents, roles: draftRoles }, list]) => {
      const query = new URLSearchParams(window.location.search);
      const recordOf = ents.find((e) => e['x-crm-entity'] === query.get('entity'));
      const purposes = (query.get('purposes') ?? 'create,edit').split(',').filter((p): p is 'create' | 'edit' => p === 'create' || p === 'edit');
      const document = f.document ?? (recordOf ? newRecordDocument(id, recordOf, purposes.length ? purposes : ['create', 'edit']) : newDocument(id));
      setDoc(document);
      setRevision(f.revision);
      setEntities(ents);
      setRoles(draftRoles);
      setWidgets(list.widgets);
      setRecordWidgets(list.recordWidgets ?? {});
      setJsonText(JSON.stringify(document, null, 2));
    }, (e) => !c.signal.aborted && setLoadError(e));
    return () => c.abort();
  }, [id, isNew, reload]);

  // The live check: the document as edited and the sample data, debounced; nothing is saved.
  useEffect(() => {
    if (!doc) return;
    const c = new AbortController();
    const timer = setTimeout(() => {
      checkForm(id, doc, data, c.signal).then((r) => {
        setCheck(r);
        if (r.valid) setPreviewDoc(doc);
      }, () => undefined);
    }, 250);
    return () => (clearTimeout(timer), c.abort());
    // Checked again in a new language: the server words the problems in the UI's language.
  }, [id, doc, data, locale]);

  const uiSchema = useMemo(() => (previewDoc ? localUiSchema({ schema: previewDoc.schema, uiSchema: previewDoc.uiSchema ?? {} }, label, { 'ui:submitButtonOptions': { norender: true } }, pickerOf) : null), [previewDoc, label]);
  const validator = useMemo(() => previewValidator(), []);

  if (loadError) return <ErrorBanner error={loadError} />;
  if (!doc) return <Loading />;

  const names = Object.keys(doc.schema.properties);
  const issues = check?.issues ?? [];
  const issuesOf = (field: string) => issues.filter((i) => i.field === field);
  const recordForm = isRecordFormDoc(doc);
  // A record form's role problems are shown at its roles.
  const general = issues.filter((i) => (!i.field || !names.includes(i.field)) && !(recordForm && isRoleIssue(i)));
  const layout = (doc.uiSchema ?? {})['ui:crm-layout'] as Layout | undefined;
  const entity = entities.find((e) => e['x-crm-entity'] === doc.record?.entity);

  const update = (next: FormDoc) => {
    setDoc(next);
    setJsonText(JSON.stringify(next, null, 2));
    setStatus(null);
  };
  const setLayout = (next: Layout | undefined) => {
    const d = structuredClone(doc);
    d.uiSchema = { ...(d.uiSchema ?? {}) };
    if (next) d.uiSchema['ui:crm-layout'] = next;
    else delete d.uiSchema['ui:crm-layout'];
    update(d);
  };

  const save = async () => {
    setBusy(true);
    try {
      const r = await saveForm(id, revision, doc);
      setRevision(r.revision);
      setInDraft(true);
      setStatus({ text: r.issues.length ? msg('studioForms.savedWithIssues', { count: r.issues.length }) : msg('studioForms.saved', { revision: r.revision }), bad: r.issues.length > 0 });
      if (isNew) navigate(formPath(id), { replace: true });
    } catch (e) {
      setStatus(isApiError(e) && e.status === 409 ? { text: msg('studioForms.conflict'), bad: true, conflict: true } : { text: failed(e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    setBusy(true);
    try {
      const r = await publishDraft(revision);
      setRevision(0);
      setStatus({ text: r.changed ? msg(isRecordFormDoc(doc) ? 'studioForms.published.record' : 'studioForms.published', { version: r.version }) : msg('studioForms.unchanged') });
    } catch (e) {
      if (isApiError(e) && e.status === 409) setStatus({ text: msg('studioForms.conflict'), bad: true, conflict: true });
      else {
        const list = isApiError(e) ? ((e.problem as Obj).issues as FormIssue[] | undefined) : undefined;
        // The problem in the UI's language when shown, over its issues (the server words them in the request's).
        setStatus({ text: failed(e), issues: list, bad: true });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="studio-forms">
      <p>
        <Link to="/studio/forms">{t('studioForms.back')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('studioForms.editor.title', { id: recordForm ? id : `crm:${id}` })}</h1>
      <div className="studio-forms-actions">
        <div role="group" aria-label={t('studioForms.view.design') + ' / ' + t('studioForms.view.json')}>
          {(['design', 'json'] as const).map((v) => (
            <button key={v} type="button" className={view === v ? 'btn btn-primary' : 'btn'} aria-pressed={view === v} onClick={() => setView(v)}>
              {t(`studioForms.view.${v}`)}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
          {t('studioForms.save')}
        </button>
        <button type="button" className="btn" disabled={busy || !inDraft} onClick={() => void publish()}>
          {t('studioForms.publish')}
        </button>
        <Link to="/studio/model/publish">{t('studioForms.reviewPublish')}</Link>
      </div>
      <div role="status" aria-live="polite" className={status?.bad ? 'studio-forms-status bad' : 'studio-forms-status'}>
        {status && [say(status.text), ...(status.issues ?? []).map((i) => `${i.file}#${i.path}: ${i.message}`)].join('\n')}
        {status?.conflict ? (
          <button type="button" className="btn" onClick={() => (setReload((n) => n + 1), setStatus(null))}>
            {t('studioForms.reload')}
          </button>
        ) : null}
      </div>
      <div className="studio-forms-split">
        <div className="studio-forms-editor">
          {view === 'json' ? (
            <JsonView text={jsonText} error={jsonError} issues={issues} onChange={(text) => {
              setJsonText(text);
              try {
                const parsed = JSON.parse(text) as FormDoc;
                setJsonError(null);
                setDoc(parsed);
              } catch (e) {
                setJsonError((e as Error).message);
              }
            }} />
          ) : (
            <>
              <fieldset className="studio-forms-box">
                <legend>{t('studioForms.col.title')}</legend>
                {(['zh-CN', 'en'] as const).map((lang) => (
                  <div key={lang} className="studio-forms-row">
                    <label htmlFor={`sf-title-${lang}`}>{t(lang === 'en' ? 'studioForms.form.titleEn' : 'studioForms.form.titleZh')}</label>
                    <input id={`sf-title-${lang}`} value={doc.title[lang] ?? ''} onChange={(e) => update({ ...doc, title: { ...doc.title, [lang]: e.target.value } })} />
                  </div>
                ))}
                {recordForm ? <RecordFormHeader doc={doc} entity={entity} roles={roles} issues={issues} onChange={update} /> : (
                <div className="studio-forms-row">
                  <label htmlFor="sf-entity">{t('studioForms.form.entity')}</label>
                  <select id="sf-entity" value={doc.record?.entity ?? ''} onChange={(e) => {
                    const next = { ...doc };
                    if (e.target.value) next.record = { entity: e.target.value, fields: e.target.value === doc.record?.entity ? doc.record.fields : {} };
                    else delete next.record;
                    update(next);
                  }}>
                    <option value="">{t('studioForms.form.noEntity')}</option>
                    <EntityOptions entities={entities} />
                  </select>
                </div>
                )}
                <Issues issues={general} />
              </fieldset>
              <LayoutEditor layout={layout} onChange={setLayout} />
              <h2>{t('studioForms.fields')}</h2>
              {recordForm ? <p className="muted">{t('studioForms.record.fieldsHint')}</p> : null}
              {names.map((name, i) => recordForm ? (
                <RecordFieldEditor key={name} doc={doc} name={name} index={i} entity={entity} widgets={recordWidgets} layout={layout} issues={issuesOf(name)} onChange={update} onLayout={setLayout} />
              ) : (
                <FieldEditor
                  key={name}
                  doc={doc}
                  name={name}
                  index={i}
                  widgets={widgets}
                  layout={layout}
                  entity={entity}
                  entities={entities}
                  issues={issuesOf(name)}
                  onChange={update}
                  onLayout={setLayout}
                />
              ))}
              {recordForm ? <AddRecordField doc={doc} entity={entity} onAdd={update} /> : <AddField doc={doc} onAdd={update} />}
            </>
          )}
        </div>
        <section className={recordForm ? 'studio-forms-preview' : 'studio-forms-preview task-form'} aria-labelledby="sf-preview">
          <h2 id="sf-preview">{t('studioForms.preview')}</h2>
          {recordForm ? null : <p className="muted">{t('studioForms.preview.hint')}</p>}
          {recordForm ? (
            <RecordPreview doc={doc} check={check} values={recordValues} onValues={(values, body) => (setRecordValues(values), setData(body))} />
          ) : previewDoc && uiSchema ? (
            <>
              {check && !check.valid ? <p className="muted">{t('studioForms.preview.invalid')}</p> : null}
              <h3>{label(previewDoc.title, id)}</h3>
              <Form
                schema={previewDoc.schema as RJSFSchema}
                uiSchema={uiSchema}
                templates={CRM_FORM_TEMPLATES}
                widgets={TASK_WIDGETS}
                formContext={{ record: null }}
                validator={validator}
                formData={data}
                noHtml5Validate
                showErrorList={false}
                extraErrors={check?.valid ? errorSchemaOf(check.errors) : undefined}
                onChange={(e) => setData(visibleData(previewDoc.uiSchema ?? {}, (e.formData ?? {}) as Obj))}
                idPrefix="preview"
              />
              {check?.valid && check.errors.length === 0 ? <p className="muted">{t('studioForms.preview.valid')}</p> : null}
            </>
          ) : (
            <p className="muted">{t('studioForms.preview.invalid')}</p>
          )}
        </section>
      </div>
    </div>
  );
}

function JsonView({ text, error, issues, onChange }: { text: string; error: string | null; issues: FormIssue[]; onChange(text: string): void }) {
  const { t } = useFormsI18n();
  return (
    <div>
      <label htmlFor="sf-json">{t('studioForms.json.label')}</label>
      <textarea id="sf-json" className="studio-forms-json" spellCheck={false} value={text} aria-invalid={error || issues.length ? true : undefined} aria-describedby="sf-json-issues" onChange={(e) => onChange(e.target.value)} />
      <div id="sf-json-issues">
        <h3>{t('studioForms.issues')}</h3>
        {error ? (
          <p className="field-error" role="alert">
            {t('studioForms.json.invalid', { message: error })}
          </p>
        ) : issues.length ? (
          <Issues issues={issues} />
        ) : (
          <p className="muted">{t('studioForms.issues.none')}</p>
        )}
      </div>
    </div>
  );
}

function LayoutEditor({ layout, onChange }: { layout: Layout | undefined; onChange(next: Layout | undefined): void }) {
  const { t } = useFormsI18n();
  const groups = layout?.groups ?? [];
  const setGroup = (i: number, g: Partial<Layout['groups'][number]>) => onChange({ ...layout!, groups: groups.map((x, j) => (j === i ? { ...x, ...g } : x)) });
  return (
    <fieldset className="studio-forms-box">
      <legend>{t('studioForms.layout')}</legend>
      <div className="studio-forms-row">
        <label htmlFor="sf-layout-kind">{t('studioForms.layout.kind')}</label>
        <select id="sf-layout-kind" value={layout?.kind ?? ''} onChange={(e) => {
          const kind = e.target.value as Layout['kind'] | '';
          onChange(kind ? { kind, groups: groups.length ? groups : [{ title: { 'zh-CN': '基本信息', en: 'Main' }, fields: [] }] } : undefined);
        }}>
          <option value="">{t('studioForms.layout.none')}</option>
          <option value="sections">{t('studioForms.layout.sections')}</option>
          <option value="tabs">{t('studioForms.layout.tabs')}</option>
        </select>
      </div>
      {layout
        ? groups.map((g, i) => (
            <fieldset key={i} className="studio-forms-group">
              <legend>{t('studioForms.layout.group', { n: i + 1 })}</legend>
              {(['zh-CN', 'en'] as const).map((lang) => (
                <div key={lang} className="studio-forms-row">
                  <label htmlFor={`sf-group-${i}-${lang}`}>{t(lang === 'en' ? 'studioForms.form.titleEn' : 'studioForms.form.titleZh')}</label>
                  <input id={`sf-group-${i}-${lang}`} value={g.title?.[lang] ?? ''} onChange={(e) => setGroup(i, { title: { ...g.title, [lang]: e.target.value } })} />
                </div>
              ))}
              <div className="studio-forms-row">
                <label htmlFor={`sf-group-${i}-cols`}>{t('studioForms.layout.columns')}</label>
                <select id={`sf-group-${i}-cols`} value={g.columns ?? 1} onChange={(e) => setGroup(i, { columns: Number(e.target.value) as 1 | 2 | 3 })}>
                  {[1, 2, 3].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" className="btn btn-danger" onClick={() => onChange({ ...layout, groups: groups.filter((_, j) => j !== i) })}>
                {t('studioForms.layout.removeGroup', { n: i + 1 })}
              </button>
            </fieldset>
          ))
        : null}
      {layout ? (
        <button type="button" className="btn" onClick={() => onChange({ ...layout, groups: [...groups, { title: { 'zh-CN': `分组 ${groups.length + 1}`, en: `Group ${groups.length + 1}` }, fields: [] }] })}>
          {t('studioForms.layout.addGroup')}
        </button>
      ) : null}
    </fieldset>
  );
}

export default function FormDesignerPage({ id }: { id?: string }) {
  const isNew = typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('new');
  return id ? <FormEditorPage id={id} isNew={isNew} /> : <FormListPage />;
}
