/**
 * Record bodies are validated with ajv against the entity's JSON Schema (metadata
 * `entityRecordSchema`), compiled once per compiled entity. Errors come back as `{path, message}`
 * with the path of the offending field, e.g. `/name` or `/records/3/amount` in bulk calls.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { entityRecordSchema, type CompiledEntity } from '../../metadata/index.js';
import { AppError, type FieldError } from '../errors.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, useDefaults: false });
addFormats(ajv);

const cache = new WeakMap<CompiledEntity, { create: ValidateFunction; update: ValidateFunction }>();

function validators(entity: CompiledEntity) {
  let v = cache.get(entity);
  if (!v) {
    v = { create: ajv.compile(entityRecordSchema(entity, 'create')), update: ajv.compile(entityRecordSchema(entity, 'update')) };
    cache.set(entity, v);
  }
  return v;
}

/** A required field left out (create) or set to null (either): coded `required`. */
function requiredError(entity: CompiledEntity, field: string, prefix: string): FieldError {
  return { path: `${prefix}/${field}`, message: 'is required', code: 'required', params: { entity: entity.name, field } };
}

function toFieldError(entity: CompiledEntity, body: Record<string, unknown>, e: ErrorObject, prefix: string): FieldError {
  if (e.keyword === 'required' && e.instancePath === '') return requiredError(entity, String(e.params.missingProperty), prefix);
  if (e.keyword === 'required') return { path: `${prefix}/${String(e.params.missingProperty)}`, message: 'is required' };
  const top = e.instancePath.split('/')[1];
  if (e.keyword === 'type' && top !== undefined && e.instancePath === `/${top}` && body[top] === null && entity.fields.some((f) => f.name === top && f.required))
    return requiredError(entity, top, prefix);
  if (e.keyword === 'additionalProperties') {
    const name = String(e.params.additionalProperty);
    const computed = entity.fields.find((f) => f.name === name && !f.hidden)?.computed;
    if (computed !== undefined) return { path: `${prefix}/${name}`, message: `is computed (${computed}) and cannot be written` };
    return { path: `${prefix}/${name}`, message: 'unknown or read-only field' };
  }
  // Coded for UIs that word it themselves: ajv's keyword and params (README "Errors").
  const coded = { code: 'invalid-value' as const, params: { entity: entity.name, keyword: e.keyword, ...e.params } };
  if (e.keyword === 'enum') return { path: prefix + e.instancePath, message: `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`, ...coded };
  return { path: prefix + e.instancePath, message: e.message ?? 'is invalid', ...coded };
}

/** Errors of `body` against the entity schema (empty when valid). */
export function recordErrors(entity: CompiledEntity, mode: 'create' | 'update', body: unknown, prefix = ''): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ path: prefix || '/', message: 'must be a JSON object' }];
  const validate = validators(entity)[mode];
  if (validate(body)) return [];
  // `type` errors for union types repeat per branch: keep one per path and keyword.
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of validate.errors ?? []) {
    const fe = toFieldError(entity, body as Record<string, unknown>, e, prefix);
    const key = fe.path + '|' + e.keyword;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(fe);
    }
  }
  // A required field set to null fails its type and enum too: "is required" says it all.
  const missing = new Set(out.filter((fe) => fe.code === 'required').map((fe) => fe.path));
  return out.filter((fe) => fe.code === 'required' || !missing.has(fe.path));
}

export function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw new AppError('validation-failed', `${errors.length} field error(s): ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
}
