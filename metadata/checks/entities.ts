/** Cross-document checks of entity documents (what the entity meta-schema cannot say). */
import type { EntityDocument, FieldDocument } from '../types.js';
import { declaredTypes, fieldTypes, inferKind } from '../field-types/index.js';
import { columnsOf, plannedConstraints } from '../compile.js';
import { SQL_IDENTIFIER, isSystemField, tableName } from '../names.js';
import { pointer } from '../json-pointer.js';
import type { CheckContext, EntityInfo } from './context.js';
import { isObject, isString } from './context.js';
import { checkComputedFields } from './computed.js';
import type { IssueText } from '../issue-texts/index.js';

const unknownField = (field: string): IssueText => ({ code: 'unknown-field', params: { field } });
const notEnumValue = (value: unknown): IssueText => ({ code: 'not-enum-value', params: { value: String(value) } });

export function checkEntities(ctx: CheckContext): void {
  const tables = new Map<string, string>();
  ctx.pkg.entities.forEach((doc, i) => {
    const file = ctx.fileOf('entities', i);
    if (!isObject(doc)) return;
    const name = doc['x-crm-entity'];
    if (!isString(name)) return;
    const owner = ctx.entities.get(name);
    if (owner && owner.doc !== doc) {
      ctx.report(file, '/x-crm-entity', { code: 'entity-already-defined', params: { entity: name, other: owner.file } });
      return;
    }
    const table = tableName(name);
    if (tables.has(table)) ctx.report(file, '/x-crm-entity', { code: 'entity-table-taken', params: { table, entity: tables.get(table)! } });
    else tables.set(table, name);
    if (isString(doc.$id) && doc.$id !== `crm:entity/${name}`) ctx.report(file, '/$id', { code: 'must-be', params: { value: JSON.stringify(`crm:entity/${name}`) } });
    if (owner) checkEntity(ctx, file, owner);
  });
  checkConstraintNames(ctx);
}

function checkEntity(ctx: CheckContext, file: string, entity: EntityInfo): void {
  const { doc, fields } = entity;
  const known = (f: unknown): boolean => isString(f) && (fields.has(f) || isSystemField(f));
  if (Array.isArray(doc.required)) {
    doc.required.forEach((r, i) => {
      if (isString(r) && !fields.has(r)) ctx.report(file, pointer('required', i), { code: 'required-not-a-field', params: { field: r } });
    });
  }
  const display = doc['x-crm-display-field'];
  if (isString(display) && !known(display)) ctx.report(file, '/x-crm-display-field', unknownField(display));
  for (const key of ['x-crm-indexes', 'x-crm-unique'] as const) {
    const rules = doc[key];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (!isObject(rule) || !Array.isArray(rule.fields)) return;
      rule.fields.forEach((f, j) => {
        if (isString(f) && !known(f)) ctx.report(file, pointer(key, i, 'fields', j), unknownField(f));
      });
    });
  }
  checkDuplicateRules(ctx, file, doc, fields);
  checkFulltext(ctx, file, doc, fields);
  checkLayout(ctx, file, doc['x-crm-layout'], fields, ['x-crm-layout']);
  checkColumns(ctx, file, doc);
  for (const [name, info] of fields) checkField(ctx, file, name, info.doc, doc);
  checkComputedFields(ctx, file, entity);
}

function checkDuplicateRules(ctx: CheckContext, file: string, doc: EntityDocument, fields: EntityInfo['fields']): void {
  const rules = doc['x-crm-duplicate-rules'];
  if (!Array.isArray(rules)) return;
  const names = new Set<string>();
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    if (isString(rule.name)) {
      if (names.has(rule.name)) ctx.report(file, pointer('x-crm-duplicate-rules', i, 'name'), { code: 'duplicate-rule-twice', params: { rule: rule.name } });
      names.add(rule.name);
    }
    if (!Array.isArray(rule.fields)) return;
    rule.fields.forEach((part, j) => {
      if (isObject(part) && isString(part.field) && !fields.has(part.field)) {
        ctx.report(file, pointer('x-crm-duplicate-rules', i, 'fields', j, 'field'), unknownField(part.field));
      }
    });
  });
}

/** Full-text fields: declared text fields (or enums), each once. */
function checkFulltext(ctx: CheckContext, file: string, doc: EntityDocument, fields: EntityInfo['fields']): void {
  const rule = doc['x-crm-fulltext'];
  if (!isObject(rule) || !Array.isArray(rule.fields)) return;
  const seen = new Set<string>();
  rule.fields.forEach((part, i) => {
    if (!isObject(part) || !isString(part.field)) return;
    const path = pointer('x-crm-fulltext', 'fields', i, 'field');
    const info = fields.get(part.field);
    if (!info) ctx.report(file, path, unknownField(part.field));
    else if (!['text', 'enum'].includes(inferKind(info.doc))) ctx.report(file, path, { code: 'fulltext-not-text', params: { field: part.field } });
    else if (seen.has(part.field)) ctx.report(file, path, { code: 'listed-twice', params: { field: part.field } });
    seen.add(part.field);
  });
}

/** Layout sections (at `base` of the file): declared fields, each in one section; section keys unique. */
export function checkLayout(ctx: CheckContext, file: string, layout: unknown, fields: EntityInfo['fields'], base: (string | number)[]): void {
  if (!isObject(layout) || !Array.isArray(layout.sections)) return;
  const placed = new Map<string, string>();
  const keys = new Set<string>();
  layout.sections.forEach((section, i) => {
    if (!isObject(section)) return;
    if (isString(section.key)) {
      if (keys.has(section.key)) ctx.report(file, pointer(...base, 'sections', i, 'key'), { code: 'section-twice', params: { section: section.key } });
      keys.add(section.key);
    }
    if (!Array.isArray(section.fields)) return;
    section.fields.forEach((field, j) => {
      if (!isString(field)) return;
      const path = pointer(...base, 'sections', i, 'fields', j);
      if (!fields.has(field)) ctx.report(file, path, unknownField(field));
      else if (placed.has(field)) ctx.report(file, path, { code: 'field-in-section', params: { field, section: placed.get(field)! } });
      else placed.set(field, String(section.key));
    });
  });
}

/** Two fields (or a field and a system field) must not map to the same column; columns must be valid identifiers. */
function checkColumns(ctx: CheckContext, file: string, doc: EntityDocument): void {
  const byColumn = new Map<string, string>();
  for (const [field, column] of columnsOf(doc)) {
    const path = isSystemField(field) ? '/properties' : pointer('properties', field);
    const other = byColumn.get(column);
    if (other !== undefined) {
      ctx.report(file, path, { code: isSystemField(other) ? 'column-of-system-field' : 'column-of-field', params: { field, column, other } });
    } else byColumn.set(column, field);
    if (!SQL_IDENTIFIER.test(column)) ctx.report(file, path, { code: 'bad-column-name', params: { column } });
  }
}

function checkField(ctx: CheckContext, file: string, name: string, field: FieldDocument, doc: EntityDocument): void {
  const at = (...rest: (string | number)[]): string => pointer('properties', name, ...rest);
  const kind = inferKind(field);
  const allowed = fieldTypes[kind].jsonTypes;
  const bad = declaredTypes(field).filter((t) => !allowed.includes(t));
  if (bad.length > 0 && typeof field.type !== 'undefined') {
    ctx.report(file, at('type'), { code: 'json-type-misfit', params: { types: bad.map((t) => `"${t}"`), kind, allowed } });
  }
  const lookup = field['x-crm-lookup'];
  if (lookup !== undefined && kind !== 'lookup') ctx.report(file, at('x-crm-lookup'), { code: 'lookup-on-non-lookup', params: { kind } });
  if (kind === 'lookup' && isObject(lookup) && isString(lookup.entity)) {
    if (!ctx.entities.has(lookup.entity)) ctx.report(file, at('x-crm-lookup', 'entity'), { code: 'unknown-entity', params: { entity: lookup.entity } });
    if (lookup.onDelete === 'set-null' && Array.isArray(doc.required) && doc.required.includes(name)) {
      ctx.report(file, at('x-crm-lookup', 'onDelete'), { code: 'required-lookup-set-null' });
    }
  }
  if (kind === 'attachment' && !ctx.entities.has('attachment')) ctx.report(file, at('x-crm-type'), { code: 'attachment-entity-missing' });
  const values = Array.isArray(field.enum) ? field.enum : undefined;
  const labels = field['x-crm-enum-labels'];
  if (labels !== undefined && kind !== 'enum') ctx.report(file, at('x-crm-enum-labels'), { code: 'labels-on-non-enum', params: { kind } });
  if (kind === 'enum' && values && isObject(labels)) {
    for (const v of Object.keys(labels)) if (!values.includes(v)) ctx.report(file, at('x-crm-enum-labels', v), notEnumValue(v));
    for (const v of values) if (!(String(v) in labels)) ctx.report(file, at('x-crm-enum-labels'), { code: 'enum-value-no-label', params: { value: String(v) } });
  }
  const probabilities = field['x-crm-enum-probabilities'];
  if (probabilities !== undefined && kind !== 'enum') ctx.report(file, at('x-crm-enum-probabilities'), { code: 'probabilities-on-non-enum', params: { kind } });
  if (kind === 'enum' && values && isObject(probabilities)) {
    for (const v of Object.keys(probabilities)) if (!values.includes(v)) ctx.report(file, at('x-crm-enum-probabilities', v), notEnumValue(v));
    for (const v of values) if (!(String(v) in probabilities)) ctx.report(file, at('x-crm-enum-probabilities'), { code: 'enum-value-no-probability', params: { value: String(v) } });
  }
  if (values && field.default !== undefined && field.default !== null && !values.includes(field.default)) {
    ctx.report(file, at('default'), { code: 'default-not-enum-value' });
  }
  const machine = field['x-crm-state-machine'];
  if (machine === undefined) return;
  if (kind !== 'enum' || !values) {
    ctx.report(file, at('x-crm-state-machine'), { code: 'state-machine-not-enum', params: { kind } });
    return;
  }
  if (!isObject(machine)) return;
  const state = (s: unknown): boolean => values.includes(s);
  if (machine.initial !== undefined && !state(machine.initial)) ctx.report(file, at('x-crm-state-machine', 'initial'), notEnumValue(machine.initial));
  if (!isObject(machine.transitions)) return;
  for (const [from, targets] of Object.entries(machine.transitions)) {
    if (!state(from)) ctx.report(file, at('x-crm-state-machine', 'transitions', from), notEnumValue(from));
    if (!Array.isArray(targets)) continue;
    targets.forEach((to, i) => {
      if (!state(to)) ctx.report(file, at('x-crm-state-machine', 'transitions', from, i), notEnumValue(to));
    });
  }
}

/** Index and constraint names share one namespace in the `crm` schema. */
function checkConstraintNames(ctx: CheckContext): void {
  const used = new Map<string, string>();
  for (const [entityName, info] of ctx.entities) {
    for (const c of plannedConstraints(info.doc)) {
      const other = used.get(c.name);
      if (other !== undefined) ctx.report(info.file, c.origin, { code: c.kind === 'index' ? 'index-name-taken' : 'unique-name-taken', params: { name: c.name, entity: other } });
      else used.set(c.name, entityName);
      if (!SQL_IDENTIFIER.test(c.name)) ctx.report(info.file, c.origin, { code: c.kind === 'index' ? 'index-name-invalid' : 'unique-name-invalid', params: { name: c.name } });
    }
  }
}
