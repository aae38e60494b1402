/**
 * Property check: random trees of small integers, booleans, arithmetic, comparisons, logic and the
 * ternary are printed as expression text with the fewest parentheses precedence allows (keywords
 * and symbols mixed), then evaluated by the engine and by a tiny reference interpreter over the
 * tree itself. They must agree — on values, on their Java type (Long or Double, `-0.0` too) and on
 * `% 0` failures — for every tree.
 */
import { ExpressionError, JavaNumber, compileExpression } from '../../../engine/expressions/index.js';
import { contextOf } from './support.js';

type Op = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||';
type Tree =
  | { t: 'lit'; v: number | boolean }
  | { t: 'neg' | 'not'; x: Tree }
  | { t: 'bin'; op: Op; l: Tree; r: Tree }
  | { t: 'if'; c: Tree; a: Tree; b: Tree };

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20240603);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

function numeric(depth: number): Tree {
  const r = random();
  if (depth <= 0 || r < 0.25) return { t: 'lit', v: Math.floor(random() * 21) };
  if (r < 0.35) return { t: 'neg', x: numeric(depth - 1) };
  if (r < 0.85) return { t: 'bin', op: pick(['+', '-', '*', '/', '%'] as const), l: numeric(depth - 1), r: numeric(depth - 1) };
  return { t: 'if', c: boolean(depth - 1), a: numeric(depth - 1), b: numeric(depth - 1) };
}

function boolean(depth: number): Tree {
  const r = random();
  if (depth <= 0 || r < 0.15) return { t: 'lit', v: random() < 0.5 };
  if (r < 0.5) return { t: 'bin', op: pick(['<', '>', '<=', '>=', '==', '!='] as const), l: numeric(depth - 1), r: numeric(depth - 1) };
  if (r < 0.75) return { t: 'bin', op: pick(['&&', '||'] as const), l: boolean(depth - 1), r: boolean(depth - 1) };
  if (r < 0.85) return { t: 'not', x: boolean(depth - 1) };
  if (r < 0.92) return { t: 'bin', op: pick(['==', '!='] as const), l: boolean(depth - 1), r: boolean(depth - 1) };
  return { t: 'if', c: boolean(depth - 1), a: boolean(depth - 1), b: boolean(depth - 1) };
}

// ---- the reference: the documented semantics, computed directly on the tree ----

class DivisionByZero extends Error {}
/** A number with its Java type: a Long, or a Double — also when integral (`12 / 4` is `3.0`). */
interface Num {
  n: number;
  double: boolean;
}
const long = (n: number): Num => ({ n: n || 0, double: false });
const double = (n: number): Num => ({ n, double: true });

function reference(tree: Tree): Num | boolean {
  switch (tree.t) {
    case 'lit':
      return typeof tree.v === 'boolean' ? tree.v : long(tree.v);
    case 'neg': {
      const x = reference(tree.x) as Num;
      return x.double ? double(-x.n) : long(-x.n);
    }
    case 'not':
      return !reference(tree.x);
    case 'if':
      return reference(tree.c) ? reference(tree.a) : reference(tree.b);
    case 'bin': {
      if (tree.op === '&&') return reference(tree.l) ? reference(tree.r) : false;
      if (tree.op === '||') return reference(tree.l) ? true : reference(tree.r);
      const x = reference(tree.l);
      const y = reference(tree.r);
      if (typeof x === 'boolean' || typeof y === 'boolean') return tree.op === '==' ? x === y : x !== y;
      const asDouble = x.double || y.double;
      const result = (n: number) => (asDouble ? double(n) : long(n));
      const [a, b] = [x.n, y.n];
      switch (tree.op) {
        case '+':
          return result(a + b);
        case '-':
          return result(a - b);
        case '*':
          return result(a * b);
        case '/':
          return double(a / b);
        case '%':
          if (!asDouble && b === 0) throw new DivisionByZero();
          return result(a % b);
        case '==':
          return a === b || (Number.isNaN(a) && Number.isNaN(b));
        case '!=':
          return !(a === b || (Number.isNaN(a) && Number.isNaN(b)));
        case '<':
          return a !== b && a < b;
        case '>':
          return a !== b && a > b;
        case '<=':
          return a === b || !(a > b);
        case '>=':
          return a === b || !(a < b);
      }
    }
  }
}

/** The engine's typed result in the reference's form. */
function typed(v: unknown): Num | boolean | string {
  if (v instanceof JavaNumber) return v.type === 'double' ? double(v.value) : long(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? long(v) : double(v);
  return typeof v === 'boolean' ? v : `unexpected ${String(v)}`;
}

const show = (v: Num | boolean | string): string => (typeof v === 'object' ? `${Object.is(v.n, -0) ? '-0' : String(v.n)}${v.double ? 'd' : 'L'}` : String(v));

// ---- the printer: fewest parentheses, random keyword spellings ----

const PRECEDENCE: Record<Op, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
const KEYWORD: Partial<Record<Op, string>> = { '||': 'or', '&&': 'and', '==': 'eq', '!=': 'ne', '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '/': 'div', '%': 'mod' };

function print(tree: Tree): { text: string; precedence: number } {
  const wrap = (inner: { text: string; precedence: number }, needed: boolean) => (needed || random() < 0.05 ? `(${inner.text})` : inner.text);
  switch (tree.t) {
    case 'lit':
      return { text: String(tree.v), precedence: 8 };
    case 'neg':
    case 'not': {
      const operand = print(tree.x);
      const operator = tree.t === 'neg' ? '-' : random() < 0.5 ? '!' : 'not ';
      return { text: `${operator}${wrap(operand, operand.precedence < 7)}`, precedence: 7 };
    }
    case 'bin': {
      const p = PRECEDENCE[tree.op];
      const operator = KEYWORD[tree.op] && random() < 0.4 ? KEYWORD[tree.op] : tree.op;
      return { text: `${wrap(print(tree.l), print(tree.l).precedence < p)} ${operator} ${wrap(print(tree.r), print(tree.r).precedence <= p)}`, precedence: p };
    }
    case 'if': {
      const test = print(tree.c);
      return { text: `${wrap(test, test.precedence <= 0)} ? ${print(tree.a).text} : ${print(tree.b).text}`, precedence: 0 };
    }
  }
}

test('given 3,000 random trees printed with minimal parentheses, when evaluated, then the engine agrees with the reference interpreter', () => {
  const ctx = contextOf({});
  const mismatches: string[] = [];
  let divisionsByZero = 0;
  for (let i = 0; i < 3000; i++) {
    const tree = i % 3 === 0 ? boolean(4) : numeric(4);
    const source = `\${${print(tree).text}}`;
    let expected: Num | boolean | 'division by zero';
    try {
      expected = reference(tree);
    } catch (e) {
      if (!(e instanceof DivisionByZero)) throw e;
      expected = 'division by zero';
      divisionsByZero++;
    }
    let actual: unknown;
    try {
      actual = typed(compileExpression(source).evaluateTyped(ctx));
    } catch (e) {
      actual = e instanceof ExpressionError && e.code === 'evaluation' && e.reason === '/ by zero' ? 'division by zero' : `error: ${(e as Error).message}`;
    }
    const same = typeof expected === 'object' && typeof actual === 'object' ? Object.is((actual as Num).n, expected.n) && (actual as Num).double === expected.double : actual === expected;
    if (!same) mismatches.push(`${source} → ${show(actual as Num)}, reference ${show(expected)}`);
  }
  expect(mismatches).toEqual([]);
  expect(divisionsByZero).toBeGreaterThan(0); // the generator does reach the failure path
});
