/**
 * Computed fields (`x-crm-computed`): a FEEL expression over other fields of the same record, e.g.
 * `amount * probability / 100`. Parsed with the FEEL grammar of @bpmn-io/lezer-feel into a small
 * typed tree (this file), checked against the entity's fields (checks/computed.ts), and turned
 * into the SQL of a stored generated column by the publish planner (runtime/publish) — so the value
 * is written with the row, in the same statement, and lists can sort and filter on it.
 *
 * The subset: numbers, strings, `true`/`false`/`null`, field names, `+ - * / **`, unary minus,
 * `= != < <= > >=`, `and`, `or`, `not(x)`, `if … then … else …`, parentheses, and the functions in
 * FUNCTIONS. Anything else is refused with where it stands.
 */
import { parser } from '@bpmn-io/lezer-feel';
import type { FieldKind } from './types.js';
import { issueMessage, type IssueText } from './issue-texts/index.js';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

export type ValueType = 'number' | 'string' | 'boolean' | 'date' | 'null';

export type ComputedExpr =
  | { k: 'literal'; type: ValueType; value: number | string | boolean | null }
  | { k: 'field'; name: string }
  | { k: 'arith'; op: '+' | '-' | '*' | '/' | '**'; l: ComputedExpr; r: ComputedExpr }
  | { k: 'neg'; e: ComputedExpr }
  | { k: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; l: ComputedExpr; r: ComputedExpr }
  | { k: 'logic'; op: 'and' | 'or'; l: ComputedExpr; r: ComputedExpr }
  | { k: 'call'; fn: string; args: ComputedExpr[] }
  | { k: 'if'; c: ComputedExpr; t: ComputedExpr; e: ComputedExpr };

/** Functions a computed expression may call: FEEL name → argument types and result. */
export const FUNCTIONS: Record<string, { args: ValueType[]; result: ValueType }> = {
  not: { args: ['boolean'], result: 'boolean' },
  abs: { args: ['number'], result: 'number' },
  floor: { args: ['number'], result: 'number' },
  ceiling: { args: ['number'], result: 'number' },
  decimal: { args: ['number', 'number'], result: 'number' },
  min: { args: ['number', 'number'], result: 'number' },
  max: { args: ['number', 'number'], result: 'number' },
  'string length': { args: ['string'], result: 'number' },
  'upper case': { args: ['string'], result: 'string' },
  'lower case': { args: ['string'], result: 'string' },
};

/** What is wrong with an expression: its `text` (code and params, metadata/issue-texts/) and the English message. */
export class ComputedSyntaxError extends Error {
  constructor(readonly text: IssueText) {
    super(issueMessage(text));
  }
}

/** A value type as a text inside an issue ("number" / “数字”). */
export const valueTypeText = (t: ValueType): IssueText => ({ code: `value-${t}` });

const text = (src: string, n: SyntaxNode) => src.slice(n.from, n.to);
const children = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};
const PUNCTUATION = new Set(['(', ')', 'if', 'then', 'else', 'and', 'or', ',']);
/** The operand children of a node (operators and keywords left out). */
const operands = (n: SyntaxNode) => children(n).filter((c) => !PUNCTUATION.has(c.name) && c.name !== 'ArithOp' && c.name !== 'CompareOp');

function unsupported(src: string, n: SyntaxNode): never {
  throw new ComputedSyntaxError({ code: 'computed-unsupported', params: { text: text(src, n), at: n.from + 1 } });
}

function build(src: string, n: SyntaxNode): ComputedExpr {
  switch (n.name) {
    case 'Expression':
    case 'ParenthesizedExpression': {
      const inner = operands(n);
      if (inner.length !== 1) unsupported(src, n);
      return build(src, inner[0]);
    }
    case 'NumericLiteral':
      return { k: 'literal', type: 'number', value: Number(text(src, n)) };
    case 'StringLiteral':
      return { k: 'literal', type: 'string', value: JSON.parse(text(src, n)) as string };
    case 'BooleanLiteral':
      return { k: 'literal', type: 'boolean', value: text(src, n) === 'true' };
    case 'null':
      return { k: 'literal', type: 'null', value: null };
    case 'VariableName':
      return { k: 'field', name: text(src, n) };
    case 'ArithmeticExpression': {
      const op = n.getChild('ArithOp');
      const args = operands(n);
      if (!op) unsupported(src, n);
      if (args.length === 1 && text(src, op) === '-') return { k: 'neg', e: build(src, args[0]) };
      if (args.length !== 2) unsupported(src, n);
      return { k: 'arith', op: text(src, op) as '+', l: build(src, args[0]), r: build(src, args[1]) };
    }
    case 'Comparison': {
      const op = n.getChild('CompareOp');
      const args = operands(n);
      if (!op || args.length !== 2 || !['=', '!=', '<', '<=', '>', '>='].includes(text(src, op))) unsupported(src, n);
      return { k: 'compare', op: text(src, op) as '=', l: build(src, args[0]), r: build(src, args[1]) };
    }
    case 'Conjunction':
    case 'Disjunction': {
      const args = operands(n);
      if (args.length !== 2) unsupported(src, n);
      return { k: 'logic', op: n.name === 'Conjunction' ? 'and' : 'or', l: build(src, args[0]), r: build(src, args[1]) };
    }
    case 'IfExpression': {
      const [c, t, e] = operands(n);
      if (!c || !t || !e) unsupported(src, n);
      return { k: 'if', c: build(src, c), t: build(src, t), e: build(src, e) };
    }
    case 'FunctionInvocation': {
      const callee = n.firstChild;
      const params = n.getChild('PositionalParameters');
      const fn = callee ? text(src, callee) : '';
      if (!callee || callee.name !== 'VariableName' || !Object.hasOwn(FUNCTIONS, fn)) {
        throw new ComputedSyntaxError({ code: 'computed-unknown-function', params: { fn, known: Object.keys(FUNCTIONS) } });
      }
      return { k: 'call', fn, args: params ? operands(params).map((a) => build(src, a)) : [] };
    }
    default:
      unsupported(src, n);
  }
}

/** The expression's tree; throws ComputedSyntaxError saying where it does not parse or what it does not support. */
export function parseComputed(src: string): ComputedExpr {
  const tree = parser.parse(src);
  let error: number | undefined;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError && error === undefined) error = n.from;
    },
  });
  if (error !== undefined) throw new ComputedSyntaxError({ code: 'computed-syntax', params: { at: error + 1 } });
  return build(src, tree.topNode);
}

/** The field names an expression reads, in order of first use. */
export function computedReferences(e: ComputedExpr): string[] {
  const out: string[] = [];
  const walk = (x: ComputedExpr): void => {
    if (x.k === 'field') {
      if (!out.includes(x.name)) out.push(x.name);
    } else if (x.k === 'neg') walk(x.e);
    else if (x.k === 'call') x.args.forEach(walk);
    else if (x.k === 'if') [x.c, x.t, x.e].forEach(walk);
    else if (x.k !== 'literal') [x.l, x.r].forEach(walk);
  };
  walk(e);
  return out;
}

/** The value type a field of each kind reads as in an expression (undefined: not usable). */
export function valueTypeOfKind(kind: FieldKind): ValueType | undefined {
  switch (kind) {
    case 'integer':
    case 'number':
    case 'money':
    case 'percent':
      return 'number';
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
    case 'enum':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    default:
      return undefined;
  }
}

/** Field kinds a computed field may have (its result is stored in a column of that kind). */
export const COMPUTED_KINDS: FieldKind[] = ['number', 'integer', 'money', 'percent', 'text', 'boolean', 'date'];

/**
 * The type of an expression, given the types of the fields it reads; throws ComputedSyntaxError
 * naming the operator or function whose operands do not fit. `null` fits every type.
 */
export function typeOf(e: ComputedExpr, fieldType: (name: string) => ValueType): ValueType {
  const fits = (t: ValueType, want: ValueType) => t === want || t === 'null';
  const ty = (x: ComputedExpr) => typeOf(x, fieldType);
  switch (e.k) {
    case 'literal':
      return e.type;
    case 'field':
      return fieldType(e.name);
    case 'neg':
      if (!fits(ty(e.e), 'number')) throw new ComputedSyntaxError({ code: 'computed-neg-number' });
      return 'number';
    case 'arith': {
      const [l, r] = [ty(e.l), ty(e.r)];
      if (e.op === '+' && (l === 'string' || r === 'string') && fits(l, 'string') && fits(r, 'string')) return 'string';
      if (!fits(l, 'number') || !fits(r, 'number')) {
        const params = { op: e.op, left: valueTypeText(l), right: valueTypeText(r) };
        throw new ComputedSyntaxError(e.op === '+' ? { code: 'computed-plus-numbers', params } : { code: 'computed-arith-numbers', params });
      }
      return 'number';
    }
    case 'compare': {
      const [l, r] = [ty(e.l), ty(e.r)];
      if (l !== r && l !== 'null' && r !== 'null') throw new ComputedSyntaxError({ code: 'computed-compare-types', params: { op: e.op, left: valueTypeText(l), right: valueTypeText(r) } });
      if (e.op !== '=' && e.op !== '!=' && l === 'boolean') throw new ComputedSyntaxError({ code: 'computed-order-booleans', params: { op: e.op } });
      return 'boolean';
    }
    case 'logic':
      if (!fits(ty(e.l), 'boolean') || !fits(ty(e.r), 'boolean')) throw new ComputedSyntaxError({ code: 'computed-logic-booleans', params: { op: e.op } });
      return 'boolean';
    case 'call': {
      const fn = FUNCTIONS[e.fn];
      if (e.args.length !== fn.args.length) throw new ComputedSyntaxError({ code: 'computed-arg-count', params: { fn: e.fn, count: fn.args.length, given: e.args.length } });
      e.args.forEach((a, i) => {
        if (!fits(ty(a), fn.args[i])) throw new ComputedSyntaxError({ code: 'computed-arg-type', params: { n: i + 1, fn: e.fn, type: valueTypeText(fn.args[i]) } });
      });
      if (e.fn === 'decimal' && !(e.args[1].k === 'literal' && Number.isInteger(e.args[1].value))) throw new ComputedSyntaxError({ code: 'computed-decimal-scale' });
      return fn.result;
    }
    case 'if': {
      if (!fits(ty(e.c), 'boolean')) throw new ComputedSyntaxError({ code: 'computed-if-condition' });
      const [t, f] = [ty(e.t), ty(e.e)];
      if (t !== f && t !== 'null' && f !== 'null') throw new ComputedSyntaxError({ code: 'computed-branch-types', params: { then: valueTypeText(t), else: valueTypeText(f) } });
      return t === 'null' ? f : t;
    }
  }
}
