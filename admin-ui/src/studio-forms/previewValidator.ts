/**
 * rjsf's validator for the designer's preview, without ajv: our CSP forbids the `new Function` ajv
 * compiles with, and the previewed form changes with every keystroke, so there is no precompiled
 * validator for it (the task page has one per published form). Validation proper is the server's
 * (POST /api/metadata/draft/forms/:id/check, shown as extraErrors); this only answers rjsf's
 * `isValid` questions — whether data matches an `if` or a oneOf/anyOf branch — for the keywords
 * conditions use: required, properties, const, enum, type, not, allOf, anyOf, oneOf.
 */
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(type: unknown, v: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) =>
    t === 'null' ? v === null : t === 'array' ? Array.isArray(v) : t === 'object' ? isObj(v) : t === 'integer' ? Number.isInteger(v) : typeof v === t,
  );
}

export function matches(schema: unknown, v: unknown): boolean {
  if (schema === true || schema === undefined) return true;
  if (schema === false || !isObj(schema)) return false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if ('const' in schema && !same(schema.const, v)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => same(e, v))) return false;
  if (schema.type !== undefined && v !== undefined && !typeMatches(schema.type, v)) return false;
  if (Array.isArray(schema.required) && isObj(v) && !schema.required.every((k) => Object.hasOwn(v, String(k)) && v[String(k)] !== undefined)) return false;
  if (isObj(schema.properties) && isObj(v)) for (const [k, s] of Object.entries(schema.properties)) if (v[k] !== undefined && !matches(s, v[k])) return false;
  if (schema.not !== undefined && matches(schema.not, v)) return false;
  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => matches(s, v))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => matches(s, v))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => matches(s, v)).length !== 1) return false;
  return true;
}

export function previewValidator(): ValidatorType {
  return {
    validateFormData: () => ({ errors: [], errorSchema: {} }),
    isValid: (schema: RJSFSchema, formData: unknown) => matches(schema, formData),
    rawValidation: () => ({ errors: undefined, validationError: undefined }),
  } as unknown as ValidatorType;
}
