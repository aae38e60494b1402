/**
 * JUEL's coercions (EL 2.2 §1.18, as Camunda's TypeConverterImpl applies them). Each either
 * returns the coerced value or fails with `type`.
 */
import { fail } from './errors.js';
import { JavaNumber, describe, javaNumberString, kindOf, typeName } from './values.js';

const LONG_TEXT = /^[+-]?\d+$/;
const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

const cannot = (v: unknown, target: string): never => fail('type', `Cannot coerce ${describe(v)} (${typeName(v)}) to ${target}`);

/** To Boolean: null and '' → false; a string → whether it is 'true' ignoring case; numbers fail. */
export function toBoolean(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.toLowerCase() === 'true';
  return cannot(v, 'a boolean');
}

/** To Long: null and '' → 0; a number → truncated; a string of digits → its value; else fail. */
export function toLong(v: unknown): number {
  if (v === null || v === undefined || v === '') return 0;
  if (v instanceof JavaNumber) return Math.trunc(v.value) || 0;
  if (typeof v === 'number') return Math.trunc(v) || 0;
  if (typeof v === 'string' && LONG_TEXT.test(v)) {
    const big = BigInt(v);
    if (big >= LONG_MIN && big <= LONG_MAX) return Number(big);
  }
  return cannot(v, 'a whole number (java.lang.Long)');
}

/** To Integer (method arguments, list indexes): as Long, within the int range. */
export function toInt(v: unknown): number {
  if (typeof v === 'string' && LONG_TEXT.test(v)) {
    const n = Number(v);
    if (n >= INT_MIN && n <= INT_MAX) return n;
    return cannot(v, 'an integer (java.lang.Integer)');
  }
  return toLong(v);
}

/** To Double: null and '' → 0; a number; a string in Java's Double syntax; else fail. */
export function toDouble(v: unknown): number {
  if (v === null || v === undefined || v === '') return 0;
  if (v instanceof JavaNumber) return v.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const text = javaTrim(v);
    if (DOUBLE_TEXT.test(text)) return Number(text.replace(/[fFdD]$/, ''));
  }
  return cannot(v, 'a number (java.lang.Double)');
}

/** To String: null → ''; numbers as Java prints them; lists and maps as JSON. */
export function toStr(v: unknown): string {
  switch (kindOf(v)) {
    case 'null':
      return '';
    case 'string':
      return v as string;
    case 'boolean':
      return String(v);
    case 'long':
    case 'double':
      return javaNumberString(v as number | JavaNumber);
    case 'list':
    case 'map':
      return JSON.stringify(v);
    case 'execution':
      return 'execution';
    default:
      return v instanceof Date ? v.toISOString() : Object.prototype.toString.call(v);
  }
}

/** Whether an arithmetic operand selects Double arithmetic: a Double, or a string with '.', 'e' or 'E'. */
export const isDoubleOperand = (v: unknown): boolean =>
  kindOf(v) === 'double' || (typeof v === 'string' && /[.eE]/.test(v));

/** Java's String.trim: strips characters up to U+0020 at both ends. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  return s.slice(start, end);
}
