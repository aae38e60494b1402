/**
 * One task form field's editor — type, labels, required, read-only, bounds (min/max, length,
 * pattern), choices, lookup entity, record field it writes, and the shared presentation controls —
 * and "Add field".
 */
import { useRef, useState } from 'react';
import type { EntityFieldsDoc, FormDoc, FormIssue } from '../api/studioForms.js';
import type { Label } from '../api/types.js';
import type { Layout } from '../task-forms/FormLayout.js';
import { EntityOptions, FieldActions, FieldPresentation, Issues, uiOf, withField, type Obj, type ValueType } from './fieldParts.js';
import { useFormsI18n } from './messages.js';

export type FieldType = 'string' | 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'choice' | 'lookup' | 'user' | 'attachment' | 'other';
const FIELD_TYPES: FieldType[] = ['string', 'text', 'number', 'integer', 'boolean', 'date', 'choice', 'lookup', 'user', 'attachment'];
/** The pickers' annotations (forms/README.md, "Pickers"): the task page offers a search for them. */
const PICKER_KEYS = ['x-crm-lookup', 'x-crm-user', 'x-crm-attachment'];
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

export function typeOf(prop: Obj, ui: Obj): FieldType {
  if (prop['x-crm-lookup']) return prop.type === 'string' ? 'lookup' : 'other';
  if (prop['x-crm-user']) return prop.type === 'string' ? 'user' : 'other';
  if (prop['x-crm-attachment']) return prop.type === 'string' ? 'attachment' : 'other';
  if (Array.isArray(prop.enum)) return 'choice';
  if (prop.type === 'string') return prop.format === 'date' ? 'date' : ui['ui:widget'] === 'textarea' ? 'text' : 'string';
  if (prop.type === 'number' || prop.type === 'integer' || prop.type === 'boolean') return prop.type;
  return 'other';
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

/** The bounds a type may have (JSON Schema keywords the server checks on completion), each a number or a text. */
const bounds = (type: FieldType): [key: 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'pattern', kind: 'number' | 'text'][] =>
  type === 'number' || type === 'integer' ? [['minimum', 'number'], ['maximum', 'number']] : type === 'string' || type === 'text' ? [['minLength', 'number'], ['maxLength', 'number'], ['pattern', 'text']] : [];

/** How a condition on field `n` reads its values. */
function valueTypeOf(doc: FormDoc, n: string): ValueType {
  const ctl = doc.schema.properties[n];
  const type = ctl ? typeOf(ctl, uiOf(doc, n)) : 'string';
  return type === 'boolean' ? 'boolean' : type === 'number' || type === 'integer' ? 'number' : 'string';
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

export function FieldEditor({ doc, name, index, widgets, layout, entity, entities, issues, onChange, onLayout }: FieldEditorProps) {
  const { t, label } = useFormsI18n();
  const prop = doc.schema.properties[name];
  const ui = uiOf(doc, name);
  const type = typeOf(prop, ui);
  const idp = `sf-field-${name}`;
  const change = (f: (prop: Obj, ui: Obj) => void) => onChange(withField(doc, name, f));
  const required = (doc.schema.required ?? []).includes(name);
  const recordField = Object.entries(doc.record?.fields ?? {}).find(([, f]) => f === name)?.[0] ?? '';
  const labelOf = (lang: 'zh-CN' | 'en', key: string) => ((prop[key] as Label | undefined)?.[lang] ?? '');
  const setLabel = (lang: 'zh-CN' | 'en', value: string) => change((p) => (p['x-crm-label'] = { ...((p['x-crm-label'] as Label | undefined) ?? { 'zh-CN': '', en: '' }), [lang]: value }));
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
            <input id={`${idp}-label-${lang}`} value={labelOf(lang, 'x-crm-label')} onChange={(e) => setLabel(lang, e.target.value)} />
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
              <EntityOptions entities={entities} />
            </select>
          </div>
        ) : null}
        {type === 'choice' ? (
          <div className="studio-forms-row wide">
            <label htmlFor={`${idp}-options`}>{t('studioForms.field.options')}</label>
            <textarea id={`${idp}-options`} rows={3} key={optionsText(prop)} defaultValue={optionsText(prop)} onBlur={(e) => change((p) => setOptions(p, e.target.value))} />
          </div>
        ) : null}
        {bounds(type).map(([key, kind]) => (
          <div key={key} className="studio-forms-row">
            <label htmlFor={`${idp}-${key}`}>{t(`studioForms.field.${key}`)}</label>
            <input
              id={`${idp}-${key}`}
              type={kind === 'text' ? 'text' : 'number'}
              className={kind === 'text' ? 'mono' : undefined}
              value={prop[key] === undefined ? '' : String(prop[key])}
              aria-describedby={errorId}
              onChange={(e) => change((p) => (e.target.value === '' ? delete p[key] : (p[key] = kind === 'text' ? e.target.value : Number(e.target.value))))}
            />
          </div>
        ))}
        <FieldPresentation doc={doc} name={name} widgets={widgets} layout={layout} errorId={errorId} onChange={onChange} onLayout={onLayout}
          labelOf={(n) => label(doc.schema.properties[n]['x-crm-label'] as Label, n)} valueType={(n) => valueTypeOf(doc, n)} />
        {entity ? (
          <div className="studio-forms-row">
            <label htmlFor={`${idp}-record`}>{t('studioForms.field.recordField')}</label>
            <select id={`${idp}-record`} value={recordField} onChange={(e) => {
              const next = structuredClone(doc);
              const fields = Object.fromEntries(Object.entries(next.record!.fields ?? {}).filter(([, f]) => f !== name));
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
      <FieldActions doc={doc} name={name} index={index} onChange={onChange} />
    </details>
  );
}

export function AddField({ doc, onAdd }: { doc: FormDoc; onAdd(doc: FormDoc): void }) {
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
