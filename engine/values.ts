/**
 * The engine's variable values: Camunda's typed values, JSON all the way down so they persist as
 * jsonb (dates as ISO-8601 strings, Json/Object values parsed, Bytes base64). The execution core
 * treats them as opaque; the shell converts expression results with `inferTypedValue` and hands
 * expressions the raw `value`.
 */

export const VALUE_TYPES = ['string', 'integer', 'short', 'long', 'double', 'boolean', 'date', 'null', 'json', 'object', 'bytes'] as const;
export type ValueTypeName = (typeof VALUE_TYPES)[number];

export interface TypedValue {
  type: ValueTypeName;
  value: unknown;
  /** Object values: `objectTypeName` and `serializationDataFormat` (always application/json here). */
  valueInfo?: { objectTypeName?: string; serializationDataFormat?: string };
}

/** A type-less value: what Camunda's untyped values become (objects and arrays as Json here). */
export function inferTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { type: 'null', value: null };
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { type: 'double', value };
    return { type: value >= -(2 ** 31) && value <= 2 ** 31 - 1 ? 'integer' : 'long', value };
  }
  return { type: 'json', value };
}

/** The raw value an expression sees (stored values are always TypedValues). */
export const rawValue = (stored: unknown): unknown => (stored as TypedValue).value;
