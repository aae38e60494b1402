/**
 * What the task form and record form editors share for one field: reading and writing the document,
 * the problems shown at a field, and the presentation controls — help text, widget, condition,
 * group — and moving or removing the field.
 */
import type { EntityFieldsDoc, FormDoc, FormIssue } from '../api/studioForms.js';
import { ProblemList } from '../app/ProblemList.js';
import type { Label } from '../api/types.js';
import { showIfOf, type Layout } from '../task-forms/FormLayout.js';
import { useFormsI18n } from './messages.js';

export type Obj = Record<string, unknown>;

export const uiOf = (doc: FormDoc, name: string): Obj => ((doc.uiSchema ?? {})[name] as Obj | undefined) ?? {};

/** A copy of the document with field `name`'s schema and ui options changed by `f`. */
export function withField(doc: FormDoc, name: string, f: (prop: Obj, ui: Obj) => void): FormDoc {
  const next = structuredClone(doc);
  const prop = next.schema.properties[name];
  next.uiSchema = next.uiSchema ?? {};
  const ui = ((next.uiSchema[name] as Obj | undefined) ?? {}) as Obj;
  f(prop, ui);
  if (Object.keys(ui).length) next.uiSchema[name] = ui;
  else delete next.uiSchema[name];
  return next;
}

/** How a condition's values typed as text are read: as the controlling field's values. */
export type ValueType = 'boolean' | 'number' | 'string';

/** Condition values typed as text, read as the controlling field's type. */
export function parseValues(text: string, type: ValueType): unknown[] | undefined {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) return undefined;
  return parts.map((p) => (type === 'boolean' ? p === 'true' : type === 'number' ? Number(p) : p));
}

/** An `<option>` per entity, by its label in the user's language (the entity choosers of both editors). */
export function EntityOptions({ entities }: { entities: readonly EntityFieldsDoc[] }) {
  const { label } = useFormsI18n();
  return (
    <>
      {entities.map((en) => (
        <option key={en['x-crm-entity']} value={en['x-crm-entity']}>
          {label(en['x-crm-label'], en['x-crm-entity'])}
        </option>
      ))}
    </>
  );
}

export function Issues({ issues, id }: { issues: FormIssue[]; id?: string }) {
  if (!issues.length) return null;
  return <ProblemList className="field-error studio-forms-issues" id={id} role="alert" issues={issues} />;
}

interface PresentationProps {
  doc: FormDoc;
  name: string;
  /** The widgets this field may use. */
  widgets: string[];
  layout: Layout | undefined;
  /** A field's label in the user's language (the chooser of the field a condition depends on). */
  labelOf(name: string): string;
  valueType(name: string): ValueType;
  errorId: string | undefined;
  onChange(doc: FormDoc): void;
  onLayout(layout: Layout | undefined): void;
}

/** Help text (both languages), widget, condition and group of one field. */
export function FieldPresentation({ doc, name, widgets, layout, labelOf, valueType, errorId, onChange, onLayout }: PresentationProps) {
  const { t, label } = useFormsI18n();
  const idp = `sf-field-${name}`;
  const prop = doc.schema.properties[name];
  const ui = uiOf(doc, name);
  const change = (f: (prop: Obj, ui: Obj) => void) => onChange(withField(doc, name, f));
  const cond = showIfOf(doc.uiSchema ?? {}, name);
  const others = Object.keys(doc.schema.properties).filter((n) => n !== name);
  const group = layout ? layout.groups.findIndex((g) => g.fields.includes(name)) : -1;
  const help = (lang: 'zh-CN' | 'en') => (prop['x-crm-help'] as Label | undefined)?.[lang] ?? '';
  const setHelp = (lang: 'zh-CN' | 'en', value: string) =>
    change((p) => {
      const next = { ...((p['x-crm-help'] as Label | undefined) ?? { 'zh-CN': '', en: '' }), [lang]: value };
      if (!next['zh-CN'] && !next.en) delete p['x-crm-help'];
      else p['x-crm-help'] = next;
    });
  const widget = String(ui['ui:widget'] ?? '');
  return (
    <>
      {(['zh-CN', 'en'] as const).map((lang) => (
        <div key={lang} className="studio-forms-row">
          <label htmlFor={`${idp}-help-${lang}`}>{t(lang === 'en' ? 'studioForms.field.helpEn' : 'studioForms.field.helpZh')}</label>
          <input id={`${idp}-help-${lang}`} value={help(lang)} onChange={(e) => setHelp(lang, e.target.value)} />
        </div>
      ))}
      <div className="studio-forms-row">
        <label htmlFor={`${idp}-widget`}>{t('studioForms.field.widget')}</label>
        <select id={`${idp}-widget`} value={widget} aria-describedby={errorId} onChange={(e) => change((_p, u) => (e.target.value ? (u['ui:widget'] = e.target.value) : delete u['ui:widget']))}>
          <option value="">{t('studioForms.field.widgetDefault')}</option>
          {[...widgets, ...(widget && !widgets.includes(widget) ? [widget] : [])].map((w) => (
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
              {labelOf(n)}
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
              const values = parseValues(e.target.value, valueType(cond.field));
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
    </>
  );
}

/** "Move up" and "Remove" for one field: the document without it keeps no trace of it (required, ui, order, record mapping, layout). */
export function FieldActions({ doc, name, index, onChange }: { doc: FormDoc; name: string; index: number; onChange(doc: FormDoc): void }) {
  const { t } = useFormsI18n();
  return (
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
        if (next.record?.fields) next.record = { ...next.record, fields: Object.fromEntries(Object.entries(next.record.fields).filter(([, f]) => f !== name)) };
        const l = next.uiSchema?.['ui:crm-layout'] as Layout | undefined;
        if (l) next.uiSchema!['ui:crm-layout'] = { ...l, groups: l.groups.map((g) => ({ ...g, fields: g.fields.filter((f) => f !== name) })) };
        onChange(next);
      }}>
        {t('studioForms.field.remove', { name })}
      </button>
    </div>
  );
}
