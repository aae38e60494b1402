/**
 * Form data against its form: the form's JSON Schema (ajv, every error), and no top-level field
 * the schema does not declare — each top-level field becomes a process variable, so a form must
 * not let its user set any other. Errors name the field as a JSON Pointer into the data.
 */
import type { ErrorObject, ValidateFunction } from '../metadata/index.js';
import type { Form, FormError } from './types.js';

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function errorOf(e: ErrorObject): FormError | null {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'if': // repeats the `then`/`else` error that follows it
      return null;
    case 'required':
      return { path: `${e.instancePath}/${escape(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties':
      return { path: `${e.instancePath}/${escape(String(params.additionalProperty))}`, message: 'unknown field' };
    case 'enum':
      return { path: e.instancePath, message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path: e.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path: e.instancePath, message: e.message ?? 'is invalid' };
  }
}

export function formDataErrors(form: Form, validate: ValidateFunction, data: unknown): FormError[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [{ path: '', message: 'must be an object' }];
  const errors: FormError[] = Object.keys(data)
    .filter((k) => !Object.hasOwn(form.schema.properties, k))
    .map((k) => ({ path: `/${escape(k)}`, message: 'unknown field' }));
  if (!validate(data)) for (const e of validate.errors ?? []) {
    const err = errorOf(e);
    if (err && !errors.some((x) => x.path === err.path && x.message === err.message)) errors.push(err);
  }
  return errors;
}
