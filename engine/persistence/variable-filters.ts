/**
 * Camunda's variable filters (`variables=amount_gt_5`, POST `variables: [{name, operator, value}]`,
 * message correlation keys) as SQL over a jsonb object of stored variables (name → TypedValue):
 * `engine.process_instance.state->'variables'`, an execution's local variables, or historic
 * variables built into that shape. Values compare by kind, as Camunda's typed queries do: numbers
 * numerically across Integer/Short/Long/Double, strings as text (`like` only for strings), dates
 * as instants, booleans/null/Json only with `eq`/`neq`.
 */
import { invalidRequest } from '../errors.js';
import type { TypedValue } from '../values.js';
import type { Where } from './query.js';

export const VARIABLE_OPERATORS = ['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like'] as const;
export type VariableOperator = (typeof VARIABLE_OPERATORS)[number];

/** What a filter compares with. `text`: a GET query value, matched against whatever it can be read as. */
export type FilterValue =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'json'; type: string; value: unknown }
  | { kind: 'text'; value: string };

export interface VariableFilter {
  name: string;
  operator: VariableOperator;
  value: FilterValue;
}

export interface VariableMatching {
  namesIgnoreCase?: boolean;
  valuesIgnoreCase?: boolean;
}

const SQL_OP: Record<Exclude<VariableOperator, 'like'>, string> = { eq: '=', neq: '<>', gt: '>', gteq: '>=', lt: '<', lteq: '<=' };
const NUMERIC = `array['integer','short','long','double']`;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/;

/** A stored variable value as a filter value (correlation keys are typed values). */
export function filterValueOf(v: TypedValue): FilterValue {
  switch (v.type) {
    case 'integer':
    case 'short':
    case 'long':
    case 'double':
      return typeof v.value === 'number' ? { kind: 'number', value: v.value } : { kind: 'null' };
    case 'string':
      return { kind: 'string', value: String(v.value) };
    case 'boolean':
      return { kind: 'boolean', value: v.value === true };
    case 'date':
      return v.value === null ? { kind: 'null' } : { kind: 'date', value: String(v.value) };
    case 'null':
      return { kind: 'null' };
    default:
      return v.value === null ? { kind: 'null' } : { kind: 'json', type: v.type, value: v.value };
  }
}

/** A JSON request value (POST queries): its JSON type decides; strings that are Camunda dates compare as dates too. */
export function filterValueOfJson(value: unknown): FilterValue {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string') return DATE_TEXT.test(value) ? { kind: 'text', value } : { kind: 'string', value };
  return { kind: 'json', type: 'json', value };
}

function unsupported(op: VariableOperator, what: string): never {
  throw invalidRequest(`Invalid variable comparator specified: '${op}' cannot be used with ${what} values`);
}

/** The condition on one stored typed value `tv` (a jsonb expression `{type, value}`). */
export function valueCondition(w: Where, tv: string, op: VariableOperator, value: FilterValue, ignoreCase: boolean): string {
  const type = `${tv}->>'type'`;
  const text = (p: string) => (ignoreCase ? `lower(${p})` : p);
  const cmp = op === 'like' ? 'like' : SQL_OP[op];
  switch (value.kind) {
    case 'string':
      return `(${type} = 'string' and ${text(`${tv}->>'value'`)} ${cmp} ${text(w.param(value.value))})`;
    case 'number':
      if (op === 'like') unsupported(op, 'number');
      return `(${type} = any(${NUMERIC}) and (case when ${type} = any(${NUMERIC}) then (${tv}->>'value')::numeric end) ${cmp} ${w.param(value.value)}::numeric)`;
    case 'date':
      if (op === 'like') unsupported(op, 'date');
      return `(${type} = 'date' and (case when ${type} = 'date' and ${tv}->>'value' is not null then (${tv}->>'value')::timestamptz end) ${cmp} ${w.param(value.value)}::timestamptz)`;
    case 'boolean':
      if (op !== 'eq' && op !== 'neq') unsupported(op, 'boolean');
      return `(${type} = 'boolean' and ${tv}->'value' ${cmp} to_jsonb(${w.param(value.value)}::boolean))`;
    case 'null':
      if (op !== 'eq' && op !== 'neq') unsupported(op, 'null');
      return `(${tv}->'value' ${op === 'eq' ? 'is not distinct from' : 'is distinct from'} 'null'::jsonb)`;
    case 'json':
      if (op !== 'eq' && op !== 'neq') unsupported(op, 'Json');
      return `(${type} = ${w.param(value.type)} and ${tv}->'value' ${cmp} ${w.param(JSON.stringify(value.value))}::jsonb)`;
    case 'text':
      return textCondition(w, tv, op, value.value, ignoreCase);
  }
}

/** A GET query value is text: it matches string variables, and numbers/booleans/dates when it reads as one. */
function textCondition(w: Where, tv: string, op: VariableOperator, value: string, ignoreCase: boolean): string {
  const options = [valueCondition(w, tv, op, { kind: 'string', value }, ignoreCase)];
  if (op !== 'like') {
    if (value.trim() !== '' && Number.isFinite(Number(value))) options.push(valueCondition(w, tv, op, { kind: 'number', value: Number(value) }, false));
    if ((value === 'true' || value === 'false') && (op === 'eq' || op === 'neq')) options.push(valueCondition(w, tv, op, { kind: 'boolean', value: value === 'true' }, false));
    if (DATE_TEXT.test(value)) options.push(valueCondition(w, tv, op, { kind: 'date', value }, false));
  }
  return options.length === 1 ? options[0] : `(${options.join(' or ')})`;
}

/**
 * `exists` a variable named `f.name` in the jsonb object `source` whose value satisfies the filter.
 * Adds it to `w`.
 */
export function addVariableFilter(w: Where, source: string, f: VariableFilter, m: VariableMatching = {}): void {
  const name = m.namesIgnoreCase ? `lower(v.name) = lower(${w.param(f.name)})` : `v.name = ${w.param(f.name)}`;
  const cond = valueCondition(w, 'v.tv', f.operator, f.value, m.valuesIgnoreCase === true);
  w.add(`exists (select 1 from jsonb_each(coalesce(${source}, '{}'::jsonb)) as v(name, tv) where ${name} and ${cond})`);
}

export function addVariableFilters(w: Where, source: string, filters: VariableFilter[] | undefined, m: VariableMatching = {}): void {
  for (const f of filters ?? []) addVariableFilter(w, source, f, m);
}
