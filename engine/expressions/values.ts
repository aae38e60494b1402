/**
 * The values an expression handles and how they map to the Java types Camunda's JUEL sees:
 * null; boolean (Boolean); number — an integral number is a Long, any other a Double; a
 * `JavaNumber` where a plain number cannot tell its Java type (an Integer or Short variable, a
 * Double with an integral value such as `1.5 * 2`); string (String); array (java.util.List); plain
 * object (java.util.Map); the execution. Anything else a variable may hold is opaque. Object members are read only as own enumerable data properties, so
 * no expression ever reaches a prototype, a getter or a function.
 */
import type { ExpressionContext } from './types.js';

/** The `execution` identifier's value. */
export class ExecutionRef {
  constructor(readonly ctx: ExpressionContext) {}
}

/**
 * A number whose Java type is not the one a plain JS number implies: an Integer or Short (JUEL
 * keeps the type through negation, `?:` and reads; arithmetic makes a Long) or a Double with an
 * integral value (`3.0`). Operators and coercions read `value`; the shell stores `type`.
 */
export class JavaNumber {
  constructor(
    readonly value: number,
    readonly type: 'integer' | 'short' | 'double',
  ) {}
}

/** A Double result: boxed when integral, so that it stays a Double (`3.0`), not a Long. */
export const asDouble = (n: number): number | JavaNumber => (Number.isInteger(n) ? new JavaNumber(n, 'double') : n);

/** A Java `int` result (`size()`, `length()`): an Integer. */
export const javaInt = (n: number): JavaNumber => new JavaNumber(n, 'integer');

/** The plain value of a `JavaNumber`; anything else unchanged. */
export const unbox = (v: unknown): unknown => (v instanceof JavaNumber ? v.value : v);

export type ValueKind = 'null' | 'boolean' | 'long' | 'double' | 'string' | 'list' | 'map' | 'execution' | 'other';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  // An object literal of any realm (Jest's VM contexts, structuredClone there): its prototype is
  // that realm's Object.prototype, whose own prototype is null. Class instances are refused.
  return proto === null || proto === Object.prototype || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === '[object Object]');
}

export function kindOf(v: unknown): ValueKind {
  if (v === null || v === undefined) return 'null';
  if (v instanceof JavaNumber) return v.type === 'double' ? 'double' : 'long';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? 'long' : 'double';
    case 'string':
      return 'string';
  }
  if (Array.isArray(v)) return 'list';
  if (isPlainObject(v)) return 'map';
  return v instanceof ExecutionRef ? 'execution' : 'other';
}

const NOT_FOUND = { found: false } as const;

/** An own, enumerable data property of `obj` — never an inherited member, a getter or a symbol. */
export function ownData(obj: object, key: string): { found: true; value: unknown } | { found: false } {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (d === undefined || !d.enumerable || !('value' in d)) return NOT_FOUND;
  return { found: true, value: d.value === undefined ? null : d.value };
}

/** Own enumerable data keys (what `size()`/`empty` count on a map). */
export const ownKeys = (obj: object): string[] => Object.keys(obj).filter((k) => ownData(obj, k).found);

/** Java's String.valueOf for a Long or a Double (Double.toString: `3.0`, `1.0E7`, `1.5E-4`). */
export function javaNumberString(v: number | JavaNumber): string {
  const n = v instanceof JavaNumber ? v.value : v;
  if (kindOf(v) === 'long') return String(n === 0 ? 0 : n);
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (Object.is(n, -0)) return '-0.0';
  if (abs >= 1e-3 && abs < 1e7) return Number.isInteger(n) ? `${n}.0` : String(n);
  if (n === 0) return '0.0';
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}

/** Java's equals between two values of the same kind family (List/Map compare element-wise). */
export function javaEquals(x: unknown, y: unknown): boolean {
  const a = unbox(x);
  const b = unbox(y);
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  if (ka === 'list') {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => javaEquals(v ?? null, y[i] ?? null));
  }
  if (ka === 'map') {
    const x = a as object;
    const y = b as object;
    const keys = ownKeys(x);
    if (keys.length !== ownKeys(y).length) return false;
    return keys.every((k) => {
      const mine = ownData(x, k);
      const other = ownData(y, k);
      return mine.found && other.found && javaEquals(mine.value, other.value);
    });
  }
  if (ka === 'null') return true;
  return false;
}

/** A short description of a value for messages: `'abc'`, `5`, `a list`, … */
export function describe(v: unknown): string {
  switch (kindOf(v)) {
    case 'null':
      return 'null';
    case 'string': {
      const s = v as string;
      return `'${s.length > 60 ? `${s.slice(0, 57)}...` : s}'`;
    }
    case 'long':
    case 'double':
      return javaNumberString(v as number | JavaNumber);
    case 'boolean':
      return String(v);
    case 'list':
      return 'a list';
    case 'map':
      return 'a map';
    case 'execution':
      return 'the execution';
    default:
      return `a value of type ${typeName(v)}`;
  }
}

/** The type as a message names it. */
export function typeName(v: unknown): string {
  const kind = kindOf(v);
  if (kind === 'long' || kind === 'double') return 'number';
  if (kind !== 'other') return kind;
  return typeof v === 'object' ? Object.prototype.toString.call(v).slice(8, -1) : typeof v;
}
