/**
 * The record filter language: one AST, two input forms. JSON (an object, or a string holding JSON)
 * is read here; the text form for URLs (`industry eq 'finance' and not amount gt 100`) is read by
 * `filter-text.ts`. Both end in the same `FilterNode` tree (`filter-ast.ts`), which `filter-sql.ts`
 * compiles to SQL with bind parameters — nothing from a filter is ever concatenated into SQL text.
 *
 * JSON forms: `{"and":[…]}`, `{"or":[…]}`, `{"not":{…}}`, a condition
 * `{"field":"account.industry","op":"eq","value":"finance"}`, the shorthand
 * `{"industry":{"eq":"finance"},"amount":{"gt":100},"name":"Acme"}` (several keys = and; a bare
 * value = eq), and a top-level array (= and). An empty `and` matches every row, an empty `or` none.
 * Errors name the JSON path, e.g. `filter/and/1/op`.
 *
 * Whether a field exists and whether a value fits its kind is decided by the compiler, which knows
 * the entity.
 */
import { badFilter, checkLimits, condition, jsonSource, MAX_FILTER_CONDITIONS, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, toOp } from './filter-ast.js';
import { isVarRef, type Condition, type Counter, type FilterNode, type Scalar } from './filter-ast.js';
import { parseTextFilter } from './filter-text.js';

export * from './filter-ast.js';

/** Parse a filter given as a JSON object, a JSON string, or a text-form string. */
export function parseFilter(input: unknown, vars: Readonly<Record<string, Scalar>> = {}): FilterNode {
  let node: FilterNode;
  if (typeof input === 'string') {
    if (input.length > MAX_FILTER_LENGTH) throw badFilter('filter', `longer than ${MAX_FILTER_LENGTH} characters`);
    const trimmed = input.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      let json: unknown;
      try {
        json = JSON.parse(trimmed);
      } catch (e) {
        throw badFilter('filter', `not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
      }
      node = fromJson(json, 'filter', 0, { count: 0, vars });
    } else {
      node = parseTextFilter(input, vars);
    }
  } else {
    node = fromJson(input, 'filter', 0, { count: 0, vars });
  }
  checkLimits(node);
  return node;
}

const LOGICAL = new Set(['and', 'or', 'not']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fromJson(v: unknown, path: string, depth: number, counter: Counter): FilterNode {
  if (Array.isArray(v)) {
    // A top-level array is shorthand for "and".
    if (depth > 0) throw badFilter(path, 'expected an object, found an array');
    return { and: logicalList(v, path, depth + 1, counter) };
  }
  if (!isPlainObject(v)) throw badFilter(path, 'expected an object');
  const keys = Object.keys(v);
  if (keys.length === 0) throw badFilter(path, 'empty filter object');
  if (typeof v.field === 'string') return conditionForm(v, path, counter);
  const logical = keys.filter((k) => LOGICAL.has(k));
  if (logical.length > 0) {
    if (keys.length > 1) throw badFilter(`${path}/${logical[0]}`, `'${logical[0]}' cannot be combined with other keys`);
    const key = logical[0];
    if (depth + 1 > MAX_FILTER_DEPTH) throw badFilter(path, `nested deeper than ${MAX_FILTER_DEPTH} levels`);
    if (key === 'not') return { not: fromJson(v.not, `${path}/not`, depth + 1, counter) };
    const list = v[key];
    if (!Array.isArray(list)) throw badFilter(`${path}/${key}`, `'${key}' takes an array of filters`);
    const children = logicalList(list, `${path}/${key}`, depth + 1, counter);
    return key === 'and' ? { and: children } : { or: children };
  }
  return shorthand(v, path, depth, counter);
}

function logicalList(list: unknown[], path: string, depth: number, counter: Counter): FilterNode[] {
  if (list.length > MAX_FILTER_CONDITIONS) throw badFilter(path, `more than ${MAX_FILTER_CONDITIONS} entries`);
  return list.map((c, i) => fromJson(c, `${path}/${i}`, depth, counter));
}

/** `{"field": "account.industry", "op": "eq", "value": "finance"}` */
function conditionForm(v: Record<string, unknown>, path: string, counter: Counter): Condition {
  for (const k of Object.keys(v)) {
    if (k !== 'field' && k !== 'op' && k !== 'value') throw badFilter(`${path}/${k}`, `unexpected key '${k}' in a condition`);
  }
  if (typeof v.op !== 'string') throw badFilter(`${path}/op`, 'missing operator');
  const op = toOp(v.op);
  if (!op) throw badFilter(`${path}/op`, `unknown operator '${v.op}'`);
  return condition(v.field as string, op, v.value, jsonSource(`${path}/field`, `${path}/value`), counter);
}

/** `{"industry": {"eq": "finance"}, "amount": {"gt": 100}, "name": "Acme"}` — several keys are "and". */
function shorthand(v: Record<string, unknown>, path: string, depth: number, counter: Counter): FilterNode {
  const parts: Condition[] = [];
  for (const [field, spec] of Object.entries(v)) {
    const fieldPath = `${path}/${field}`;
    if (isPlainObject(spec) && !isVarRef(spec)) {
      const ops = Object.keys(spec);
      if (ops.length === 0) throw badFilter(fieldPath, 'no operator given');
      for (const name of ops) {
        const op = toOp(name);
        if (!op) throw badFilter(`${fieldPath}/${name}`, `unknown operator '${name}'`);
        const at = `${fieldPath}/${name}`;
        parts.push(condition(field, op, spec[name] ?? null, jsonSource(fieldPath, at), counter));
      }
    } else if (Array.isArray(spec)) {
      throw badFilter(fieldPath, 'use {"in": [...]} to match one of several values');
    } else {
      parts.push(condition(field, 'eq', spec ?? null, jsonSource(fieldPath, fieldPath), counter));
    }
  }
  if (parts.length === 1) return parts[0];
  if (depth + 1 > MAX_FILTER_DEPTH) throw badFilter(path, `nested deeper than ${MAX_FILTER_DEPTH} levels`);
  return { and: parts };
}

