/**
 * JUEL's operators (EL 2.2 §1.7–1.10, as Camunda's NumberOperations and BooleanOperations apply
 * them). `+` is never string concatenation; `/` always divides as Double; `%` divides as Long
 * unless an operand is a Double or a string with '.', 'e' or 'E'.
 */
import type { BinaryOperator } from './ast.js';
import { isDoubleOperand, toBoolean, toDouble, toLong, toStr } from './coerce.js';
import { fail } from './errors.js';
import { JavaNumber, asDouble, describe, javaEquals, kindOf, ownKeys } from './values.js';

const isNull = (v: unknown): boolean => v === null || v === undefined;
/** Long results: no negative zero (Java's long has none). */
const long = (n: number): number => n || 0;

type Arithmetic = '+' | '-' | '*' | '/' | '%';
const APPLY: Record<'+' | '-' | '*', (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
};

export function arithmetic(op: Arithmetic, a: unknown, b: unknown): number | JavaNumber {
  if (isNull(a) && isNull(b)) return 0;
  if (op === '/') return asDouble(toDouble(a) / toDouble(b));
  const double = isDoubleOperand(a) || isDoubleOperand(b);
  if (op === '%') {
    if (double) return asDouble(toDouble(a) % toDouble(b));
    const divisor = toLong(b);
    const dividend = toLong(a);
    if (divisor === 0) fail('evaluation', '/ by zero');
    return long(dividend % divisor);
  }
  return double ? asDouble(APPLY[op](toDouble(a), toDouble(b))) : long(APPLY[op](toLong(a), toLong(b)));
}

/** Unary minus: null → 0; a number keeps its type (Integer stays Integer); a string negates as Double or Long by its look; booleans fail. */
export function negate(v: unknown): number | JavaNumber {
  if (isNull(v)) return 0;
  if (typeof v === 'string') return isDoubleOperand(v) ? asDouble(-toDouble(v)) : long(-toLong(v));
  if (v instanceof JavaNumber) return v.type === 'double' ? asDouble(-v.value) : new JavaNumber(long(-v.value), v.type);
  if (typeof v === 'number') return kindOf(v) === 'long' ? long(-v) : -v;
  return fail('type', `Cannot negate ${describe(v)}`);
}

/** `==`: identical or both null; else by the first rule that applies: Double, Long, Boolean, String, equals. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b || (isNull(a) && isNull(b))) return true;
  if (isNull(a) || isNull(b)) return false;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'double' || kb === 'double') return Object.is(toDouble(a), toDouble(b)); // Double.equals
  if (ka === 'long' || kb === 'long') return toLong(a) === toLong(b);
  if (ka === 'boolean' || kb === 'boolean') return toBoolean(a) === toBoolean(b);
  if (ka === 'string' || kb === 'string') return toStr(a) === toStr(b);
  return javaEquals(a, b);
}

/** `<` without the identity/null rules: Double, Long, String, then Boolean (Comparable); else fail. */
function less(a: unknown, b: unknown): boolean {
  return compare(a, b, (x, y) => x < y);
}

function greater(a: unknown, b: unknown): boolean {
  return compare(a, b, (x, y) => x > y);
}

function compare(a: unknown, b: unknown, test: <T extends number | string>(x: T, y: T) => boolean): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'double' || kb === 'double') return test(toDouble(a), toDouble(b));
  if (ka === 'long' || kb === 'long') return test(toLong(a), toLong(b));
  if (ka === 'string' || kb === 'string') return test(toStr(a), toStr(b));
  if (ka === 'boolean' && kb === 'boolean') return test(Number(a), Number(b));
  return fail('type', `Cannot compare ${describe(a)} with ${describe(b)}`);
}

export function relational(op: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  const inclusive = op === '<=' || op === '>=';
  if (a === b) return inclusive;
  if (isNull(a) || isNull(b)) return false;
  switch (op) {
    case '<':
      return less(a, b);
    case '>':
      return greater(a, b);
    case '<=':
      return !greater(a, b);
    case '>=':
      return !less(a, b);
  }
}

/** `empty`: null, '', an empty list or an empty map. */
export function isEmpty(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'null':
      return true;
    case 'string':
      return v === '';
    case 'list':
      return (v as unknown[]).length === 0;
    case 'map':
      return ownKeys(v as object).length === 0;
    default:
      return false;
  }
}

/** The strict (non-short-circuit) binary operators. */
export function binary(op: Exclude<BinaryOperator, '&&' | '||'>, a: unknown, b: unknown): unknown {
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return relational(op, a, b);
    default:
      return arithmetic(op, a, b);
  }
}
