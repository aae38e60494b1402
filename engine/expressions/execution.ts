/**
 * The `execution` object: what Camunda's DelegateExecution offers an expression here.
 * Properties: `processBusinessKey` / `businessKey`, and every member of `ctx.execution`.
 * Methods: `getVariable(name)` (null when unset), `hasVariable(name)`, and the bean getter of each
 * property (`getProcessBusinessKey()`, `getBusinessKey()`, `getProcessInstanceId()`, …).
 */
import { toStr } from './coerce.js';
import { fail } from './errors.js';
import { ExecutionRef, ownData } from './values.js';

const BUSINESS_KEY = new Set(['processBusinessKey', 'businessKey']);

function lookup(ref: ExecutionRef, name: string): { found: true; value: unknown } | { found: false } {
  const { ctx } = ref;
  if (BUSINESS_KEY.has(name) && ctx.businessKey !== undefined) return { found: true, value: ctx.businessKey };
  const member = ctx.execution ? ownData(ctx.execution, name) : { found: false as const };
  if (member.found) return typeof member.value === 'function' ? { found: false } : member;
  return BUSINESS_KEY.has(name) ? { found: true, value: null } : { found: false };
}

export function executionProperty(ref: ExecutionRef, name: string): unknown {
  const member = lookup(ref, name);
  return member.found ? member.value : fail('unknown-property', `Property '${name}' not found on type execution`);
}

/** `undefined` when the execution has no such method (the caller reports it). */
export function executionMethod(ref: ExecutionRef, name: string, args: unknown[]): { value: unknown } | undefined {
  if ((name === 'getVariable' || name === 'hasVariable') && args.length === 1) {
    const variable = ref.ctx.variable(toStr(args[0]));
    if (name === 'hasVariable') return { value: variable.found };
    return { value: variable.found ? (variable.value ?? null) : null };
  }
  const getter = /^get([A-Z].*)$/.exec(name);
  if (getter && args.length === 0) {
    const member = lookup(ref, getter[1][0].toLowerCase() + getter[1].slice(1));
    if (member.found) return { value: member.value };
  }
  return undefined;
}
