/**
 * The server's issues of a trigger (`{path, message}`, the path a JSON Pointer into the document) as
 * the `FormErrors` the administration's controls take (studio-admin/errors.tsx), so the condition
 * rows of `ConditionEditor` and this editor's own controls show each message at the control that
 * edits that part — marked `aria-invalid` and described by it.
 */
import type { FormErrors } from '../studio-admin/errors.js';

/** The id FieldMessages gives a path's messages (studio-admin/errors.tsx). */
export const messagesId = (path: string) => `err${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

export function issueErrors(issues: readonly { path: string; message: string }[]): FormErrors {
  const at = (path: string, below = false) => issues.filter((i) => i.path === path || (below && i.path.startsWith(path + '/'))).map((i) => i.message);
  return {
    at,
    control: (path, below) => (at(path, below).length ? { 'aria-invalid': true, 'aria-describedby': messagesId(path) } : {}),
    error: null,
    fail: () => undefined,
    clear: () => undefined,
  };
}

/** A condition criterion's field names (`{and: [{field}, …]}`, nested parts included). */
export function conditionFields(condition: unknown): string[] {
  if (Array.isArray(condition)) return condition.flatMap(conditionFields);
  if (typeof condition !== 'object' || condition === null) return [];
  const o = condition as Record<string, unknown>;
  return [...(typeof o.field === 'string' ? [o.field] : []), ...Object.entries(o).flatMap(([k, v]) => (k === 'value' ? [] : conditionFields(v)))];
}
