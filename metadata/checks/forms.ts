/**
 * Checks of forms beyond their meta-schema: the data schema compiles; the record mapping names
 * fields of the form and of its entity; the uiSchema names only the form's fields, widgets the task
 * page (or, for a record form, the record page) has, a layout (`ui:crm-layout`) that places each
 * field once, and conditions (`ui:crm-showIf`) on other fields of the form. A record form's fields
 * are writable fields of its entity, its create form places every required one (unconditionally),
 * its roles are known, and per entity and purpose there is one record form without roles (the
 * default) and one per role at most. Every problem is a JSON Pointer into the document.
 */
import { createAjv, type Ajv2020, type ValidateFunction } from '../ajv.js';
import { pointer } from '../json-pointer.js';
import { isRecordForm, type FieldKind, type FormDocument } from '../types.js';
import type { IssueText } from '../issue-texts/index.js';
import type { CheckContext, EntityInfo } from './context.js';
import { checkRoleClaims, isObject, isString } from './context.js';

/**
 * The widgets a form may name in `ui:widget`: react-jsonschema-form's own, and ours (`crm:*`,
 * registered by the task page). The studio's widget chooser offers this list.
 */
export const FORM_WIDGETS = [
  'text', 'textarea', 'password', 'email', 'uri', 'color', 'updown', 'range',
  'radio', 'select', 'checkbox', 'checkboxes', 'date', 'datetime', 'time', 'alt-date', 'alt-datetime', 'hidden', 'file',
  // The pickers (forms/README.md, "Pickers"); the x-crm-lookup / x-crm-user / x-crm-attachment annotations choose them too.
  'crm:lookup', 'crm:user', 'crm:attachment',
] as const;

/**
 * The widgets a record form may name in `ui:widget`, each with the field kinds it suits (the
 * records workspace's form offers them; a field without one gets its kind's input).
 */
export const RECORD_FORM_WIDGETS: Readonly<Record<string, readonly FieldKind[]>> = {
  textarea: ['text'],
  radio: ['enum'],
};

/** Layout kinds of `ui:crm-layout`: titled sections one below the other, or tabs. */
export const FORM_LAYOUT_KINDS = ['sections', 'tabs'] as const;

/** Every `x-crm-*` member anywhere in a schema (annotations: labels, help texts, …). */
function annotationKeywords(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => annotationKeywords(v, found));
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('x-crm-')) found.add(k);
      else annotationKeywords(v, found);
    }
  return found;
}

/** Compile a form's data schema; x-crm-* members are annotations ajv keeps but does not check. */
export function compileFormSchema(ajv: Ajv2020, schema: object): ValidateFunction {
  for (const keyword of annotationKeywords(schema)) if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword, metaSchema: {} });
  return ajv.compile(schema);
}

/** Where in a form document (a JSON Pointer) and what is wrong there. */
export type Report = (path: string, text: IssueText) => void;

const noField = (name: unknown): IssueText => ({ code: 'form-no-field', params: { field: String(name) } });

const isLabel = (v: unknown) => isObject(v) && isString(v['zh-CN']) && v['zh-CN'] !== '' && isString(v.en) && v.en !== '';

/**
 * The problems of one form document that passed its meta-schema, without other documents (its
 * entity is checked by checkForms). `report(path, text)`; `ajv` compiles the data schema.
 */
export function formDocumentIssues(doc: FormDocument, report: Report, ajv: Ajv2020 = createAjv()): ValidateFunction | null {
  const fields = doc.schema.properties;
  const has = (name: unknown): name is string => isString(name) && Object.hasOwn(fields, name);
  for (const [recordField, formField] of Object.entries(doc.record?.fields ?? {}))
    if (!has(formField)) report(pointer('record', 'fields', recordField), { code: 'form-record-field-unknown', params: { field: String(formField) } });
  (doc.schema.required ?? []).forEach((name, i) => {
    if (!has(name)) report(pointer('schema', 'required', i), noField(name));
  });

  const ui = doc.uiSchema ?? {};
  const widgets: readonly string[] = isRecordForm(doc) ? Object.keys(RECORD_FORM_WIDGETS) : FORM_WIDGETS;
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:')) continue;
    if (!has(key)) {
      report(pointer('uiSchema', key), { code: 'form-ui-no-field', params: { field: key } });
      continue;
    }
    if (!isObject(value)) {
      report(pointer('uiSchema', key), { code: 'form-ui-not-object' });
      continue;
    }
    const widget = value['ui:widget'];
    if (widget !== undefined && !(isString(widget) && widgets.includes(widget)))
      report(pointer('uiSchema', key, 'ui:widget'), { code: 'form-unknown-widget', params: { widget: JSON.stringify(widget), widgets } });
    if (value['ui:help'] !== undefined && !isString(value['ui:help'])) report(pointer('uiSchema', key, 'ui:help'), { code: 'form-help-not-text' });
    const cond = value['ui:crm-showIf'];
    if (cond !== undefined) {
      const at = pointer('uiSchema', key, 'ui:crm-showIf');
      if (!isObject(cond) || !isString(cond.field)) report(at, { code: 'form-show-if-shape' });
      else if (!has(cond.field) || cond.field === key) report(pointer('uiSchema', key, 'ui:crm-showIf', 'field'), cond.field === key ? { code: 'form-show-if-self' } : noField(cond.field));
      else if (cond.values !== undefined && (!Array.isArray(cond.values) || cond.values.length === 0)) report(pointer('uiSchema', key, 'ui:crm-showIf', 'values'), { code: 'form-show-if-values' });
      else if (isObject(ui[cond.field]) && (ui[cond.field] as Record<string, unknown>)['ui:crm-showIf'] !== undefined)
        report(pointer('uiSchema', key, 'ui:crm-showIf', 'field'), { code: 'form-show-if-conditional', params: { field: cond.field } });
      if ((doc.schema.required ?? []).includes(key)) report(pointer('uiSchema', key, 'ui:crm-showIf'), { code: 'form-required-hidden', params: { field: key } });
    }
  }
  const order = ui['ui:order'];
  if (order !== undefined) {
    if (!Array.isArray(order)) report('/uiSchema/ui:order', { code: 'form-field-list' });
    else order.forEach((name, i) => {
      if (name !== '*' && !has(name)) report(pointer('uiSchema', 'ui:order', i), noField(name));
    });
  }
  const layout = ui['ui:crm-layout'];
  if (layout !== undefined) checkLayout(layout, has, report);

  try {
    return compileFormSchema(ajv, doc.schema);
  } catch (e) {
    report('/schema', { code: 'bad-json-schema', params: { detail: (e as Error).message } });
    return null;
  }
}

function checkLayout(layout: unknown, has: (name: unknown) => boolean, report: Report): void {
  const at = '/uiSchema/ui:crm-layout';
  if (!isObject(layout)) return report(at, { code: 'form-layout-shape' });
  if (!(FORM_LAYOUT_KINDS as readonly unknown[]).includes(layout.kind)) report(`${at}/kind`, { code: 'one-of', params: { allowed: FORM_LAYOUT_KINDS } });
  if (!Array.isArray(layout.groups) || layout.groups.length === 0) return report(`${at}/groups`, { code: 'form-layout-no-groups' });
  const placed = new Map<string, number>();
  layout.groups.forEach((g: unknown, i: number) => {
    const gp = `${at}/groups/${i}`;
    if (!isObject(g)) return report(gp, { code: 'form-layout-group-shape' });
    if (!isLabel(g.title)) report(`${gp}/title`, { code: 'form-layout-label' });
    if (g.columns !== undefined && ![1, 2, 3].includes(g.columns as number)) report(`${gp}/columns`, { code: 'form-layout-columns' });
    if (!Array.isArray(g.fields)) return report(`${gp}/fields`, { code: 'form-field-list' });
    g.fields.forEach((name: unknown, j: number) => {
      if (!has(name)) report(`${gp}/fields/${j}`, noField(name));
      else if (placed.has(name as string)) report(`${gp}/fields/${j}`, { code: 'form-layout-field-placed', params: { field: String(name), group: placed.get(name as string)! + 1 } });
      else placed.set(name as string, i);
    });
  });
}

export function checkForms(ctx: CheckContext): void {
  const ids = new Map<string, string>();
  /** `entity/purpose` → the file of the default record form (one without roles) that has it. */
  const defaults = new Map<string, string>();
  /** Per entity: `purpose role` → the file of the record form that has it for that role. */
  const byRole = new Map<string, Map<string, string>>();
  const ajv = createAjv();
  ctx.pkg.forms.forEach((doc, i) => {
    if (!isObject(doc) || !ctx.schemaValid.has(doc)) return;
    const file = ctx.fileOf('forms', i);
    const id = doc['x-crm-form'];
    if (ids.has(id)) ctx.report(file, '/x-crm-form', { code: 'already-defined', params: { name: id, other: ids.get(id)! } });
    else ids.set(id, file);
    formDocumentIssues(doc, (path, text) => ctx.report(file, path, text), ajv);
    for (const [name, prop] of Object.entries(doc.schema.properties)) {
      const looked = (prop['x-crm-lookup'] as { entity?: unknown } | undefined)?.entity;
      if (isString(looked) && !ctx.entities.has(looked)) ctx.report(file, pointer('schema', 'properties', name, 'x-crm-lookup', 'entity'), { code: 'unknown-entity', params: { entity: looked } });
    }
    const record = doc.record;
    if (!record) return;
    const entity = ctx.entities.get(record.entity);
    if (!entity) return ctx.report(file, '/record/entity', { code: 'unknown-entity', params: { entity: record.entity } });
    for (const recordField of Object.keys(record.fields ?? {})) {
      const target = entity.fields.get(recordField);
      const params = { entity: record.entity, field: recordField };
      if (!target) ctx.report(file, pointer('record', 'fields', recordField), { code: 'form-entity-no-field', params });
      else if (isString(target.doc['x-crm-computed'])) ctx.report(file, pointer('record', 'fields', recordField), { code: 'form-record-field-computed', params });
    }
    if (record.purposes) {
      recordFormIssues(doc, record.entity, entity, (path, text) => ctx.report(file, path, text));
      if (record.roles) {
        const claimed = byRole.get(record.entity) ?? byRole.set(record.entity, new Map()).get(record.entity)!;
        checkRoleClaims(ctx, file, record.roles, ['record', 'roles'], record.purposes, claimed, (role, purpose, other) => ({
          code: purpose === 'create' ? 'form-role-taken-create' : 'form-role-taken-edit',
          params: { role, entity: record.entity, purpose, other },
        }));
      } else
        record.purposes.forEach((purpose, j) => {
          const key = `${record.entity}/${purpose}`;
          const other = defaults.get(key);
          if (other) ctx.report(file, pointer('record', 'purposes', j), { code: purpose === 'create' ? 'form-default-taken-create' : 'form-default-taken-edit', params: { entity: record.entity, purpose, other } });
          else defaults.set(key, file);
        });
    }
  });
}

/** The fields a person edits on an entity's pages: declared, neither read-only nor computed. */
const isWritable = (doc: Record<string, unknown>) => doc['x-crm-readonly'] !== true && doc['x-crm-computed'] === undefined;

/** A record form against its entity: its own writable fields, widgets that suit them, every required field on a create form. */
function recordFormIssues(doc: FormDocument, name: string, entity: EntityInfo, report: Report): void {
  const fields = doc.schema.properties;
  const ui = doc.uiSchema ?? {};
  for (const field of Object.keys(fields)) {
    const info = entity.fields.get(field);
    if (!info) report(pointer('schema', 'properties', field), { code: 'form-entity-no-field', params: { entity: name, field } });
    else if (!isWritable(info.doc as Record<string, unknown>)) report(pointer('schema', 'properties', field), { code: 'form-field-read-only', params: { entity: name, field } });
    else {
      const widget = (ui[field] as Record<string, unknown> | undefined)?.['ui:widget'];
      const suits = isString(widget) ? RECORD_FORM_WIDGETS[widget] : undefined;
      if (suits && !suits.includes(info.kind)) report(pointer('uiSchema', field, 'ui:widget'), { code: 'form-widget-unsuited', params: { widget: String(widget), field, kind: info.kind, suits } });
    }
  }
  if (!doc.record?.purposes?.includes('create')) return;
  for (const field of entity.doc.required ?? []) {
    const info = entity.fields.get(field);
    if (!info || !isWritable(info.doc as Record<string, unknown>)) continue;
    if (!Object.hasOwn(fields, field)) report('/schema/properties', { code: 'form-create-missing-required', params: { entity: name, field } });
    else if (isObject(ui[field]) && (ui[field] as Record<string, unknown>)['ui:crm-showIf'] !== undefined)
      report(pointer('uiSchema', field, 'ui:crm-showIf'), { code: 'form-create-hides-required', params: { entity: name, field } });
  }
}
