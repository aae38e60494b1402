/**
 * `base.name` and `base[expr]` on a non-null base, as Camunda's resolvers read them: a map (JSON
 * object) answers its own entry or null (MapELResolver); a list answers the element at an index or
 * null when out of range (ListELResolver); the execution its members. Nothing else has properties.
 */
import { toStr } from './coerce.js';
import { fail } from './errors.js';
import { executionProperty } from './execution.js';
import { ExecutionRef, describe, kindOf, ownData, unbox } from './values.js';

export function readProperty(base: unknown, property: unknown): unknown {
  switch (kindOf(base)) {
    case 'map': {
      if (typeof property !== 'string') return null; // a Map<String, …> has no non-string key
      const entry = ownData(base as object, property);
      return entry.found ? entry.value : null;
    }
    case 'list': {
      const list = base as unknown[];
      const index = listIndex(property);
      return index >= 0 && index < list.length ? (list[index] ?? null) : null;
    }
    case 'execution':
      return executionProperty(base as ExecutionRef, toStr(property));
    default:
      return fail('unknown-property', `Cannot resolve property '${toStr(property)}' in ${describe(base)}`);
  }
}

/** ListELResolver's index: a number (truncated), a string of digits, or a boolean (1/0). */
function listIndex(key: unknown): number {
  const property = unbox(key);
  if (typeof property === 'number') return Math.trunc(property);
  if (typeof property === 'boolean') return property ? 1 : 0;
  if (typeof property === 'string' && /^[+-]?\d+$/.test(property)) return Number(property);
  return fail('type', `Cannot parse list index: ${toStr(property)}`);
}
