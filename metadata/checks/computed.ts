/**
 * Computed fields: the expression parses, reads only declared, stored fields of its own entity of a
 * kind an expression can use, and gives a value of the field's kind. Issues sit at the field's
 * `x-crm-computed`, where the entity designer shows them.
 */
import { COMPUTED_KINDS, ComputedSyntaxError, computedReferences, parseComputed, typeOf, valueTypeOfKind, type ValueType } from '../computed.js';
import { pointer } from '../json-pointer.js';
import type { CheckContext, EntityInfo } from './context.js';
import { isString } from './context.js';

export function checkComputedFields(ctx: CheckContext, file: string, entity: EntityInfo): void {
  for (const [name, info] of entity.fields) {
    const expression = info.doc['x-crm-computed'];
    if (!isString(expression)) continue;
    const at = pointer('properties', name, 'x-crm-computed');
    if (!COMPUTED_KINDS.includes(info.kind)) {
      ctx.report(file, at, `a field of kind "${info.kind}" cannot be computed (computed fields are ${COMPUTED_KINDS.join(', ')})`);
      continue;
    }
    if (Array.isArray(entity.doc.required) && entity.doc.required.includes(name)) ctx.report(file, pointer('required'), `"${name}" is computed and cannot be required`);
    for (const problem of expressionProblems(expression, name, entity)) ctx.report(file, at, problem);
  }
}

function expressionProblems(expression: string, self: string, entity: EntityInfo): string[] {
  let tree;
  try {
    tree = parseComputed(expression);
  } catch (e) {
    if (e instanceof ComputedSyntaxError) return [e.message];
    throw e;
  }
  const problems: string[] = [];
  const types = new Map<string, ValueType>();
  for (const ref of computedReferences(tree)) {
    const field = entity.fields.get(ref);
    const type = field && valueTypeOfKind(field.kind);
    if (ref === self) problems.push(`"${ref}" is this field itself`);
    else if (!field) problems.push(`unknown field "${ref}" (not a field of this entity)`);
    else if (isString(field.doc['x-crm-computed'])) problems.push(`"${ref}" is itself computed; use its expression instead`);
    else if (!type) problems.push(`"${ref}" is a field of kind "${field.kind}", which an expression cannot read`);
    else types.set(ref, type);
  }
  if (problems.length > 0) return problems;
  try {
    const result = typeOf(tree, (n) => types.get(n)!);
    const want = valueTypeOfKind(entity.fields.get(self)!.kind)!;
    if (result !== want && result !== 'null') return [`gives a ${result}, but the field holds a ${want}`];
  } catch (e) {
    if (e instanceof ComputedSyntaxError) return [e.message];
    throw e;
  }
  return [];
}
