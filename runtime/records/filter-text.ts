/**
 * The text form of the filter language, for URLs:
 *
 *   industry eq 'finance' and (amount gt 100 or not name startsWith 'A') and state in ('a','b')
 *
 * Grammar (keywords and operators case-insensitive; precedence not > and > or):
 *
 *   filter    := or EOF
 *   or        := and ('or' and)*
 *   and       := unary ('and' unary)*
 *   unary     := 'not' unary | '(' or ')' | condition
 *   condition := PATH OP value
 *   value     := literal | '(' [literal (',' literal)*] ')'     -- a list, for `in`
 *   literal   := STRING | NUMBER | true | false | null | $VAR   -- `isNull` may omit its value (= true)
 *
 * `$me` (and any other variable the caller passes) stands for a value known only at request time,
 * e.g. `ownerId eq $me` for "my records".
 *
 * Strings are single- or double-quoted with backslash escapes (\\ \' \" \n \r \t \/ \uXXXX).
 * Every error names the 1-based column where it was found.
 */
import type { AppError } from '../errors.js';
import { badFilter, condition, MAX_FILTER_DEPTH, toOp, type Counter, type FilterNode, type Scalar, type VarRef } from './filter-ast.js';

type Token =
  | { kind: '(' | ')' | ',' | 'end'; col: number; text: string }
  | { kind: 'string'; col: number; text: string; value: string }
  | { kind: 'number'; col: number; text: string; value: number }
  | { kind: 'word'; col: number; text: string }
  | { kind: 'var'; col: number; text: string; name: string };

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', '/': '/' };

const errorAt = (message: string, col: number): AppError => badFilter('filter', `${message} at column ${col}`);

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    const col = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, col, text: ch });
      i++;
    } else if (ch === "'" || ch === '"') {
      const { value, end } = readString(input, i);
      tokens.push({ kind: 'string', col, text: input.slice(i, end), value });
      i = end;
    } else if (/[-0-9]/.test(ch)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(input);
      if (!m) throw errorAt(`unexpected character '${ch}'`, col);
      const end = i + m[0].length;
      if (end < input.length && /[A-Za-z_.]/.test(input[end])) throw errorAt(`malformed number '${input.slice(i, end + 1)}'`, col);
      const value = Number(m[0]);
      if (!Number.isFinite(value)) throw errorAt(`number '${m[0]}' is out of range`, col);
      tokens.push({ kind: 'number', col, text: m[0], value });
      i = end;
    } else if (ch === '$' && /[A-Za-z_]/.test(input[i + 1] ?? '')) {
      WORD.lastIndex = i + 1;
      const m = WORD.exec(input)!;
      tokens.push({ kind: 'var', col, text: '$' + m[0], name: m[0] });
      i += 1 + m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      WORD.lastIndex = i;
      const m = WORD.exec(input)!;
      tokens.push({ kind: 'word', col, text: m[0] });
      i += m[0].length;
    } else {
      throw errorAt(`unexpected character '${ch}'`, col);
    }
  }
  tokens.push({ kind: 'end', col: input.length + 1, text: '' });
  return tokens;
}

function readString(input: string, start: number): { value: string; end: number } {
  const quote = input[start];
  let out = '';
  let i = start + 1;
  while (i < input.length) {
    const ch = input[i];
    if (ch === quote) return { value: out, end: i + 1 };
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const esc = input[i + 1];
    if (esc === undefined) break;
    if (esc === 'u') {
      const hex = input.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw errorAt('malformed \\u escape', i + 1);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else if (Object.hasOwn(ESCAPES, esc)) {
      out += ESCAPES[esc];
      i += 2;
    } else {
      throw errorAt(`unknown escape '\\${esc}'`, i + 1);
    }
  }
  throw errorAt('unterminated string', start + 1);
}

const isWord = (t: Token, word: string): boolean => t.kind === 'word' && t.text.toLowerCase() === word;
const KEYWORDS = ['and', 'or', 'not'];
const LITERALS = new Map<string, Scalar>([
  ['true', true],
  ['false', false],
  ['null', null],
]);

class Parser {
  private pos = 0;
  private readonly counter: Counter;
  constructor(
    private readonly tokens: Token[],
    vars: Readonly<Record<string, Scalar>>,
  ) {
    this.counter = { count: 0, vars };
  }

  parse(): FilterNode {
    const node = this.or(0);
    const t = this.peek();
    if (t.kind !== 'end') throw this.unexpected(t);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  private unexpected(t: Token): AppError {
    return t.kind === 'end' ? errorAt('unexpected end of filter', t.col) : errorAt(`unexpected token '${t.text}'`, t.col);
  }
  private expect(kind: Token['kind']): Token {
    const t = this.next();
    if (t.kind !== kind) throw this.unexpected(t);
    return t;
  }

  private or(depth: number): FilterNode {
    const parts = [this.and(depth)];
    while (isWord(this.peek(), 'or')) {
      this.next();
      parts.push(this.and(depth));
    }
    return parts.length === 1 ? parts[0] : { or: parts };
  }

  private and(depth: number): FilterNode {
    const parts = [this.unary(depth)];
    while (isWord(this.peek(), 'and')) {
      this.next();
      parts.push(this.unary(depth));
    }
    return parts.length === 1 ? parts[0] : { and: parts };
  }

  private unary(depth: number): FilterNode {
    const t = this.peek();
    if (isWord(t, 'not') || t.kind === '(') {
      // Bound the recursion before it can run deep; checkLimits then applies the exact AST limit.
      if (depth + 1 > MAX_FILTER_DEPTH) throw errorAt(`filter nested deeper than ${MAX_FILTER_DEPTH} levels`, t.col);
      this.next();
      if (t.kind === 'word') return { not: this.unary(depth + 1) };
      const inner = this.or(depth + 1);
      this.expect(')');
      return inner;
    }
    return this.condition();
  }

  private condition(): FilterNode {
    const f = this.next();
    if (f.kind !== 'word' || KEYWORDS.includes(f.text.toLowerCase()) || LITERALS.has(f.text.toLowerCase())) {
      throw f.kind === 'end' ? this.unexpected(f) : errorAt(`expected a field name, found '${f.text}'`, f.col);
    }
    const o = this.next();
    if (o.kind !== 'word') throw o.kind === 'end' ? errorAt('expected an operator', o.col) : this.unexpected(o);
    const op = toOp(o.text);
    if (!op) throw errorAt(`unknown operator '${o.text}'`, o.col);
    const valueTok = this.peek();
    let value: unknown;
    let listCols: number[] = [];
    if (op === 'in') {
      ({ values: value, cols: listCols } = this.list());
    } else if (op === 'isNull') {
      const b = LITERALS.get(valueTok.text.toLowerCase());
      if (valueTok.kind === 'word' && typeof b === 'boolean') {
        this.next();
        value = b;
      } else if (valueTok.kind === 'string' || valueTok.kind === 'number' || valueTok.kind === '(' || isWord(valueTok, 'null')) {
        throw errorAt('isNull takes true or false', valueTok.col);
      }
    } else {
      value = this.literal();
    }
    return condition(f.text, op, value, {
      field: (m) => errorAt(m, f.col),
      value: (m, i) => errorAt(m, i === undefined ? valueTok.col : listCols[i]),
    }, this.counter);
  }

  private list(): { values: (Scalar | VarRef)[]; cols: number[] } {
    const open = this.next();
    if (open.kind !== '(') throw open.kind === 'end' ? errorAt("expected '(' and a list of values", open.col) : errorAt(`expected '(' and a list of values, found '${open.text}'`, open.col);
    const values: (Scalar | VarRef)[] = [];
    const cols: number[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return { values, cols };
    }
    for (;;) {
      cols.push(this.peek().col);
      values.push(this.literal());
      const t = this.next();
      if (t.kind === ')') return { values, cols };
      if (t.kind !== ',') throw this.unexpected(t);
    }
  }

  private literal(): Scalar | VarRef {
    const t = this.next();
    if (t.kind === 'string' || t.kind === 'number') return t.value;
    if (t.kind === 'var') return { $var: t.name };
    if (t.kind === 'word' && LITERALS.has(t.text.toLowerCase())) return LITERALS.get(t.text.toLowerCase())!;
    if (t.kind === 'end') throw errorAt('expected a value', t.col);
    throw errorAt(`expected a value, found '${t.text}'`, t.col);
  }
}

export function parseTextFilter(input: string, vars: Readonly<Record<string, Scalar>> = {}): FilterNode {
  const tokens = tokenize(input);
  if (tokens.length === 1) throw errorAt('empty filter', 1);
  return new Parser(tokens, vars).parse();
}
