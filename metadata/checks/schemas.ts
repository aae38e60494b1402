/** Each field's value schema must compile with the records API's ajv, and its default must fit it. */
import { apiValueSchema } from '../field-types/index.js';
import { createAjv, type ValidateFunction } from '../ajv.js';
import { pointer } from '../json-pointer.js';
import type { CheckContext } from './context.js';

/**
 * Compiled value schemas by their JSON: a publish checks every field of every entity, and compiling
 * each one anew made validation the bulk of a publish's time. Bounded: past the limit, start over.
 */
const MAX_CACHED = 5000;
let ajv = createAjv();
const compiled = new Map<string, ValidateFunction | Error>();

function compile(schema: object): ValidateFunction | Error {
  const key = JSON.stringify(schema);
  let hit = compiled.get(key);
  if (hit === undefined) {
    if (compiled.size >= MAX_CACHED) {
      compiled.clear();
      ajv = createAjv();
    }
    try {
      hit = ajv.compile(schema);
    } catch (e) {
      hit = e as Error;
    }
    compiled.set(key, hit);
  }
  return hit;
}

export function checkFieldSchemas(ctx: CheckContext): void {
  for (const info of ctx.entities.values()) {
    if (!ctx.schemaValid.has(info.doc)) continue;
    for (const [name, field] of info.fields) {
      const validate = compile(apiValueSchema(field.doc, field.kind));
      if (validate instanceof Error) {
        ctx.report(info.file, pointer('properties', name), { code: 'bad-json-schema', params: { detail: validate.message } });
        continue;
      }
      const dflt = field.doc.default;
      if (dflt !== undefined && dflt !== null && !validate(dflt)) {
        ctx.report(info.file, pointer('properties', name, 'default'), { code: 'default-misfit', params: { detail: ajv.errorsText(validate.errors) } });
      }
    }
  }
}
