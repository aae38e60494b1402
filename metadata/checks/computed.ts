/**
 * Computed fields: the expression parses, reads only declared, stored fields of its own entity of a
 * kind an expression can use, and gives a value of the field's kind. Issues sit at the field's
 * `x-crm-computed`, where the entity designer shows them.
 */
import { COMPUTED_KINDS, ComputedSyntaxError, computedReferences, parseComputed, typeOf, valueTypeOfKind, valueTypeText, type ValueType } from '../computed.js';
import { pointer } from '../json-pointer.js';
import type { IssueText } from '../issue-texts/index.js';
import type { CheckContext, EntityInfo } from './context.js';
import { isString } from './context.js';

export function checkComputedFields(ctx: CheckContext, file: string, entity: EntityInfo): void {
  for (const [name, info] of entity.fields) {
    const expression = info.doc['x-crm-computed'];
    if (!isString(expression)) continue;
    const at = pointer('properties', name, 'x-crm-computed');
    if (!COMPUTED_KINDS.includes(info.kind)) {
      ctx.report(file, at, { code: 'computed-kind', params: { kind: info.kind, kinds: COMPUTED_KINDS } });
      continue;
    }
    if (Array.isArray(entity.doc.required) && entity.doc.required.includes(name)) ctx.report(file, pointer('required'), { code: 'computed-required', params: { field: name } });
    for (const problem of expressionProblems(expression, name, entity)) ctx.report(file, at, problem);
  }
}

/** What is wrong with a computed field's expression (nothing: an empty list). */
function expressionProblems(expression: string, self: string, entity: EntityInfo): IssueText[] {
  let tree;
  try {
    tree = parseComputed(expression);
  } catch (e) {
    if (e instanceof ComputedSyntaxError) return [e.text];
    throw e;
  }
  const problems: IssueText[] = [];
  const types = new Map<string, ValueType>();
  for (const ref of computedReferences(tree)) {
    const field = entity.fields.get(ref);
    const type = field && valueTypeOfKind(field.kind);
    if (ref === self) problems.push({ code: 'computed-self', params: { field: ref } });
    else if (!field) problems.push({ code: 'computed-unknown-field', params: { field: ref } });
    else if (isString(field.doc['x-crm-computed'])) problems.push({ code: 'computed-reads-computed', params: { field: ref } });
    else if (!type) problems.push({ code: 'computed-unreadable-kind', params: { field: ref, kind: field.kind } });
    else types.set(ref, type);
  }
  if (problems.length > 0) return problems;
  try {
    const result = typeOf(tree, (n) => types.get(n)!);
    const want = valueTypeOfKind(entity.fields.get(self)!.kind)!;
    if (result !== want && result !== 'null') return [{ code: 'computed-result-type', params: { result: valueTypeText(result), want: valueTypeText(want) } }];
  } catch (e) {
    if (e instanceof ComputedSyntaxError) return [e.text];
    throw e;
  }
  return [];
}
