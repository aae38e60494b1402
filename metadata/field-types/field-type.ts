/**
 * The contract every field kind implements: one small file per kind in this folder, registered in
 * `index.ts`. Adding a kind = one new file + one registry line (+ the FieldKind union in types.ts).
 */
import type { FieldDocument, FieldKind } from '../types.js';

export interface FieldType {
  kind: FieldKind;
  /** JSON `type` values a field of this kind may declare (`null` is always allowed besides). */
  jsonTypes: string[];
  /** Column type used in DDL. */
  sqlType(field: FieldDocument): string;
  /** True when a field without `x-crm-type` is of this kind (tried in registry order). */
  fromSchema?(field: FieldDocument): boolean;
  /**
   * JSON Schema (without `null`, without x-crm-*) of a value of this kind as the API accepts it,
   * built from the field's own keywords. Defaults to the field's keywords plus `type: jsonTypes[0]`.
   */
  apiSchema?(field: FieldDocument): Record<string, unknown>;
}

/** The non-null JSON types a field declares (`type: ["string", "null"]` → `["string"]`). */
export function declaredTypes(field: FieldDocument): string[] {
  const t = field.type;
  if (t === undefined) return [];
  return (Array.isArray(t) ? t : [t]).filter((x) => x !== 'null');
}

/** True when the field declares exactly the JSON type `type` (besides null). */
export function isJsonType(field: FieldDocument, type: string): boolean {
  const types = declaredTypes(field);
  return types.length === 1 && types[0] === type;
}

/** The field's plain JSON Schema keywords: every `x-crm-*` annotation removed, `null` dropped from `type`. */
export function plainKeywords(field: FieldDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(field)) {
    if (k.startsWith('x-crm-')) continue;
    out[k] = v;
  }
  const types = declaredTypes(field);
  if (types.length === 0) delete out.type;
  else out.type = types.length === 1 ? types[0] : types;
  return out;
}

/** A string kind with a fixed format (email, url, date, datetime). */
export function formattedString(field: FieldDocument, format: string): Record<string, unknown> {
  return { ...plainKeywords(field), type: 'string', format };
}
