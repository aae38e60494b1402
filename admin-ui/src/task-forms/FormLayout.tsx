/**
 * How task forms render, on the task page and in the studio's form designer preview alike (so
 * what an analyst previews is what employees see): the uiSchema with labels, enum labels and help
 * texts from the form's `x-crm-*` annotations in the user's language (pickers for lookups, people
 * and attachments from the caller's `pickerOf`), and an ObjectFieldTemplate
 * for our layout — `ui:crm-layout` (titled sections or tabs, 1–3 columns) — and conditions —
 * `ui:crm-showIf: {field, values?}`, the same rule the server applies (forms/data.ts `isShown`):
 * a field is shown when that field has a value (one of `values`, when given).
 */
import type { ObjectFieldTemplateProps, UiSchema } from '@rjsf/utils';
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Label } from '../api/types.js';
import { useI18n, type I18n } from '../i18n/index.js';
import './forms.css';

type Obj = Record<string, unknown>;

export interface FormLike {
  schema: { properties: Record<string, Obj> };
  uiSchema: Obj;
}

export interface ShowIf {
  field: string;
  values?: unknown[];
}

export interface LayoutGroup {
  title: Label;
  columns?: 1 | 2 | 3;
  fields: string[];
}

export interface Layout {
  kind: 'sections' | 'tabs';
  groups: LayoutGroup[];
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

export const showIfOf = (uiSchema: Obj, field: string): ShowIf | undefined => {
  const own = uiSchema[field];
  return typeof own === 'object' && own !== null ? ((own as Obj)['ui:crm-showIf'] as ShowIf | undefined) : undefined;
};

/** Is `field` shown for `data`? (The server's rule, forms/data.ts.) */
export function isShown(uiSchema: Obj, field: string, data: Obj | undefined): boolean {
  const cond = showIfOf(uiSchema, field);
  if (!cond) return true;
  const v = data?.[cond.field];
  if (!cond.values) return filled(v);
  const same = (x: unknown) => cond.values!.some((w) => JSON.stringify(w) === JSON.stringify(x));
  return Array.isArray(v) ? v.some(same) : same(v);
}

/** The data without fields their condition hides (the server neither checks nor takes them). */
export const visibleData = (uiSchema: Obj, data: Obj): Obj => Object.fromEntries(Object.entries(data).filter(([k]) => isShown(uiSchema, k, data)));

/**
 * The form's uiSchema in the user's language: titles from `x-crm-label`, option labels from
 * `x-crm-enum-labels`, help from `x-crm-help` (a plain `ui:help` text stays as written).
 */
export function localUiSchema(form: FormLike, label: I18n['label'], extra: UiSchema = {}, pickerOf?: (prop: Obj) => UiSchema | null): UiSchema {
  const uiSchema: UiSchema = { ...(form.uiSchema as UiSchema), ...extra };
  for (const [name, prop] of Object.entries(form.schema.properties)) {
    const given = uiSchema[name] as Obj | undefined;
    // A picker from the field's annotations (x-crm-lookup, …) unless the uiSchema names a widget.
    const picker = given?.['ui:widget'] || !pickerOf ? null : pickerOf(prop);
    const options = { ...(given?.['ui:options'] as object), ...(picker?.['ui:options'] as object) };
    const own = { ...given, ...picker, ...(Object.keys(options).length ? { 'ui:options': options } : {}), 'ui:title': label(prop['x-crm-label'] as Label, name) } as Obj;
    const enumLabels = prop['x-crm-enum-labels'] as Record<string, Label> | undefined;
    if (Array.isArray(prop.enum) && enumLabels) own['ui:enumNames'] = (prop.enum as unknown[]).map((v) => label(enumLabels[String(v)], String(v)));
    const help = prop['x-crm-help'] as Label | undefined;
    if (help) own['ui:help'] = label(help);
    uiSchema[name] = own;
  }
  return uiSchema;
}

/** The groups of a layout, with fields no group names in a last, untitled group. */
function groupsOf(layout: Layout | undefined, names: string[]): { title?: Label; columns: number; fields: string[] }[] {
  if (!layout || !Array.isArray(layout.groups)) return [{ columns: 1, fields: names }];
  const placed = new Set(layout.groups.flatMap((g) => g.fields));
  const groups = layout.groups.map((g) => ({ title: g.title, columns: g.columns ?? 1, fields: g.fields.filter((f) => names.includes(f)) }));
  const rest = names.filter((n) => !placed.has(n));
  return rest.length ? [...groups, { columns: 1, fields: rest }] : groups;
}

/** rjsf's ObjectFieldTemplate with our layout and conditions (only the form's root object has them). */
export function CrmObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const ui = (props.uiSchema ?? {}) as Obj;
  const data = (props.formData ?? {}) as Obj;
  const byName = new Map(props.properties.map((p) => [p.name, p]));
  const shown = props.properties.filter((p) => !p.hidden && isShown(ui, p.name, data)).map((p) => p.name);
  const errors = (props.errorSchema ?? {}) as Record<string, unknown>;
  return <LayoutGroups layout={ui['ui:crm-layout'] as Layout | undefined} shown={shown} render={(name) => byName.get(name)!.content} invalid={(name) => Boolean(errors[name])} />;
}

export interface LayoutGroupsProps {
  layout: Layout | undefined;
  /** The fields shown, in order (conditions already applied). */
  shown: string[];
  render(name: string): ReactNode;
  /** Does the field have an error? (Its tab is marked.) */
  invalid(name: string): boolean;
}

/**
 * Fields in a layout's groups: titled sections, or tabs (arrow keys, Home and End move between
 * them, as the WAI-ARIA tabs pattern says), each group in 1–3 columns that collapse to one on narrow
 * screens. Task forms and record forms (the records workspace) render through it.
 */
export function LayoutGroups({ layout, shown, render, invalid }: LayoutGroupsProps) {
  const { label, t } = useI18n();
  const base = useId();
  const [tab, setTab] = useState(0);
  const groups = groupsOf(layout, shown);
  const grid = (g: { columns: number; fields: string[] }) => (
    <div className={`crm-form-grid crm-form-cols-${g.columns}`}>
      {g.fields.map((name) => (
        <div key={name} className="crm-form-cell" data-field={name}>
          {render(name)}
        </div>
      ))}
    </div>
  );

  if (layout?.kind === 'tabs' && groups.length > 1) {
    const active = Math.min(tab, groups.length - 1);
    const onKey = (e: KeyboardEvent) => {
      const next = e.key === 'ArrowRight' ? active + 1 : e.key === 'ArrowLeft' ? active - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? groups.length - 1 : null;
      if (next === null) return;
      e.preventDefault();
      const i = (next + groups.length) % groups.length;
      setTab(i);
      document.getElementById(`${base}-tab-${i}`)?.focus();
    };
    return (
      <div className="crm-form-tabs">
        <div role="tablist" className="crm-form-tablist" onKeyDown={onKey}>
          {groups.map((g, i) => {
            const bad = g.fields.some(invalid);
            return (
              <button
                key={i}
                id={`${base}-tab-${i}`}
                type="button"
                role="tab"
                aria-selected={i === active}
                aria-controls={`${base}-panel-${i}`}
                tabIndex={i === active ? 0 : -1}
                className={bad ? 'crm-form-tab has-error' : 'crm-form-tab'}
                onClick={() => setTab(i)}
              >
                {g.title ? label(g.title) : t('studioForms.layout.other')}
                {bad ? <span className="crm-form-sr"> {t('studioForms.layout.hasErrors')}</span> : null}
              </button>
            );
          })}
        </div>
        {groups.map((g, i) => (
          <div key={i} id={`${base}-panel-${i}`} role="tabpanel" aria-labelledby={`${base}-tab-${i}`} hidden={i !== active}>
            {grid(g)}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="crm-form-sections">
      {groups.map((g, i) =>
        g.title ? (
          <fieldset key={i} className="crm-form-section">
            <legend>{label(g.title)}</legend>
            {grid(g)}
          </fieldset>
        ) : (
          <div key={i}>{grid(g)}</div>
        ),
      )}
    </div>
  );
}

/** Pass as rjsf's `templates`. */
export const CRM_FORM_TEMPLATES = { ObjectFieldTemplate: CrmObjectFieldTemplate };
