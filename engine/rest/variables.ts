/**
 * Camunda's variable encoding `{"value": …, "type": "String", "valueInfo": {…}}` ⇄ the engine's
 * TypedValue. Request types are read case-insensitively (camunda-external-task-client-js sends
 * `integer`, `boolean`, …); values are converted as Camunda's Jackson mapping converts them (a
 * numeric string is a fine Integer). Answers use Camunda's capitalised names.
 *
 * TypedValue is JSON all the way down, so it persists as jsonb: dates are ISO-8601 strings, Json
 * and Object (application/json) values are the parsed JSON, Bytes are base64.
 */
import { invalidRequest } from '../errors.js';
import { formatDate, parseDate } from './dates.js';
import { inferTypedValue as infer, VALUE_TYPES as TYPES, type TypedValue, type ValueTypeName } from '../values.js';

export type { TypedValue, ValueTypeName } from '../values.js';

export interface VariableValueDto {
  value?: unknown;
  type?: string | null;
  valueInfo?: Record<string, unknown> | null;
}

const JSON_FORMAT = 'application/json';
const INTEGER_RANGES: Record<string, [number, number, string]> = {
  integer: [-(2 ** 31), 2 ** 31 - 1, 'java.lang.Integer'],
  short: [-(2 ** 15), 2 ** 15 - 1, 'java.lang.Short'],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'java.lang.Long'],
};

const restName = (t: ValueTypeName): string => t.charAt(0).toUpperCase() + t.slice(1);

function cannotConvert(value: unknown, type: string, javaType: string) {
  return invalidRequest(`Cannot convert value '${typeof value === 'string' ? value : JSON.stringify(value)}' of type '${type}' to java type ${javaType}`);
}

function parseJson(value: unknown, type: string): unknown {
  if (typeof value !== 'string') return value; // already JSON (lenient: Camunda wants the serialized text)
  try {
    return JSON.parse(value);
  } catch {
    throw cannotConvert(value, type, 'a JSON value');
  }
}

/** One request variable → TypedValue, or an InvalidRequestException naming the problem. */
export function fromVariableDto(dto: VariableValueDto): TypedValue {
  const given = dto.type ?? null;
  if (given === null || given === '') return infer(dto.value);
  const type = TYPES.find((t) => t === given.toLowerCase());
  if (!type) throw invalidRequest(`Unsupported value type '${given}'`);
  const v = dto.value;
  if (v === null || v === undefined) return type === 'object' ? { type, value: null, valueInfo: objectInfo(dto) } : { type, value: null };
  switch (type) {
    case 'string':
      if (typeof v === 'object') throw cannotConvert(v, given, 'java.lang.String');
      return { type, value: String(v) };
    case 'integer':
    case 'short':
    case 'long': {
      const [min, max, java] = INTEGER_RANGES[type];
      const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw cannotConvert(v, given, java);
      return { type, value: n };
    }
    case 'double': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw cannotConvert(v, given, 'java.lang.Double');
      return { type, value: n };
    }
    case 'boolean': {
      if (typeof v === 'boolean') return { type, value: v };
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return { type, value: v.toLowerCase() === 'true' };
      throw cannotConvert(v, given, 'java.lang.Boolean');
    }
    case 'date': {
      const d = typeof v === 'string' ? parseDate(v) : null;
      if (!d) throw cannotConvert(v, given, 'java.util.Date');
      return { type, value: d.toISOString() };
    }
    case 'null':
      return { type, value: null };
    case 'json':
      return { type, value: parseJson(v, given) };
    case 'object': {
      const valueInfo = objectInfo(dto);
      return { type, value: parseJson(v, given), valueInfo };
    }
    case 'bytes':
      if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) throw cannotConvert(v, given, 'byte[]');
      return { type, value: v };
  }
}

function objectInfo(dto: VariableValueDto): TypedValue['valueInfo'] {
  const info = dto.valueInfo ?? {};
  const format = info.serializationDataFormat ?? JSON_FORMAT;
  if (format !== JSON_FORMAT) throw invalidRequest(`Cannot deserialize object in variable: serialization data format '${String(format)}' is not supported, only '${JSON_FORMAT}'`);
  const objectTypeName = typeof info.objectTypeName === 'string' ? info.objectTypeName : undefined;
  return { ...(objectTypeName ? { objectTypeName } : {}), serializationDataFormat: JSON_FORMAT };
}

/**
 * A map of request variables. `context` prefixes every error message the way Camunda's endpoints
 * do (e.g. `Cannot complete task 42`).
 */
export function fromVariableDtos(dtos: Record<string, VariableValueDto> | null | undefined, context?: string): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [name, dto] of Object.entries(dtos ?? {})) {
    try {
      out[name] = fromVariableDto(dto ?? {});
    } catch (e) {
      if (!context || !(e instanceof Error)) throw e;
      throw invalidRequest(`${context}: ${e.message}`);
    }
  }
  return out;
}

/** TypedValue → Camunda's answer. Objects come back deserialized unless `deserializeValues` is false. */
export function toVariableDto(v: TypedValue, opts: { deserializeValues?: boolean } = {}): Required<VariableValueDto> {
  const type = restName(v.type);
  if (v.value === null) return { type, value: null, valueInfo: v.type === 'object' ? { ...v.valueInfo } : {} };
  switch (v.type) {
    case 'date':
      return { type, value: formatDate(new Date(String(v.value))), valueInfo: {} };
    case 'json':
      return { type, value: JSON.stringify(v.value), valueInfo: {} };
    case 'object':
      return { type, value: opts.deserializeValues === false ? JSON.stringify(v.value) : v.value, valueInfo: { ...v.valueInfo } };
    default:
      return { type, value: v.value, valueInfo: {} };
  }
}

export function toVariableDtos(vars: Record<string, TypedValue>, opts: { deserializeValues?: boolean } = {}): Record<string, Required<VariableValueDto>> {
  return Object.fromEntries(Object.entries(vars).map(([name, v]) => [name, toVariableDto(v, opts)]));
}
