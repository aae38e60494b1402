/**
 * Form data against its form: the form's JSON Schema (ajv, every error), and no top-level field
 * the schema does not declare — each top-level field becomes a process variable, so a form must
 * not let its user set any other. Errors name the field as a JSON Pointer into the data.
 */
import type { ErrorObject, ValidateFunction } from '../metadata/index.js';
import type { Form, FormError } from './types.js';

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** A refusal of the schema, coded (`invalid-value` with ajv's keyword and params) for UIs that word it themselves. */
const refused = (path: string, message: string, keyword: string, params: Record<string, unknown>): FormError => ({ path, message, code: 'invalid-value', params: { keyword, ...params } });

function errorOf(e: ErrorObject): FormError | null {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'if': // repeats the `then`/`else` error that follows it
      return null;
    case 'required':
      return refused(`${e.instancePath}/${escape(String(params.missingProperty))}`, 'is required', e.keyword, params);
    case 'additionalProperties':
      return refused(`${e.instancePath}/${escape(String(params.additionalProperty))}`, 'unknown field', e.keyword, params);
    case 'enum':
      return refused(e.instancePath, `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, e.keyword, params);
    case 'const':
      return refused(e.instancePath, `must be ${JSON.stringify(params.allowedValue)}`, e.keyword, params);
    default:
      return refused(e.instancePath, e.message ?? 'is invalid', e.keyword, params);
  }
}

/** Whether a condition's field value counts as "has a value": not empty, not false, not []. */
const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

/**
 * Is `field` shown for `data`? A field with `ui:crm-showIf: {field, values?}` is shown when that
 * field has a value — one of `values` when given (for a list, any of its items). The task page
 * (admin-ui src/task-forms/FormLayout.tsx) evaluates the same rule.
 */
export function isShown(form: Pick<Form, 'uiSchema'>, field: string, data: Record<string, unknown>): boolean {
  const ui = form.uiSchema[field];
  const cond = typeof ui === 'object' && ui !== null ? ((ui as Record<string, unknown>)['ui:crm-showIf'] as { field: string; values?: unknown[] } | undefined) : undefined;
  if (!cond) return true;
  const v = data[cond.field];
  if (!cond.values) return filled(v);
  const same = (x: unknown) => cond.values!.some((w) => JSON.stringify(w) === JSON.stringify(x));
  return Array.isArray(v) ? v.some(same) : same(v);
}

/** The data without the fields their condition hides: those are neither checked nor taken. */
export function visibleData(form: Pick<Form, 'uiSchema'>, data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => isShown(form, k, data)));
}

export function formDataErrors(form: Form, validate: ValidateFunction, data: unknown): FormError[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [{ path: '', message: 'must be an object' }];
  const errors: FormError[] = Object.keys(data)
    .filter((k) => !Object.hasOwn(form.schema.properties, k))
    .map((k) => refused(`/${escape(k)}`, 'unknown field', 'additionalProperties', { additionalProperty: k }));
  data = visibleData(form, data as Record<string, unknown>);
  if (!validate(data)) for (const e of validate.errors ?? []) {
    const err = errorOf(e);
    if (err && !errors.some((x) => x.path === err.path && x.message === err.message)) errors.push(err);
  }
  return errors;
}
