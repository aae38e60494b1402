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

const isLabel = (v: unknown) => isObject(v) && isString(v['zh-CN']) && v['zh-CN'] !== '' && isString(v.en) && v.en !== '';

/**
 * The problems of one form document that passed its meta-schema, without other documents (its
 * entity is checked by checkForms). `report(path, message)`; `ajv` compiles the data schema.
 */
export function formDocumentIssues(doc: FormDocument, report: (path: string, message: string) => void, ajv: Ajv2020 = createAjv()): ValidateFunction | null {
  const fields = doc.schema.properties;
  const has = (name: unknown): name is string => isString(name) && Object.hasOwn(fields, name);
  for (const [recordField, formField] of Object.entries(doc.record?.fields ?? {}))
    if (!has(formField)) report(pointer('record', 'fields', recordField), `names no top-level field of the form's schema: ${formField}`);
  (doc.schema.required ?? []).forEach((name, i) => {
    if (!has(name)) report(pointer('schema', 'required', i), `names no field of the form: ${name}`);
  });

  const ui = doc.uiSchema ?? {};
  const widgets: readonly string[] = isRecordForm(doc) ? Object.keys(RECORD_FORM_WIDGETS) : FORM_WIDGETS;
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:')) continue;
    if (!has(key)) {
      report(pointer('uiSchema', key), `names no field of the form's schema: ${key}`);
      continue;
    }
    if (!isObject(value)) {
      report(pointer('uiSchema', key), 'must be an object (the field\'s ui options)');
      continue;
    }
    const widget = value['ui:widget'];
    if (widget !== undefined && !(isString(widget) && widgets.includes(widget)))
      report(pointer('uiSchema', key, 'ui:widget'), `unknown widget ${JSON.stringify(widget)}: one of ${widgets.join(', ')}`);
    if (value['ui:help'] !== undefined && !isString(value['ui:help'])) report(pointer('uiSchema', key, 'ui:help'), 'must be a text (for a help text in both languages use x-crm-help in the schema)');
    const cond = value['ui:crm-showIf'];
    if (cond !== undefined) {
      const at = pointer('uiSchema', key, 'ui:crm-showIf');
      if (!isObject(cond) || !isString(cond.field)) report(at, 'must be {field, values?}: shown when that field has a value (one of values, when given)');
      else if (!has(cond.field) || cond.field === key) report(pointer('uiSchema', key, 'ui:crm-showIf', 'field'), cond.field === key ? 'a field cannot depend on itself' : `names no field of the form: ${cond.field}`);
      else if (cond.values !== undefined && (!Array.isArray(cond.values) || cond.values.length === 0)) report(pointer('uiSchema', key, 'ui:crm-showIf', 'values'), 'must be a non-empty list of values');
      else if (isObject(ui[cond.field]) && (ui[cond.field] as Record<string, unknown>)['ui:crm-showIf'] !== undefined)
        report(pointer('uiSchema', key, 'ui:crm-showIf', 'field'), `${cond.field} is itself conditional: depend on a field that is always shown`);
      if ((doc.schema.required ?? []).includes(key)) report(pointer('uiSchema', key, 'ui:crm-showIf'), `${key} is required, so it cannot be hidden: remove it from required (or require it in the schema with if/then on the same condition)`);
    }
  }
  const order = ui['ui:order'];
  if (order !== undefined) {
    if (!Array.isArray(order)) report('/uiSchema/ui:order', 'must be a list of field names');
    else order.forEach((name, i) => {
      if (name !== '*' && !has(name)) report(pointer('uiSchema', 'ui:order', i), `names no field of the form: ${String(name)}`);
    });
  }
  const layout = ui['ui:crm-layout'];
  if (layout !== undefined) checkLayout(layout, has, report);

  try {
    return compileFormSchema(ajv, doc.schema);
  } catch (e) {
    report('/schema', `not a valid JSON Schema: ${(e as Error).message}`);
    return null;
  }
}

function checkLayout(layout: unknown, has: (name: unknown) => boolean, report: (path: string, message: string) => void): void {
  const at = '/uiSchema/ui:crm-layout';
  if (!isObject(layout)) return report(at, 'must be {kind: sections|tabs, groups: [{title, columns?, fields}]}');
  if (!(FORM_LAYOUT_KINDS as readonly unknown[]).includes(layout.kind)) report(`${at}/kind`, `must be one of: ${FORM_LAYOUT_KINDS.join(', ')}`);
  if (!Array.isArray(layout.groups) || layout.groups.length === 0) return report(`${at}/groups`, 'must be a non-empty list of groups');
  const placed = new Map<string, number>();
  layout.groups.forEach((g: unknown, i: number) => {
    const gp = `${at}/groups/${i}`;
    if (!isObject(g)) return report(gp, 'must be {title, columns?, fields}');
    if (!isLabel(g.title)) report(`${gp}/title`, 'must be a label in zh-CN and en');
    if (g.columns !== undefined && ![1, 2, 3].includes(g.columns as number)) report(`${gp}/columns`, 'must be 1, 2 or 3');
    if (!Array.isArray(g.fields)) return report(`${gp}/fields`, 'must be a list of field names');
    g.fields.forEach((name: unknown, j: number) => {
      if (!has(name)) report(`${gp}/fields/${j}`, `names no field of the form: ${String(name)}`);
      else if (placed.has(name as string)) report(`${gp}/fields/${j}`, `${String(name)} is already in group ${placed.get(name as string)! + 1}`);
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
    if (ids.has(id)) ctx.report(file, '/x-crm-form', `"${id}" is already defined in ${ids.get(id)}`);
    else ids.set(id, file);
    formDocumentIssues(doc, (path, message) => ctx.report(file, path, message), ajv);
    for (const [name, prop] of Object.entries(doc.schema.properties)) {
      const looked = (prop['x-crm-lookup'] as { entity?: unknown } | undefined)?.entity;
      if (isString(looked) && !ctx.entities.has(looked)) ctx.report(file, pointer('schema', 'properties', name, 'x-crm-lookup', 'entity'), `unknown entity "${looked}"`);
    }
    const record = doc.record;
    if (!record) return;
    const entity = ctx.entities.get(record.entity);
    if (!entity) return ctx.report(file, '/record/entity', `unknown entity "${record.entity}"`);
    for (const recordField of Object.keys(record.fields ?? {})) {
      const target = entity.fields.get(recordField);
      if (!target) ctx.report(file, pointer('record', 'fields', recordField), `${record.entity} has no field ${recordField}`);
      else if (isString(target.doc['x-crm-computed'])) ctx.report(file, pointer('record', 'fields', recordField), `${record.entity}.${recordField} is computed and cannot be written`);
    }
    if (record.purposes) {
      recordFormIssues(doc, record.entity, entity, (path, message) => ctx.report(file, path, message));
      if (record.roles) {
        const claimed = byRole.get(record.entity) ?? byRole.set(record.entity, new Map()).get(record.entity)!;
        checkRoleClaims(ctx, file, record.roles, ['record', 'roles'], record.purposes, claimed, (role, purpose, other) => `role "${role}" already has a ${record.entity} ${purpose} form: ${other}`);
      } else
        record.purposes.forEach((purpose, j) => {
          const key = `${record.entity}/${purpose}`;
          const other = defaults.get(key);
          if (other) ctx.report(file, pointer('record', 'purposes', j), `${record.entity} already has a ${purpose} form for everyone (without roles): ${other} — give one of them roles`);
          else defaults.set(key, file);
        });
    }
  });
}

/** The fields a person edits on an entity's pages: declared, neither read-only nor computed. */
const isWritable = (doc: Record<string, unknown>) => doc['x-crm-readonly'] !== true && doc['x-crm-computed'] === undefined;

/** A record form against its entity: its own writable fields, widgets that suit them, every required field on a create form. */
function recordFormIssues(doc: FormDocument, name: string, entity: EntityInfo, report: (path: string, message: string) => void): void {
  const fields = doc.schema.properties;
  const ui = doc.uiSchema ?? {};
  for (const field of Object.keys(fields)) {
    const info = entity.fields.get(field);
    if (!info) report(pointer('schema', 'properties', field), `${name} has no field ${field}`);
    else if (!isWritable(info.doc as Record<string, unknown>)) report(pointer('schema', 'properties', field), `${name}.${field} is read-only: a form holds the fields a person edits`);
    else {
      const widget = (ui[field] as Record<string, unknown> | undefined)?.['ui:widget'];
      const suits = isString(widget) ? RECORD_FORM_WIDGETS[widget] : undefined;
      if (suits && !suits.includes(info.kind)) report(pointer('uiSchema', field, 'ui:widget'), `${widget} does not suit ${field} (a ${info.kind} field): it suits ${suits.join(', ')} fields`);
    }
  }
  if (!doc.record?.purposes?.includes('create')) return;
  for (const field of entity.doc.required ?? []) {
    const info = entity.fields.get(field);
    if (!info || !isWritable(info.doc as Record<string, unknown>)) continue;
    if (!Object.hasOwn(fields, field)) report('/schema/properties', `${name}.${field} is required, so the create form must place it`);
    else if (isObject(ui[field]) && (ui[field] as Record<string, unknown>)['ui:crm-showIf'] !== undefined)
      report(pointer('uiSchema', field, 'ui:crm-showIf'), `${name}.${field} is required, so the create form cannot hide it`);
  }
}
