/**
 * The form designer (issue 8): the task forms of the shared metadata draft, and one form's editor —
 * fields (type, labels, required, choices, read-only, help, widget, condition, group, record field),
 * layout (sections or tabs), a JSON view of the whole document — beside a live preview rendered as
 * the task page renders it (forms/FormLayout) with sample data the server checks as it would a
 * completed task. Problems are shown at the field they concern; saving writes the draft, publishing
 * publishes the draft (docs/studio.md, "Form designer").
 */
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isApiError } from '../api/index.js';
import { checkForm, draftEntities, formUses, getForm, listForms, publishDraft, saveForm, type EntityFieldsDoc, type FormCheck, type FormDoc, type FormIssue, type FormList, type FormUse } from '../api/studioForms.js';
import type { Label } from '../api/types.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link, navigate } from '../app/router.js';
import { CRM_FORM_TEMPLATES, localUiSchema, showIfOf, visibleData, type Layout } from '../task-forms/FormLayout.js';
import { pickerOf, TASK_WIDGETS } from '../inbox/formWidgets.js';
import { useFormsI18n } from './messages.js';
import { previewValidator } from './previewValidator.js';
// The task page's form styles, so the preview looks as employees will see it.
import '../inbox/inbox.css';
import './studio-forms.css';

type Obj = Record<string, unknown>;
type FieldType = 'string' | 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'choice' | 'lookup' | 'user' | 'attachment' | 'other';
const FIELD_TYPES: FieldType[] = ['string', 'text', 'number', 'integer', 'boolean', 'date', 'choice', 'lookup', 'user', 'attachment'];
/** The pickers' annotations (forms/README.md, "Pickers"): the task page offers a search for them. */
const PICKER_KEYS = ['x-crm-lookup', 'x-crm-user', 'x-crm-attachment'];
const FORM_ID = /^[a-z][a-z0-9-]{0,63}$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

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
  useEffect(() => {
    const c = new AbortController();
    listForms(c.signal).then(setList, (e) => !c.signal.aborted && setError(e));
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
            <th scope="col">{t('studioForms.col.usedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={formPath(f.id)}>{f.formKey}</Link>
              </td>
              <td>{label(f.title, f.id)}</td>
              <td className="num">{f.fields}</td>
              <td>{f.entity ?? ''}</td>
              <td>{uses ? (uses.get(f.id) ?? []).map((u) => `${u.process}: ${u.task}`).join('; ') || <span className="muted">{t('studioForms.unused')}</span> : null}</td>
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
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Field model: the design view's reading and writing of the document
// ---------------------------------------------------------------------------------------------

const uiOf = (doc: FormDoc, name: string): Obj => ((doc.uiSchema ?? {})[name] as Obj | undefined) ?? {};

function typeOf(prop: Obj, ui: Obj): FieldType {
  if (prop['x-crm-lookup']) return prop.type === 'string' ? 'lookup' : 'other';
  if (prop['x-crm-user']) return prop.type === 'string' ? 'user' : 'other';
  if (prop['x-crm-attachment']) return prop.type === 'string' ? 'attachment' : 'other';
  if (Array.isArray(prop.enum)) return 'choice';
  if (prop.type === 'string') return prop.format === 'date' ? 'date' : ui['ui:widget'] === 'textarea' ? 'text' : 'string';
  if (prop.type === 'number' || prop.type === 'integer' || prop.type === 'boolean') return prop.type;
  return 'other';
}

/** A copy of the document with field `name`'s schema and ui options changed by `f`. */
function withField(doc: FormDoc, name: string, f: (prop: Obj, ui: Obj) => void): FormDoc {
  const next = structuredClone(doc);
  const prop = next.schema.properties[name];
  next.uiSchema = next.uiSchema ?? {};
  const ui = ((next.uiSchema[name] as Obj | undefined) ?? {}) as Obj;
  f(prop, ui);
  if (Object.keys(ui).length) next.uiSchema[name] = ui;
  else delete next.uiSchema[name];
  return next;
}

function setType(prop: Obj, ui: Obj, type: FieldType, entity = 'account') {
  for (const k of ['type', 'enum', 'format', 'x-crm-enum-labels', 'minimum', 'maximum', 'maxLength', 'minLength', 'pattern', ...PICKER_KEYS]) delete prop[k];
  if (ui['ui:widget'] === 'textarea') delete ui['ui:widget'];
  if (type === 'text') ui['ui:widget'] = 'textarea';
  if (type === 'date') Object.assign(prop, { type: 'string', format: 'date' });
  else if (type === 'choice') Object.assign(prop, { type: 'string', enum: ['yes'], 'x-crm-enum-labels': { yes: { 'zh-CN': '是', en: 'Yes' } } });
  else if (type === 'lookup') Object.assign(prop, { type: 'string', 'x-crm-lookup': { entity } });
  else if (type === 'user') Object.assign(prop, { type: 'string', 'x-crm-user': {} });
  else if (type === 'attachment') Object.assign(prop, { type: 'string', 'x-crm-attachment': true });
  else prop.type = type === 'text' ? 'string' : type;
}

const optionsText = (prop: Obj) => {
  const labels = (prop['x-crm-enum-labels'] ?? {}) as Record<string, Label>;
  return ((prop.enum ?? []) as unknown[]).map((v) => [String(v), labels[String(v)]?.['zh-CN'] ?? '', labels[String(v)]?.en ?? ''].join(' | ')).join('\n');
};

function setOptions(prop: Obj, text: string) {
  const rows = text.split('\n').map((l) => l.split('|').map((s) => s.trim())).filter((r) => r[0]);
  prop.enum = rows.map((r) => r[0]);
  prop['x-crm-enum-labels'] = Object.fromEntries(rows.map((r) => [r[0], { 'zh-CN': r[1] || r[0], en: r[2] || r[0] }]));
}

/** Condition values typed as text, read as the controlling field's type. */
function parseValues(text: string, type: FieldType): unknown[] | undefined {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) return undefined;
  return parts.map((p) => (type === 'boolean' ? p === 'true' : type === 'number' || type === 'integer' ? Number(p) : p));
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

function FormEditorPage({ id, isNew }: { id: string; isNew: boolean }) {
  const { t, label } = useFormsI18n();
  const [doc, setDoc] = useState<FormDoc | null>(null);
  const [revision, setRevision] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [entities, setEntities] = useState<EntityFieldsDoc[]>([]);
  const [widgets, setWidgets] = useState<string[]>([]);
  const [check, setCheck] = useState<FormCheck | null>(null);
  const [previewDoc, setPreviewDoc] = useState<FormDoc | null>(null);
  const [data, setData] = useState<Obj>({});
  const [view, setView] = useState<'design' | 'json'>('design');
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; bad?: boolean; conflict?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const c = new AbortController();
    setLoadError(null);
    Promise.all([
      getForm(id, c.signal).catch((e: unknown) => {
        if (isNew && isApiError(e) && e.status === 404) return listForms(c.signal).then((l) => ({ revision: l.revision, document: newDocument(id), issues: [] }));
        throw e;
      }),
      draftEntities(c.signal),
      listForms(c.signal),
    ]).then(([f, ents, list]) => {
      setDoc(f.document);
      setRevision(f.revision);
      setEntities(ents);
      setWidgets(list.widgets);
      setJsonText(JSON.stringify(f.document, null, 2));
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
  }, [id, doc, data]);

  const uiSchema = useMemo(() => (previewDoc ? localUiSchema({ schema: previewDoc.schema, uiSchema: previewDoc.uiSchema ?? {} }, label, { 'ui:submitButtonOptions': { norender: true } }, pickerOf) : null), [previewDoc, label]);
  const validator = useMemo(() => previewValidator(), []);

  if (loadError) return <ErrorBanner error={loadError} />;
  if (!doc) return <Loading />;

  const names = Object.keys(doc.schema.properties);
  const issues = check?.issues ?? [];
  const issuesOf = (field: string) => issues.filter((i) => i.field === field);
  const general = issues.filter((i) => !i.field || !names.includes(i.field));
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
      setStatus({ text: r.issues.length ? t('studioForms.savedWithIssues', { count: r.issues.length }) : t('studioForms.saved', { revision: r.revision }), bad: r.issues.length > 0 });
      if (isNew) navigate(formPath(id), { replace: true });
    } catch (e) {
      setStatus(isApiError(e) && e.status === 409 ? { text: t('studioForms.conflict'), bad: true, conflict: true } : { text: isApiError(e) ? e.message : String(e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    setBusy(true);
    try {
      const r = await publishDraft(revision);
      setRevision(0);
      setStatus({ text: r.changed ? t('studioForms.published', { version: r.version }) : t('studioForms.unchanged') });
    } catch (e) {
      if (isApiError(e) && e.status === 409) setStatus({ text: t('studioForms.conflict'), bad: true, conflict: true });
      else {
        const list = isApiError(e) ? ((e.problem as Obj).issues as FormIssue[] | undefined) : undefined;
        setStatus({ text: isApiError(e) ? [e.message, ...(list ?? []).map((i) => `${i.file}#${i.path}: ${i.message}`)].join('\n') : String(e), bad: true });
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
      <h1 tabIndex={-1}>{t('studioForms.editor.title', { id: `crm:${id}` })}</h1>
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
        <button type="button" className="btn" disabled={busy || isNew} onClick={() => void publish()}>
          {t('studioForms.publish')}
        </button>
        <Link to="/studio/model/publish">{t('studioForms.reviewPublish')}</Link>
      </div>
      <div role="status" aria-live="polite" className={status?.bad ? 'studio-forms-status bad' : 'studio-forms-status'}>
        {status?.text}
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
                <div className="studio-forms-row">
                  <label htmlFor="sf-entity">{t('studioForms.form.entity')}</label>
                  <select id="sf-entity" value={doc.record?.entity ?? ''} onChange={(e) => {
                    const next = { ...doc };
                    if (e.target.value) next.record = { entity: e.target.value, fields: e.target.value === doc.record?.entity ? doc.record.fields : {} };
                    else delete next.record;
                    update(next);
                  }}>
                    <option value="">{t('studioForms.form.noEntity')}</option>
                    {entities.map((e) => (
                      <option key={e['x-crm-entity']} value={e['x-crm-entity']}>
                        {label(e['x-crm-label'], e['x-crm-entity'])}
                      </option>
                    ))}
                  </select>
                </div>
                <Issues issues={general} />
              </fieldset>
              <LayoutEditor layout={layout} onChange={setLayout} />
              <h2>{t('studioForms.fields')}</h2>
              {names.map((name, i) => (
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
              <AddField doc={doc} onAdd={update} />
            </>
          )}
        </div>
        <section className="studio-forms-preview task-form" aria-labelledby="sf-preview">
          <h2 id="sf-preview">{t('studioForms.preview')}</h2>
          <p className="muted">{t('studioForms.preview.hint')}</p>
          {previewDoc && uiSchema ? (
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

function Issues({ issues, id }: { issues: FormIssue[]; id?: string }) {
  if (!issues.length) return null;
  return (
    <ul className="field-error studio-forms-issues" id={id} role="alert">
      {issues.map((i) => (
        <li key={`${i.path}\u0000${i.message}`}>
          <code>{i.path}</code> {i.message}
        </li>
      ))}
    </ul>
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

interface FieldEditorProps {
  doc: FormDoc;
  name: string;
  index: number;
  widgets: string[];
  layout: Layout | undefined;
  entity: EntityFieldsDoc | undefined;
  entities: EntityFieldsDoc[];
  issues: FormIssue[];
  onChange(doc: FormDoc): void;
  onLayout(layout: Layout | undefined): void;
}

function FieldEditor({ doc, name, index, widgets, layout, entity, entities, issues, onChange, onLayout }: FieldEditorProps) {
  const { t, label } = useFormsI18n();
  const prop = doc.schema.properties[name];
  const ui = uiOf(doc, name);
  const type = typeOf(prop, ui);
  const idp = `sf-field-${name}`;
  const change = (f: (prop: Obj, ui: Obj) => void) => onChange(withField(doc, name, f));
  const required = (doc.schema.required ?? []).includes(name);
  const cond = showIfOf(doc.uiSchema ?? {}, name);
  const others = Object.keys(doc.schema.properties).filter((n) => n !== name);
  const recordField = Object.entries(doc.record?.fields ?? {}).find(([, f]) => f === name)?.[0] ?? '';
  const group = layout ? layout.groups.findIndex((g) => g.fields.includes(name)) : -1;
  const labelOf = (lang: 'zh-CN' | 'en', key: string) => ((prop[key] as Label | undefined)?.[lang] ?? '');
  const setLabel = (key: 'x-crm-label' | 'x-crm-help', lang: 'zh-CN' | 'en', value: string) =>
    change((p) => {
      const next = { ...((p[key] as Label | undefined) ?? { 'zh-CN': '', en: '' }), [lang]: value };
      if (key === 'x-crm-help' && !next['zh-CN'] && !next.en) delete p[key];
      else p[key] = next;
    });
  const errorId = issues.length ? `${idp}-issues` : undefined;
  return (
    <details className="studio-forms-field" open={issues.length > 0 || undefined}>
      <summary>
        <strong>{label(prop['x-crm-label'] as Label, name)}</strong> <code>{name}</code> {issues.length ? <span className="field-error">⚠ {issues.length}</span> : null}
      </summary>
      <Issues issues={issues} id={errorId} />
      <div className="studio-forms-grid">
        <div className="studio-forms-row">
          <label htmlFor={`${idp}-type`}>{t('studioForms.field.type')}</label>
          <select id={`${idp}-type`} value={type} disabled={type === 'other'} onChange={(e) => change((p, u) => setType(p, u, e.target.value as FieldType, doc.record?.entity))} aria-describedby={errorId}>
            {[...FIELD_TYPES, ...(type === 'other' ? ['other' as const] : [])].map((ft) => (
              <option key={ft} value={ft}>
                {t(`studioForms.type.${ft}`)}
              </option>
            ))}
          </select>
        </div>
        {(['zh-CN', 'en'] as const).map((lang) => (
          <div key={lang} className="studio-forms-row">
            <label htmlFor={`${idp}-label-${lang}`}>{t(lang === 'en' ? 'studioForms.field.labelEn' : 'studioForms.field.labelZh')}</label>
            <input id={`${idp}-label-${lang}`} value={labelOf(lang, 'x-crm-label')} onChange={(e) => setLabel('x-crm-label', lang, e.target.value)} />
          </div>
        ))}
        <div className="studio-forms-check">
          <input id={`${idp}-required`} type="checkbox" checked={required} onChange={(e) => {
            const next = structuredClone(doc);
            const list = (next.schema.required ?? []).filter((n) => n !== name);
            if (e.target.checked) list.push(name);
            if (list.length) next.schema.required = list;
            else delete next.schema.required;
            onChange(next);
          }} />
          <label htmlFor={`${idp}-required`}>{t('studioForms.field.required')}</label>
        </div>
        <div className="studio-forms-check">
          <input id={`${idp}-readonly`} type="checkbox" checked={prop.readOnly === true} onChange={(e) => change((p) => (e.target.checked ? (p.readOnly = true) : delete p.readOnly))} />
          <label htmlFor={`${idp}-readonly`}>{t('studioForms.field.readOnly')}</label>
        </div>
        {type === 'lookup' ? (
          <div className="studio-forms-row">
            <label htmlFor={`${idp}-lookup`}>{t('studioForms.field.lookupEntity')}</label>
            <select id={`${idp}-lookup`} value={String((prop['x-crm-lookup'] as Obj).entity ?? '')} onChange={(e) => change((p) => (p['x-crm-lookup'] = { entity: e.target.value }))}>
              {entities.map((en) => (
                <option key={en['x-crm-entity']} value={en['x-crm-entity']}>
                  {label(en['x-crm-label'], en['x-crm-entity'])}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {type === 'choice' ? (
          <div className="studio-forms-row wide">
            <label htmlFor={`${idp}-options`}>{t('studioForms.field.options')}</label>
            <textarea id={`${idp}-options`} rows={3} key={optionsText(prop)} defaultValue={optionsText(prop)} onBlur={(e) => change((p) => setOptions(p, e.target.value))} />
          </div>
        ) : null}
        {(['zh-CN', 'en'] as const).map((lang) => (
          <div key={lang} className="studio-forms-row">
            <label htmlFor={`${idp}-help-${lang}`}>{t(lang === 'en' ? 'studioForms.field.helpEn' : 'studioForms.field.helpZh')}</label>
            <input id={`${idp}-help-${lang}`} value={labelOf(lang, 'x-crm-help')} onChange={(e) => setLabel('x-crm-help', lang, e.target.value)} />
          </div>
        ))}
        <div className="studio-forms-row">
          <label htmlFor={`${idp}-widget`}>{t('studioForms.field.widget')}</label>
          <select id={`${idp}-widget`} value={String(ui['ui:widget'] ?? '')} aria-describedby={errorId} onChange={(e) => change((_p, u) => (e.target.value ? (u['ui:widget'] = e.target.value) : delete u['ui:widget']))}>
            <option value="">{t('studioForms.field.widgetDefault')}</option>
            {[...widgets, ...(ui['ui:widget'] && !widgets.includes(String(ui['ui:widget'])) ? [String(ui['ui:widget'])] : [])].map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </div>
        <div className="studio-forms-row">
          <label htmlFor={`${idp}-showif`}>{t('studioForms.field.showIf')}</label>
          <select id={`${idp}-showif`} value={cond?.field ?? ''} aria-describedby={errorId} onChange={(e) => change((_p, u) => (e.target.value ? (u['ui:crm-showIf'] = { field: e.target.value }) : delete u['ui:crm-showIf']))}>
            <option value="">{t('studioForms.field.always')}</option>
            {others.map((n) => (
              <option key={n} value={n}>
                {label(doc.schema.properties[n]['x-crm-label'] as Label, n)}
              </option>
            ))}
          </select>
        </div>
        {cond ? (
          <div className="studio-forms-row">
            <label htmlFor={`${idp}-showif-values`}>{t('studioForms.field.showIfValues')}</label>
            <input
              id={`${idp}-showif-values`}
              key={JSON.stringify(cond.values ?? [])}
              defaultValue={(cond.values ?? []).map(String).join(', ')}
              onBlur={(e) => {
                const ctl = doc.schema.properties[cond.field];
                const values = parseValues(e.target.value, ctl ? typeOf(ctl, uiOf(doc, cond.field)) : 'string');
                change((_p, u) => (u['ui:crm-showIf'] = values ? { field: cond.field, values } : { field: cond.field }));
              }}
            />
          </div>
        ) : null}
        {layout ? (
          <div className="studio-forms-row">
            <label htmlFor={`${idp}-group`}>{t('studioForms.field.group')}</label>
            <select id={`${idp}-group`} value={group} onChange={(e) => {
              const to = Number(e.target.value);
              onLayout({ ...layout, groups: layout.groups.map((g, j) => ({ ...g, fields: j === to ? [...g.fields.filter((f) => f !== name), name] : g.fields.filter((f) => f !== name) })) });
            }}>
              <option value={-1}>{t('studioForms.layout.other')}</option>
              {layout.groups.map((g, j) => (
                <option key={j} value={j}>
                  {label(g.title, t('studioForms.layout.group', { n: j + 1 }))}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {entity ? (
          <div className="studio-forms-row">
            <label htmlFor={`${idp}-record`}>{t('studioForms.field.recordField')}</label>
            <select id={`${idp}-record`} value={recordField} onChange={(e) => {
              const next = structuredClone(doc);
              const fields = Object.fromEntries(Object.entries(next.record!.fields).filter(([, f]) => f !== name));
              if (e.target.value) fields[e.target.value] = name;
              next.record = { entity: next.record!.entity, fields };
              onChange(next);
            }}>
              <option value="">{t('studioForms.form.noEntity')}</option>
              {Object.entries(entity.properties ?? {}).map(([f, p]) => (
                <option key={f} value={f}>
                  {label(p['x-crm-label'], f)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <div className="studio-forms-actions">
        {index > 0 ? (
          <button type="button" className="btn" onClick={() => {
            const keys = Object.keys(doc.schema.properties);
            [keys[index - 1], keys[index]] = [keys[index], keys[index - 1]];
            const next = structuredClone(doc);
            next.schema.properties = Object.fromEntries(keys.map((k) => [k, doc.schema.properties[k]]));
            if (Array.isArray(next.uiSchema?.['ui:order'])) next.uiSchema['ui:order'] = keys;
            onChange(next);
          }}>
            {t('studioForms.field.up', { name })}
          </button>
        ) : null}
        <button type="button" className="btn btn-danger" onClick={() => {
          const next = structuredClone(doc);
          delete next.schema.properties[name];
          if (next.schema.required) next.schema.required = next.schema.required.filter((n) => n !== name);
          if (next.uiSchema) delete next.uiSchema[name];
          if (Array.isArray(next.uiSchema?.['ui:order'])) next.uiSchema['ui:order'] = (next.uiSchema['ui:order'] as string[]).filter((n) => n !== name);
          if (next.record) next.record = { ...next.record, fields: Object.fromEntries(Object.entries(next.record.fields).filter(([, f]) => f !== name)) };
          const l = next.uiSchema?.['ui:crm-layout'] as Layout | undefined;
          if (l) next.uiSchema!['ui:crm-layout'] = { ...l, groups: l.groups.map((g) => ({ ...g, fields: g.fields.filter((f) => f !== name) })) };
          onChange(next);
        }}>
          {t('studioForms.field.remove', { name })}
        </button>
      </div>
    </details>
  );
}

function AddField({ doc, onAdd }: { doc: FormDoc; onAdd(doc: FormDoc): void }) {
  const { t } = useFormsI18n();
  const [name, setName] = useState('');
  const [type, setTypeValue] = useState<FieldType>('string');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const add = (e: React.FormEvent) => {
    e.preventDefault();
    if (!FIELD_NAME.test(name)) return setError(t('studioForms.add.badName'));
    if (Object.hasOwn(doc.schema.properties, name)) return setError(t('studioForms.add.clash', { name }));
    const next = structuredClone(doc);
    const prop: Obj = { 'x-crm-label': { 'zh-CN': name, en: name } };
    next.uiSchema = next.uiSchema ?? {};
    const ui: Obj = {};
    setType(prop, ui, type, doc.record?.entity);
    next.schema.properties[name] = prop;
    if (Object.keys(ui).length) next.uiSchema[name] = ui;
    if (Array.isArray(next.uiSchema['ui:order'])) next.uiSchema['ui:order'] = [...(next.uiSchema['ui:order'] as string[]), name];
    onAdd(next);
    setName('');
    setError(null);
    input.current?.focus();
  };
  return (
    <form className="studio-forms-box studio-forms-add" onSubmit={add} noValidate>
      <h3>{t('studioForms.add')}</h3>
      <div className="studio-forms-row">
        <label htmlFor="sf-add-name">{t('studioForms.field.name')}</label>
        <input id="sf-add-name" ref={input} value={name} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sf-add-name-error' : undefined} onChange={(e) => (setName(e.target.value), setError(null))} />
        {error ? (
          <p id="sf-add-name-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="studio-forms-row">
        <label htmlFor="sf-add-type">{t('studioForms.field.type')}</label>
        <select id="sf-add-type" value={type} onChange={(e) => setTypeValue(e.target.value as FieldType)}>
          {FIELD_TYPES.map((ft) => (
            <option key={ft} value={ft}>
              {t(`studioForms.type.${ft}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn">
        {t('studioForms.add')}
      </button>
    </form>
  );
}

export default function FormDesignerPage({ id }: { id?: string }) {
  const isNew = typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('new');
  return id ? <FormEditorPage id={id} isNew={isNew} /> : <FormListPage />;
}
