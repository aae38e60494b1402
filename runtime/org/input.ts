/**
 * Checking the bodies of the organisation and sharing API: each field checked by a small `Check`,
 * every bad field named in one 400 (`errors[].path` a JSON Pointer into the body).
 */
import { UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';

/** A failed check's message, or null when the value is fine. */
export type Check = (v: unknown) => string | null;

/** Keys of departments, teams, territories and groups: what sharing rules and shares name. */
export const KEY_PATTERN = '^[a-z][a-z0-9-]{0,63}$';
const KEY = new RegExp(KEY_PATTERN);
export const NAME_MAX = 200;
export const LIST_MAX = 500;

export const isKey = (v: unknown): v is string => typeof v === 'string' && KEY.test(v);
export const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

export const key: Check = (v) => (isKey(v) ? null : 'must be 1 to 64 lowercase letters, digits or -, starting with a letter');
export const name: Check = (v) => (typeof v === 'string' && v.trim().length > 0 && v.length <= NAME_MAX ? null : `must be a non-blank string of at most ${NAME_MAX} characters`);
export const nullableId: Check = (v) => (v === null || isId(v) ? null : 'must be an id (uuid) or null');
export const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
export const textList: Check = (v) =>
  Array.isArray(v) && v.length <= LIST_MAX && v.every((s) => typeof s === 'string' && s.length > 0 && s.length <= NAME_MAX) && new Set(v).size === v.length
    ? null
    : `must be a list of at most ${LIST_MAX} distinct non-empty strings`;

/** 400 `validation-failed` naming every field in `errors`. */
export function invalid(errors: FieldError[]): never {
  throw new AppError('validation-failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
}

/** The body as an object, or 400 naming `path` (the body itself: `/`). */
export function objectAt(v: unknown, path = '/'): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid([{ path, message: 'must be a JSON object' }]);
  return v as Record<string, unknown>;
}

/**
 * The body's fields, each passing its check; missing `required` ones, unknown ones and those in
 * `fixed` (field → why it cannot be given) named in one 400.
 */
export function parseObject(body: unknown, checks: Record<string, Check>, required: string[] = [], fixed: Record<string, string> = {}): Record<string, unknown> {
  const input = objectAt(body);
  const errors: FieldError[] = required.filter((f) => !Object.hasOwn(input, f)).map((f) => ({ path: '/' + f, message: 'is required' }));
  for (const [k, v] of Object.entries(input)) {
    const message = Object.hasOwn(fixed, k) ? fixed[k] : Object.hasOwn(checks, k) ? checks[k](v) : 'unknown field';
    if (message) errors.push({ path: '/' + k, message });
  }
  if (errors.length) invalid(errors);
  return input;
}
