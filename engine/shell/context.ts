/**
 * The real CoreContext: UUIDs, the JUEL-subset evaluator, and Camunda typed values as the stored
 * variable form. Expressions see raw values (a Json variable is its parsed object, a Date its ISO
 * text).
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext, EvaluationInfo, VariableLookup } from '../core/index.js';
import { compileExpression, evaluateCondition, type ExpressionContext } from '../expressions/index.js';
import { inferTypedValue, rawValue } from '../values.js';

function expressionContext(lookup: VariableLookup, info?: EvaluationInfo): ExpressionContext {
  return {
    variable(name) {
      const found = lookup(name);
      return found.found ? { found: true, value: rawValue(found.value) } : { found: false };
    },
    ...(info
      ? {
          businessKey: info.businessKey,
          execution: {
            id: info.executionId,
            processInstanceId: info.processInstanceId,
            processDefinitionId: info.processDefinitionId,
            activityId: info.activityId,
            currentActivityId: info.activityId,
          },
        }
      : {}),
  };
}

export const coreContext: CoreContext = {
  newId: () => randomUUID(),
  evaluateCondition: (source, lookup, info) => evaluateCondition(source, expressionContext(lookup, info)),
  evaluate: (source, lookup, info) => compileExpression(source).evaluate(expressionContext(lookup, info)),
  toVariable: (raw) => inferTypedValue(raw),
};
