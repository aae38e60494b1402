/**
 * Fields as the designer edits them ↔ the entity document's JSON Schema (metadata/README.md): a
 * kind, labels, the kind's settings, and the entity-level rules that name the field (required,
 * unique rule, duplicate rule). Editing keeps every member of the field the dialog does not show.
 */
import type { DuplicateRuleDoc, EntityDoc, FieldDoc } from '../api/studioModel.js';
import type { Label } from '../api/types.js';

export const FIELD_KINDS = ['text', 'email', 'phone', 'url', 'integer', 'number', 'money', 'percent', 'boolean', 'date', 'datetime', 'enum', 'lookup', 'json', 'attachment', 'computed'] as const;
/** A kind as the dialog offers it: the stored kinds, and `computed` (one of COMPUTED_KINDS with an expression). */
export type FieldKind = (typeof FIELD_KINDS)[number];
type StoredKind = Exclude<FieldKind, 'computed'>;
/** What a computed field may hold (metadata/computed.ts). */
export const COMPUTED_KINDS = ['number', 'integer', 'money', 'percent', 'text', 'boolean', 'date'] as const satisfies readonly StoredKind[];
export type ComputedKind = (typeof COMPUTED_KINDS)[number];
export const NORMALISERS = ['exact', 'lower', 'name', 'phone', 'email', 'taxId'] as const;
export const NAME_PATTERN = /^[a-z][a-zA-Z0-9]{0,40}$/;
export const RESERVED = ['id', 'version', 'ownerId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy'];

export interface EnumValue {
  value: string;
  label: Label;
}

export interface FieldForm {
  name: string;
  kind: FieldKind;
  label: Label;
  required: boolean;
  unique: boolean;
  /** Normalisation of a one-field duplicate rule on this field; '' = none. */
  duplicate: string;
  maxLength: string;
  enumValues: EnumValue[];
  lookupEntity: string;
  /** '' = not stated (the default, restrict). */
  onDelete: '' | 'restrict' | 'set-null';
  readonly: boolean;
  /** A computed field's FEEL expression (x-crm-computed) and the kind of its value. */
  expression: string;
  computedKind: ComputedKind;
  /** An attachment field holding several files (`type: "array"`), else one. */
  multiple: boolean;
}

/** The kind a field document declares or implies (the same inference as metadata/field-types); `computed` when it has an expression. */
export function kindOf(f: FieldDoc): FieldKind {
  return typeof f['x-crm-computed'] === 'string' ? 'computed' : storedKindOf(f);
}

/** The kind of the value a field holds (a computed field's too). */
function storedKindOf(f: FieldDoc): StoredKind {
  const declared = f['x-crm-type'];
  if (typeof declared === 'string' && declared !== 'computed' && (FIELD_KINDS as readonly string[]).includes(declared)) return declared as StoredKind;
  if (f['x-crm-lookup']) return 'lookup';
  if (Array.isArray(f.enum)) return 'enum';
  const format = f.format;
  if (format === 'email') return 'email';
  if (format === 'date') return 'date';
  if (format === 'date-time') return 'datetime';
  if (format === 'uri' || format === 'url') return 'url';
  const type = Array.isArray(f.type) ? f.type[0] : f.type;
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'object' || type === 'array') return 'json';
  return 'text';
}

/** An attachment field of several files declares JSON type array. */
const holdsSeveral = (f: FieldDoc) => f.type === 'array' || (Array.isArray(f.type) && f.type.includes('array'));

const isSingleRule = (fields: string[], name: string) => fields.length === 1 && fields[0] === name;

export function formOf(doc: EntityDoc, name: string | null): FieldForm {
  const f: FieldDoc = (name && doc.properties?.[name]) || {};
  const labels = (f['x-crm-enum-labels'] ?? {}) as Record<string, Label>;
  const dup = name ? doc['x-crm-duplicate-rules']?.find((r) => r.fields.length === 1 && r.fields[0].field === name) : undefined;
  const lookup = (f['x-crm-lookup'] ?? {}) as { entity?: string; onDelete?: 'restrict' | 'set-null' };
  return {
    name: name ?? '',
    kind: name ? kindOf(f) : 'text',
    label: { 'zh-CN': f['x-crm-label']?.['zh-CN'] ?? '', en: f['x-crm-label']?.en ?? '' },
    required: name ? (doc.required ?? []).includes(name) : false,
    unique: name ? (doc['x-crm-unique'] ?? []).some((u) => isSingleRule(u.fields, name)) : false,
    duplicate: dup?.fields[0].normalise ?? '',
    maxLength: typeof f.maxLength === 'number' ? String(f.maxLength) : '',
    enumValues: Array.isArray(f.enum) ? (f.enum as string[]).map((value) => ({ value, label: labels[value] ?? { 'zh-CN': '', en: '' } })) : [],
    lookupEntity: lookup.entity ?? '',
    onDelete: lookup.onDelete ?? '',
    readonly: f['x-crm-readonly'] === true,
    expression: typeof f['x-crm-computed'] === 'string' ? f['x-crm-computed'] : '',
    computedKind: (COMPUTED_KINDS as readonly string[]).includes(storedKindOf(f)) ? (storedKindOf(f) as ComputedKind) : 'number',
    multiple: holdsSeveral(f),
  };
}

/** Members the dialog owns: replaced from the form; every other member of the field is kept. */
const OWNED = ['type', 'format', 'enum', 'maxLength', 'items', 'x-crm-type', 'x-crm-label', 'x-crm-lookup', 'x-crm-enum-labels', 'x-crm-readonly', 'x-crm-computed'];

function fieldDoc(form: FieldForm, previous: FieldDoc | undefined): FieldDoc {
  const kind: StoredKind = form.kind === 'computed' ? form.computedKind : form.kind;
  // An attachment field changing between one file and several changes its JSON type: not the same kind.
  const keepsKind = previous !== undefined && kindOf(previous) === form.kind && storedKindOf(previous) === kind && (kind !== 'attachment' || holdsSeveral(previous) === form.multiple);
  // Same kind: every member stays unless the form sets it (a lookup's format, an explicit x-crm-type);
  // the members the form switches off go. Another kind: only what is not about the kind stays.
  const kept = Object.fromEntries(Object.entries(previous ?? {}).filter(([k]) => (keepsKind ? !['maxLength', 'x-crm-readonly', 'x-crm-computed'].includes(k) : !OWNED.includes(k))));
  if (!keepsKind) {
    // Settings of another kind do not carry over.
    for (const k of ['minLength', 'pattern', 'minimum', 'maximum', 'x-crm-state-machine', 'x-crm-enum-probabilities']) delete kept[k];
  }
  const maxLength = form.maxLength.trim() === '' ? undefined : Number(form.maxLength);
  const text = { type: 'string', ...(maxLength !== undefined ? { maxLength } : {}) };
  const byKind: Record<StoredKind, FieldDoc> = {
    text,
    email: { type: 'string', format: 'email', maxLength: maxLength ?? 320 },
    phone: { type: 'string', maxLength: maxLength ?? 50, 'x-crm-type': 'phone' },
    url: { type: 'string', format: 'uri', ...(maxLength !== undefined ? { maxLength } : {}) },
    integer: { type: 'integer' },
    number: { type: 'number' },
    money: { type: 'number', 'x-crm-type': 'money' },
    percent: { type: 'number', 'x-crm-type': 'percent' },
    boolean: { type: 'boolean' },
    date: { type: 'string', format: 'date' },
    datetime: { type: 'string', format: 'date-time' },
    enum: {
      type: 'string',
      enum: form.enumValues.map((v) => v.value),
      'x-crm-enum-labels': Object.fromEntries(form.enumValues.map((v) => [v.value, v.label])),
    },
    lookup: { type: 'string', 'x-crm-lookup': { entity: form.lookupEntity, ...(form.onDelete ? { onDelete: form.onDelete } : {}) } },
    json: { type: 'object' },
    attachment: form.multiple ? { type: 'array', 'x-crm-type': 'attachment', items: { type: 'string', format: 'uuid' } } : { type: 'string', 'x-crm-type': 'attachment' },
  };
  const { type: kindType, ...rest } = byKind[kind];
  // Same kind: the JSON type it had (a json field's array, a money field's [number, integer]) fits it.
  const type = keepsKind && previous.type !== undefined ? previous.type : kindType;
  const computed = form.kind === 'computed' ? { 'x-crm-computed': form.expression.trim() } : {};
  const next: FieldDoc = { ...kept, type, ...rest, 'x-crm-label': form.label, ...(form.readonly && form.kind !== 'computed' ? { 'x-crm-readonly': true } : {}), ...computed };
  // Members the field had stay where they were (an edit must not reorder the file); new ones follow.
  const order = [...Object.keys(previous ?? {}).filter((k) => k in next), ...Object.keys(next).filter((k) => !(previous && k in previous))];
  return Object.fromEntries(order.map((k) => [k, next[k]]));
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The list with the field's entry kept where it is (so an edit does not reorder the file), added at
 * the end when newly wanted, or left out when no longer wanted.
 */
function toggled<T>(list: T[], mine: (item: T) => boolean, want: boolean, make: (old: T | undefined) => T): T[] {
  const at = list.findIndex(mine);
  if (!want) return list.filter((item) => !mine(item));
  if (at < 0) return [...list, make(undefined)];
  return list.map((item, i) => (i === at ? make(item) : item));
}

/**
 * The entity with the field written from the form (renamed from `previous` when the name changed):
 * its schema, and the one-field required / unique / duplicate rules that concern it.
 */
export function withField(doc: EntityDoc, previous: string | null, form: FieldForm): EntityDoc {
  const name = form.name;
  const props = Object.entries(doc.properties ?? {});
  const next = fieldDoc(form, previous ? doc.properties?.[previous] : undefined);
  const at = previous ? props.findIndex(([k]) => k === previous) : -1;
  if (at >= 0) props[at] = [name, next];
  else props.push([name, next]);
  const rename = (f: string) => (previous && f === previous ? name : f);
  const required = toggled((doc.required ?? []).map(rename), (f) => f === name, form.required && form.kind !== 'computed', () => name);
  const unique = toggled(
    (doc['x-crm-unique'] ?? []).map((u) => ({ ...u, fields: u.fields.map(rename) })),
    (u) => isSingleRule(u.fields, name),
    form.unique,
    (old) => old ?? { fields: [name] },
  );
  const dups: DuplicateRuleDoc[] = toggled(
    (doc['x-crm-duplicate-rules'] ?? []).map((r) => ({ ...r, fields: r.fields.map((f) => ({ ...f, field: rename(f.field) })) })),
    (r) => r.fields.length === 1 && r.fields[0].field === name,
    form.duplicate !== '',
    (old) =>
      old ? { ...old, fields: [{ field: name, normalise: form.duplicate }] } : { name: `same${capitalised(name)}`, label: { 'zh-CN': `${form.label['zh-CN']}相同`, en: `Same ${form.label.en.toLowerCase()}` }, fields: [{ field: name, normalise: form.duplicate }] },
  );
  const out: EntityDoc = { ...doc, properties: Object.fromEntries(props) };
  setList(out, 'required', required);
  setList(out, 'x-crm-unique', unique);
  setList(out, 'x-crm-duplicate-rules', dups);
  if (previous && previous !== name) renameElsewhere(out, previous, name);
  return out;
}

/** Remove a field and every rule that names it (publishing hides its column; data is kept). */
export function withoutField(doc: EntityDoc, name: string): EntityDoc {
  const out: EntityDoc = { ...doc, properties: Object.fromEntries(Object.entries(doc.properties ?? {}).filter(([k]) => k !== name)) };
  setList(out, 'required', (doc.required ?? []).filter((f) => f !== name));
  for (const key of ['x-crm-unique', 'x-crm-indexes'] as const) setList(out, key, (doc[key] ?? []).filter((u) => !u.fields.includes(name)));
  setList(out, 'x-crm-duplicate-rules', (doc['x-crm-duplicate-rules'] ?? []).filter((r) => !r.fields.some((f) => f.field === name)));
  const layout = doc['x-crm-layout'];
  if (layout) {
    const sections = layout.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== name) })).filter((s) => s.fields.length > 0);
    if (sections.length) out['x-crm-layout'] = { sections };
    else delete out['x-crm-layout'];
  }
  return out;
}

/** Sets a list member, or leaves it out when empty (the meta-schema wants no empty rule lists). */
export function setList<K extends string>(doc: Record<string, unknown>, key: K, list: unknown[]): void {
  if (list.length) doc[key] = list;
  else delete doc[key];
}

function renameElsewhere(doc: EntityDoc, from: string, to: string) {
  const swap = (f: string) => (f === from ? to : f);
  if (doc['x-crm-indexes']) doc['x-crm-indexes'] = doc['x-crm-indexes'].map((i) => ({ ...i, fields: i.fields.map(swap) }));
  if (doc['x-crm-layout']) doc['x-crm-layout'] = { sections: doc['x-crm-layout'].sections.map((s) => ({ ...s, fields: s.fields.map(swap) })) };
  if (doc['x-crm-display-field'] === from) doc['x-crm-display-field'] = to;
}

/** Problems of the form the browser can tell at once (the server validates again). */
export function formProblems(form: FieldForm, doc: EntityDoc, previous: string | null): Partial<Record<'name' | 'labelZh' | 'labelEn' | 'enum' | 'lookup' | 'maxLength' | 'expression', 'invalidName' | 'reserved' | 'clash' | 'required' | 'enumEmpty' | 'enumInvalid' | 'number'>> {
  const out: ReturnType<typeof formProblems> = {};
  if (!NAME_PATTERN.test(form.name)) out.name = 'invalidName';
  else if (RESERVED.includes(form.name)) out.name = 'reserved';
  else if (form.name !== previous && Object.hasOwn(doc.properties ?? {}, form.name)) out.name = 'clash';
  if (!form.label['zh-CN'].trim()) out.labelZh = 'required';
  if (!form.label.en.trim()) out.labelEn = 'required';
  if (form.kind === 'enum') {
    const values = form.enumValues.map((v) => v.value);
    if (!values.length) out.enum = 'enumEmpty';
    else if (values.some((v) => !v || v.length > 64) || new Set(values).size !== values.length || form.enumValues.some((v) => !v.label['zh-CN'] || !v.label.en)) out.enum = 'enumInvalid';
  }
  if (form.kind === 'lookup' && !form.lookupEntity) out.lookup = 'required';
  if (form.kind === 'computed' && !form.expression.trim()) out.expression = 'required';
  if (form.maxLength.trim() && !/^\d+$/.test(form.maxLength.trim())) out.maxLength = 'number';
  return out;
}
