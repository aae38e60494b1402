/**
 * Method calls: the registry of whitelisted methods per value kind. Adding a method is one entry
 * in its kind's file; adding a kind is one file and one line here. Anything not listed fails with
 * `method`, as Camunda's MethodNotFoundException.
 */
import { fail } from '../errors.js';
import { executionMethod } from '../execution.js';
import { ExecutionRef, describe, kindOf, type ValueKind } from '../values.js';
import { LIST_METHODS } from './list.js';
import { MAP_METHODS } from './map.js';
import type { MethodSpec } from './method.js';
import { STRING_METHODS } from './string.js';

const REGISTRY = new Map<ValueKind, ReadonlyMap<string, MethodSpec>>([
  ['string', STRING_METHODS],
  ['list', LIST_METHODS],
  ['map', MAP_METHODS],
]);

export function invokeMethod(base: unknown, name: string, args: unknown[]): unknown {
  if (base instanceof ExecutionRef) {
    const result = executionMethod(base, name, args);
    if (result) return result.value;
  } else {
    const spec = REGISTRY.get(kindOf(base))?.get(name);
    if (spec && spec.arity === args.length) return spec.call(base as never, args);
  }
  const s = args.length === 1 ? '' : 's';
  return fail('method', `Cannot find method '${name}' with ${args.length} parameter${s} on ${describe(base)}`);
}
