/**
 * Variable filters of list queries as Camunda's REST reads them: in a GET, `variables=a_eq_1,b_like_x%`
 * (name, operator and value separated by `_`; none may contain `_` or `,`); in a POST body, an array
 * of `{name, operator, value}` whose value keeps its JSON type.
 */
import { invalidRequest } from '../errors.js';
import { filterValueOfJson, VARIABLE_OPERATORS, type VariableFilter, type VariableOperator } from '../persistence/index.js';

function operator(op: unknown): VariableOperator {
  if (typeof op !== 'string' || !(VARIABLE_OPERATORS as readonly string[]).includes(op)) throw invalidRequest(`Invalid variable comparator specified: ${String(op)}`);
  return op as VariableOperator;
}

/** A GET parameter `name=key_op_value,…`; absent → undefined. */
export function variablesFromQuery(query: Record<string, unknown>, name: string): VariableFilter[] | undefined {
  const raw = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
  if (raw === undefined) return undefined;
  const text = String(raw);
  return text.split(',').map((expression) => {
    const parts = expression.split('_');
    if (parts.length !== 3) {
      throw invalidRequest(`Cannot set query parameter '${name}' to value '${text}': variable query parameter has to have format KEY_OPERATOR_VALUE.`);
    }
    return { name: parts[0], operator: operator(parts[1]), value: { kind: 'text' as const, value: parts[2] } };
  });
}

/** A POST body's `[{name, operator, value}]`; absent or null → undefined. */
export function variablesFromBody(body: Record<string, unknown>, name: string): VariableFilter[] | undefined {
  const list = body[name];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw invalidRequest(`Cannot set query parameter '${name}' to value '${JSON.stringify(list)}'`);
  return list.map((item: unknown) => {
    const v = (item ?? {}) as Record<string, unknown>;
    if (typeof v !== 'object' || typeof v.name !== 'string') throw invalidRequest(`Cannot set query parameter '${name}' to value '${JSON.stringify(item)}': a variable filter needs a name`);
    return { name: v.name, operator: operator(v.operator), value: filterValueOfJson(v.value) };
  });
}
