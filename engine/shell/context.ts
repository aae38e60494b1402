/**
 * The real CoreContext: UUIDs, the JUEL-subset evaluator, and Camunda typed values as the stored
 * variable form. Expressions see raw values (a Json variable is its parsed object, a Date its ISO
 * text), numbers with their Java type where a JS number cannot carry it (`JavaNumber`: Integer,
 * Short, an integral Double).
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext, EvaluationInfo, VariableLookup } from '../core/index.js';
import { JavaNumber, compileExpression, evaluateCondition, type ExpressionContext } from '../expressions/index.js';
import { inferTypedValue, rawValue, type TypedValue } from '../values.js';

/** A stored variable as an expression sees it: its raw value, typed numbers boxed. */
function expressionValue(stored: TypedValue): unknown {
  const { type, value } = stored;
  if (typeof value === 'number' && (type === 'integer' || type === 'short' || (type === 'double' && Number.isInteger(value)))) return new JavaNumber(value, type);
  return rawValue(stored);
}

function expressionContext(lookup: VariableLookup, info?: EvaluationInfo): ExpressionContext {
  return {
    variable(name) {
      const found = lookup(name);
      return found.found ? { found: true, value: expressionValue(found.value as TypedValue) } : { found: false };
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

/** `${name}` and nothing else: the variable itself. */
const BARE_REFERENCE = /^\s*[$#]\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\s*$/;

/** A JUEL result typed as Camunda types it: integers are Long (JUEL's integer type) unless the value says otherwise. */
function juelTyped(raw: unknown): TypedValue {
  if (raw instanceof JavaNumber) return { type: raw.type, value: raw.value };
  return typeof raw === 'number' && Number.isInteger(raw) ? { type: 'long', value: raw } : inferTypedValue(raw);
}

/**
 * A camunda:list / camunda:map value as Camunda stores it: an Object variable holding a
 * java.util.ArrayList or a java.util.TreeMap (keys in String order), kept as JSON here (found by
 * the Operaton conformance suite; Camunda's serialization format is Java serialization).
 */
function javaCollectionValue(raw: unknown): TypedValue {
  const objectTypeName = Array.isArray(raw) ? 'java.util.ArrayList' : 'java.util.TreeMap';
  const value = Array.isArray(raw) ? raw : Object.fromEntries(Object.entries(raw as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { type: 'object', value, valueInfo: { objectTypeName, serializationDataFormat: 'application/json' } };
}

const evaluate = (source: string, lookup: VariableLookup, info: EvaluationInfo) => compileExpression(source).evaluate(expressionContext(lookup, info));

export const coreContext: CoreContext = {
  newId: () => randomUUID(),
  evaluateCondition: (source, lookup, info) => evaluateCondition(source, expressionContext(lookup, info)),
  evaluate,
  evaluateToVariable(source, lookup, info) {
    const bare = BARE_REFERENCE.exec(source);
    const found = bare ? lookup(bare[1]) : undefined;
    if (found?.found) return structuredClone(found.value);
    return juelTyped(compileExpression(source).evaluateTyped(expressionContext(lookup, info)));
  },
  toVariable: (raw, javaCollection) => (javaCollection ? javaCollectionValue(raw) : inferTypedValue(raw)),
};
