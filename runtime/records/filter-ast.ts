/**
 * The filter language's tree and the rules every condition obeys whichever form it was written in
 * (operators, value shapes, limits). `filter.ts` reads the JSON form, `filter-text.ts` the text form.
 */
import { issueMessage, type IssueText } from '../../metadata/index.js';
import { AppError } from '../errors.js';

export type FilterOp = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'contains' | 'startsWith' | 'isNull';
export type Scalar = string | number | boolean | null;
export interface Condition {
  field: string;
  op: FilterOp;
  value?: unknown;
}
export type FilterNode = { and: FilterNode[] } | { or: FilterNode[] } | { not: FilterNode } | Condition;

export const FILTER_OPS: readonly FilterOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'startsWith', 'isNull'];
/** Logical nesting (and/or/not levels on one branch). */
export const MAX_FILTER_DEPTH = 20;
export const MAX_FILTER_CONDITIONS = 200;
export const MAX_IN_VALUES = 1000;
/** Longest filter string accepted (text or JSON). */
export const MAX_FILTER_LENGTH = 100_000;
/** A field or lookup path: identifiers joined by dots (`account.industry`). */
export const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const OPS_BY_LOWER = new Map(FILTER_OPS.map((op) => [op.toLowerCase(), op]));

/** A filter refused at `path`: in English, or coded (the condition of a rule or trigger is then an issue in the user's language, and so is the error). */
export function badFilter(path: string, problem: string | IssueText): AppError {
  const message = typeof problem === 'string' ? problem : issueMessage(problem);
  const coded = typeof problem === 'string' ? {} : { code: problem.code, ...(problem.params ? { params: problem.params } : {}) };
  return new AppError('bad-filter', `invalid filter: ${message}`, [{ path, message, ...coded }]);
}

/** An operator name (case-insensitive) → its canonical spelling, or undefined. */
export function toOp(name: string): FilterOp | undefined {
  return OPS_BY_LOWER.get(name.toLowerCase());
}

export const isCondition = (n: FilterNode): n is Condition => 'field' in n;

/** Depth and size limits, for either form (and for ASTs built in code). */
export function checkLimits(node: FilterNode): void {
  let count = 0;
  const walk = (n: FilterNode, depth: number): void => {
    if (isCondition(n)) {
      if (++count > MAX_FILTER_CONDITIONS) throw badFilter('filter', `more than ${MAX_FILTER_CONDITIONS} conditions`);
      return;
    }
    if (depth + 1 > MAX_FILTER_DEPTH) throw badFilter('filter', `nested deeper than ${MAX_FILTER_DEPTH} levels`);
    if ('not' in n) walk(n.not, depth + 1);
    else for (const c of 'and' in n ? n.and : n.or) walk(c, depth + 1);
  };
  walk(node, 0);
}

/** Parse state shared by both input forms: conditions seen so far, and the variables in scope. */
export interface Counter {
  count: number;
  /** Values of `$name` (text) / `{"$var": "name"}` (JSON), e.g. `me` = the signed-in user's id. */
  vars?: Readonly<Record<string, Scalar>>;
}

/** A reference to a variable, as parsed; replaced by its value when the condition is built. */
export interface VarRef {
  $var: string;
}
export const isVarRef = (v: unknown): v is VarRef =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as VarRef).$var === 'string';

function resolveVars(value: unknown, src: ConditionSource, counter: Counter): unknown {
  const one = (x: unknown, i?: number): unknown => {
    if (!isVarRef(x)) return x;
    const vars = counter.vars ?? {};
    if (!Object.prototype.hasOwnProperty.call(vars, x.$var))
      throw src.value(`unknown variable '$${x.$var}'${Object.keys(vars).length ? `; known: ${Object.keys(vars).map((k) => '$' + k).join(', ')}` : ''}`, i);
    return vars[x.$var];
  };
  return Array.isArray(value) ? value.map((x, i) => one(x, i)) : one(value);
}

/** Where a condition's parts came from, for error messages: JSON paths or text columns. */
export interface ConditionSource {
  field(message: string): AppError;
  value(message: string, index?: number): AppError;
}

/** Errors located by JSON path: `filter/and/1/field`, `filter/and/1/value/3`. */
export function jsonSource(fieldPath: string, valuePath: string): ConditionSource {
  return {
    field: (m) => badFilter(fieldPath, m),
    value: (m, i) => badFilter(i === undefined ? valuePath : `${valuePath}/${i}`, m),
  };
}

/**
 * Build one condition, checking the field path's syntax and the value's shape for the operator
 * (`value` undefined = not given). Shared by both input forms.
 */
export function condition(field: string, op: FilterOp, raw: unknown, src: ConditionSource, counter: Counter): Condition {
  const value = resolveVars(raw, src, counter);
  if (!FIELD_PATH.test(field)) throw src.field(`'${field}' is not a field name or lookup path`);
  if (++counter.count > MAX_FILTER_CONDITIONS) throw src.field(`more than ${MAX_FILTER_CONDITIONS} conditions`);
  switch (op) {
    case 'isNull':
      if (value === undefined) return { field, op, value: true };
      if (typeof value !== 'boolean') throw src.value('isNull takes true or false');
      return { field, op, value };
    case 'in': {
      if (!Array.isArray(value)) throw src.value('in takes a list of values');
      if (value.length > MAX_IN_VALUES) throw src.value(`in takes at most ${MAX_IN_VALUES} values`);
      value.forEach((x, i) => {
        if (x === null) throw src.value('in values cannot be null; use isNull', i);
        const problem = scalarProblem(x);
        if (problem) throw src.value(problem, i);
      });
      return { field, op, value: [...value] };
    }
    case 'contains':
    case 'startsWith':
      if (typeof value !== 'string') throw src.value(`${op} takes a string`);
      return { field, op, value };
    default: {
      if (value === undefined) throw src.value(`missing value for '${op}'`);
      const problem = scalarProblem(value);
      if (problem) throw src.value(problem);
      if (value === null && op !== 'eq' && op !== 'ne') throw src.value(`'${op}' needs a value other than null`);
      return { field, op, value };
    }
  }
}

function scalarProblem(v: unknown): string | null {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? null : 'numbers must be finite';
  return 'expected a string, number, boolean or null';
}
