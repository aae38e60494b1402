/**
 * Documents → compiled model. Pure; assumes a package that validatePackage accepted (it tolerates
 * malformed rules only so far as the validator can reuse `plannedConstraints` on bad input).
 */
import type {
  CompiledEntity,
  CompiledForm,
  FormDocument,
  CompiledField,
  CompiledModel,
  EntityDocument,
  FieldDocument,
  Label,
  MetadataPackage,
  CompiledRole,
  CompiledSecurity,
  RoleDocument,
  SharingDocument,
} from './types.js';
import { SYSTEM_FIELDS } from './types.js';
import { fieldTypes, inferKind } from './field-types/index.js';
import { columnName, constraintName, systemColumn, tableName } from './names.js';
import { pointer } from './json-pointer.js';

/** An index or unique constraint with the JSON Pointer of the rule (or lookup field) it came from. */
export interface PlannedConstraint {
  kind: 'index' | 'unique';
  name: string;
  columns: string[];
  origin: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The declared fields of a document that are objects (the validator reports the others). */
export function declaredFields(doc: EntityDocument): [string, FieldDocument][] {
  if (!isObject(doc.properties)) return [];
  return Object.entries(doc.properties).filter((e): e is [string, FieldDocument] => isObject(e[1]));
}

/** Field name → column, for declared and system fields. */
export function columnsOf(doc: EntityDocument): Map<string, string> {
  const map = new Map<string, string>(SYSTEM_FIELDS.map((f) => [f, systemColumn(f)]));
  for (const [name, field] of declaredFields(doc)) map.set(name, columnName(name, inferKind(field)));
  return map;
}

/**
 * Indexes and unique constraints of an entity, named `ix_<table>_<cols>` / `uq_<table>_<cols>` unless
 * the rule names itself. Every lookup column gets an index unless one already starts with it; an
 * index with the same columns as an earlier index or unique constraint is dropped.
 */
export function plannedConstraints(doc: EntityDocument): PlannedConstraint[] {
  const table = tableName(String(doc['x-crm-entity']));
  const columns = columnsOf(doc);
  const out: PlannedConstraint[] = [];
  const seen = new Set<string>();
  const add = (kind: 'index' | 'unique', rule: unknown, origin: string): void => {
    if (!isObject(rule) || !Array.isArray(rule.fields)) return;
    const cols = rule.fields.map((f) => (typeof f === 'string' ? columns.get(f) : undefined));
    if (cols.length === 0 || cols.some((c) => c === undefined)) return;
    const key = (cols as string[]).join(',');
    if (kind === 'index' && seen.has(key)) return;
    seen.add(key);
    const name = typeof rule.name === 'string' ? rule.name : constraintName(kind === 'index' ? 'ix' : 'uq', table, cols as string[]);
    out.push({ kind, name, columns: cols as string[], origin });
  };
  (Array.isArray(doc['x-crm-unique']) ? doc['x-crm-unique'] : []).forEach((r, i) => add('unique', r, pointer('x-crm-unique', i)));
  (Array.isArray(doc['x-crm-indexes']) ? doc['x-crm-indexes'] : []).forEach((r, i) => add('index', r, pointer('x-crm-indexes', i)));
  for (const [name, field] of declaredFields(doc)) {
    if (inferKind(field) !== 'lookup') continue;
    const col = columns.get(name)!;
    if (out.some((c) => c.columns[0] === col)) continue;
    add('index', { fields: [name] }, pointer('properties', name));
  }
  return out;
}

function compileField(name: string, doc: FieldDocument, required: boolean): CompiledField {
  const kind = inferKind(doc);
  const field: CompiledField = {
    name,
    column: columnName(name, kind),
    kind,
    sqlType: fieldTypes[kind].sqlType(doc),
    label: doc['x-crm-label'],
    required,
    schema: doc,
  };
  if (kind === 'enum') {
    field.enumValues = (doc.enum ?? []).map(String);
    if (doc['x-crm-enum-labels']) field.enumLabels = doc['x-crm-enum-labels'];
    if (doc['x-crm-enum-probabilities']) field.enumProbabilities = doc['x-crm-enum-probabilities'];
    if (doc['x-crm-state-machine']) field.stateMachine = doc['x-crm-state-machine'];
  }
  const lookup = doc['x-crm-lookup'];
  if (kind === 'lookup' && lookup) field.lookup = { entity: lookup.entity, onDelete: lookup.onDelete ?? 'restrict' };
  if (doc['x-crm-readonly']) field.readonly = true;
  if (typeof doc['x-crm-computed'] === 'string') {
    field.computed = doc['x-crm-computed'];
    field.readonly = true;
  }
  return field;
}

/** displayField default: `name` if declared, else the first text field, else `id`. */
function defaultDisplayField(fields: CompiledField[]): string {
  if (fields.some((f) => f.name === 'name')) return 'name';
  return fields.find((f) => f.kind === 'text')?.name ?? 'id';
}

function compileFulltext(doc: EntityDocument, fields: CompiledField[]): Pick<CompiledEntity, 'fulltext'> {
  const rule = doc['x-crm-fulltext'];
  if (!rule) return {};
  const columns = rule.fields.map(({ field, weight }) => ({ column: fields.find((f) => f.name === field)?.column ?? field, weight: weight ?? ('D' as const) }));
  return { fulltext: { columns } };
}

export function compileEntity(doc: EntityDocument): CompiledEntity {
  const required = new Set(doc.required ?? []);
  const fields = declaredFields(doc).map(([name, f]) => compileField(name, f, required.has(name)));
  const constraints = plannedConstraints(doc);
  const label: Label = doc['x-crm-label'];
  return {
    name: doc['x-crm-entity'],
    table: tableName(doc['x-crm-entity']),
    label,
    pluralLabel: doc['x-crm-plural-label'] ?? label,
    displayField: doc['x-crm-display-field'] ?? defaultDisplayField(fields),
    owner: doc['x-crm-owner'] ?? true,
    fields,
    indexes: constraints.filter((c) => c.kind === 'index').map(({ name, columns }) => ({ name, columns })),
    uniques: constraints.filter((c) => c.kind === 'unique').map(({ name, columns }) => ({ name, columns })),
    duplicateRules: doc['x-crm-duplicate-rules'] ?? [],
    ...compileFulltext(doc, fields),
    document: doc,
  };
}

export function compileModel(pkg: MetadataPackage): CompiledModel {
  const entities: Record<string, CompiledEntity> = {};
  for (const doc of pkg.entities) entities[doc['x-crm-entity']] = compileEntity(doc);
  const model: CompiledModel = { entities, views: [...pkg.views], triggers: [...pkg.triggers], security: compileSecurity(pkg.roles ?? [], pkg.sharing ?? []) };
  // Only when there are any: a model without templates stays equal to one stored before they existed.
  if (pkg.templates?.length) model.templates = Object.fromEntries(pkg.templates.map((t) => [t['x-crm-template'], t]));
  if (pkg.documentTemplates?.length) model.documentTemplates = Object.fromEntries(pkg.documentTemplates.map((t) => [t['x-crm-document-template'], t]));
  if (pkg.layouts?.length) model.layouts = Object.fromEntries(pkg.layouts.map((l) => [l['x-crm-ui-layout'], l]));
  if (pkg.forms?.length) model.forms = Object.fromEntries(pkg.forms.map((f) => [f['x-crm-form'], compileForm(f)]));
  return model;
}

/** A form document as the runtime holds it (field order kept apart: a stored model is jsonb). */
export function compileForm(doc: FormDocument): CompiledForm {
  return {
    id: doc['x-crm-form'],
    title: doc.title,
    schema: doc.schema,
    uiSchema: doc.uiSchema ?? {},
    record: { ...(doc.record?.entity ? { entity: doc.record.entity } : {}), fields: doc.record?.fields ?? {}, ...(doc.record?.purposes ? { purposes: doc.record.purposes } : {}), ...(doc.record?.roles ? { roles: doc.record.roles } : {}) },
    order: Object.keys(doc.schema.properties),
  };
}

/** Roles with their ancestors and descendants resolved; sharing documents by entity. Expects a validated package. */
export function compileSecurity(roleDocs: RoleDocument[], sharingDocs: SharingDocument[]): CompiledSecurity {
  const parentOf = new Map(roleDocs.map((r) => [r['x-crm-role'], r.parent ?? null]));
  const ancestorsOf = (key: string): string[] => {
    const out: string[] = [];
    for (let p = parentOf.get(key) ?? null; p !== null && !out.includes(p); p = parentOf.get(p) ?? null) out.push(p);
    return out;
  };
  const roles: Record<string, CompiledRole> = {};
  for (const doc of roleDocs) {
    const key = doc['x-crm-role'];
    roles[key] = { key, label: doc.label, parent: doc.parent ?? null, ancestors: ancestorsOf(key), descendants: [], ...(doc.studio === true ? { studio: true } : {}), ...(doc.description ? { description: doc.description } : {}), permissions: doc.permissions };
  }
  for (const role of Object.values(roles)) for (const a of role.ancestors) roles[a]?.descendants.push(role.key);
  const sharing: Record<string, SharingDocument> = {};
  for (const doc of sharingDocs) sharing[doc['x-crm-sharing']] = doc;
  return { roles, defaultRole: roleDocs.find((r) => r.default === true)?.['x-crm-role'] ?? null, sharing };
}

/** The policy of a model stored before roles and sharing existed: no roles, every entity public. */
export const EMPTY_SECURITY: CompiledSecurity = { roles: {}, defaultRole: null, sharing: {} };
