/**
 * The JSON Schema (2020-12) of a record body as the records API accepts it, for one entity: its
 * visible, writable fields only, no x-crm-* annotations, no unknown members.
 */
import type { CompiledEntity, CompiledField } from './types.js';
import { apiValueSchema } from './field-types/index.js';

export type RecordSchemaMode = 'create' | 'update';

/** The field's value schema, allowing `null` (so a client can clear the value) unless `nullable` is false. */
export function fieldValueSchema(field: CompiledField, nullable: boolean): Record<string, unknown> {
  const schema = apiValueSchema(field.schema, field.kind);
  if (!nullable) return schema;
  const out = { ...schema };
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/**
 * `create`: required fields must be present and not null. `update` (partial): every member is
 * optional, but a required field cannot be set to null.
 */
export function entityRecordSchema(entity: CompiledEntity, mode: RecordSchemaMode): Record<string, unknown> {
  const writable = entity.fields.filter((f) => !f.hidden && !f.readonly);
  const properties: Record<string, unknown> = {};
  for (const f of writable) properties[f.name] = fieldValueSchema(f, !f.required);
  const schema: Record<string, unknown> = {
    title: `${entity.label.en} (${mode})`,
    type: 'object',
    additionalProperties: false,
    properties,
  };
  const required = writable.filter((f) => f.required).map((f) => f.name);
  if (mode === 'create' && required.length > 0) schema.required = required;
  return schema;
}
