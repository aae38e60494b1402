/**
 * The field-type registry: one FieldType per FieldKind. Inference of a field's kind when
 * `x-crm-type` is absent tries the kinds in INFERENCE_ORDER (first match wins).
 */
import type { FieldDocument, FieldKind } from '../types.js';
import type { FieldType } from './field-type.js';
import { plainKeywords } from './field-type.js';
import { text } from './text.js';
import { email } from './email.js';
import { phone } from './phone.js';
import { url } from './url.js';
import { integer } from './integer.js';
import { number } from './number.js';
import { money } from './money.js';
import { percent } from './percent.js';
import { boolean } from './boolean.js';
import { date } from './date.js';
import { datetime } from './datetime.js';
import { enumType } from './enum.js';
import { lookup } from './lookup.js';
import { json } from './json.js';
import { attachment } from './attachment.js';

export type { FieldType } from './field-type.js';
export { declaredTypes } from './field-type.js';

export const fieldTypes: Record<FieldKind, FieldType> = {
  text,
  email,
  phone,
  url,
  integer,
  number,
  money,
  percent,
  boolean,
  date,
  datetime,
  enum: enumType,
  lookup,
  json,
  attachment,
};

export const FIELD_KINDS = Object.keys(fieldTypes) as FieldKind[];

/** Most specific first: a lookup or enum string is not plain text, a formatted string not text. */
const INFERENCE_ORDER: FieldKind[] = ['lookup', 'enum', 'email', 'date', 'datetime', 'url', 'text', 'integer', 'number', 'boolean', 'json'];

/** The field's kind: `x-crm-type` when given, else inferred from its JSON Schema keywords. */
export function inferKind(field: FieldDocument): FieldKind {
  const declared = field['x-crm-type'];
  if (declared !== undefined && declared in fieldTypes) return declared;
  for (const kind of INFERENCE_ORDER) if (fieldTypes[kind].fromSchema?.(field)) return kind;
  return 'json';
}

/** The JSON Schema of one non-null value of the field, as the records API accepts it. */
export function apiValueSchema(field: FieldDocument, kind: FieldKind = inferKind(field)): Record<string, unknown> {
  const ft = fieldTypes[kind];
  if (ft.apiSchema) return ft.apiSchema(field);
  const plain = plainKeywords(field);
  return plain.type === undefined ? { ...plain, type: ft.jsonTypes[0] } : plain;
}
