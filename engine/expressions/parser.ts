/**
 * Recursive-descent parser for JUEL 2.2 (EL spec §1.19), as Camunda 7's JUEL builds its tree:
 *
 *   template := text? (eval text?)*            — all evals `${…}` or all `#{…}`, never mixed
 *   eval     := ('${' | '#{') expr '}'
 *   expr     := or ('?' expr ':' expr)?
 *   or       := and (('||' | 'or') and)*
 *   and      := eq (('&&' | 'and') eq)*
 *   eq       := cmp (('==' | 'eq' | '!=' | 'ne') cmp)*
 *   cmp      := add (('<' | 'lt' | '>' | 'gt' | '<=' | 'le' | '>=' | 'ge') add)*
 *   add      := mul (('+' | '-') mul)*
 *   mul      := unary (('*' | '/' | 'div' | '%' | 'mod') unary)*
 *   unary    := ('-' | '!' | 'not' | 'empty') unary | value
 *   value    := (identifier | literal | '(' expr ')') ('.' identifier args? | '[' expr ']' args?)*
 *   args     := '(' (expr (',' expr)*)? ')'
 *
 * Function calls (`f()`, `ns:f()`) parse, but no function is defined, so they are refused here as
 * Camunda refuses an unknown function when it creates the expression.
 */
import { MAX_DEPTH, type BinaryOperator, type Node, type Template, type UnaryOperator } from './ast.js';
import { ExpressionError } from './errors.js';
import { Lexer, type Token, type TokenKind } from './lexer.js';
import { asDouble, type JavaNumber } from './values.js';

const LEVELS: readonly (readonly TokenKind[])[] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];
const LONG_MAX = 2n ** 63n - 1n;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type NodeInit = DistributiveOmit<Node, 'depth'>;

/** Parses an expression text; throws `ExpressionError` (`syntax`, or `method` for a function call). */
export function parseTemplate(source: string): Template {
  return new Parser(source).template();
}

class Parser {
  private readonly lexer: Lexer;
  private readonly lookahead: Token[] = [];
  private nesting = 0;
  /** End offset of the last consumed token. */
  private previousEnd = 0;

  constructor(private readonly source: string) {
    this.lexer = new Lexer(source);
  }

  template(): Template {
    const parts: (string | Node)[] = [];
    let marker: '${' | '#{' | null = null;
    while (!this.lexer.atEnd()) {
      const text = this.lexer.readText();
      if (text !== '') parts.push(text);
      const start = this.lexer.evalStart();
      if (start === null) break;
      if (marker !== null && start !== marker) this.syntax(this.lexer.pos, `'${start}'`, `'${marker}'`);
      marker = start;
      this.lexer.pos += 2;
      parts.push(this.expression());
      this.expect('}');
    }
    if (parts.every((p) => typeof p === 'string')) return { kind: 'text', text: parts.join('') };
    if (parts.length === 1) return { kind: 'eval', node: parts[0] as Node };
    return { kind: 'composite', parts };
  }

  private expression(): Node {
    this.enter();
    let node = this.binary(0);
    if (this.peek().kind === '?') {
      this.next();
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      node = this.node({ kind: 'conditional', test: node, then, otherwise, start: node.start, end: otherwise.end }, node, then, otherwise);
    }
    this.nesting--;
    return node;
  }

  private binary(level: number): Node {
    if (level === LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (LEVELS[level].includes(this.peek().kind)) {
      const operator = this.next().kind as BinaryOperator;
      const right = this.binary(level + 1);
      left = this.node({ kind: 'binary', operator, left, right, start: left.start, end: right.end }, left, right);
    }
    return left;
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind !== '-' && t.kind !== '!' && t.kind !== 'empty') return this.value();
    this.next();
    this.enter();
    const operand = this.unary();
    this.nesting--;
    return this.node({ kind: 'unary', operator: t.kind as UnaryOperator, operand, start: t.start, end: operand.end }, operand);
  }

  private value(): Node {
    let node = this.primary();
    for (;;) {
      const t = this.peek();
      let property: string | Node;
      if (t.kind === '.') {
        this.next();
        property = this.expect('identifier', 'an identifier').value;
      } else if (t.kind === '[') {
        this.next();
        property = this.expression();
        this.expect(']');
      } else {
        return node;
      }
      const children = typeof property === 'string' ? [node] : [node, property];
      if (this.peek().kind === '(') {
        const { args, end } = this.args();
        node = this.node({ kind: 'call', object: node, method: property, args, start: node.start, end }, ...children, ...args);
      } else {
        node = this.node({ kind: 'member', object: node, property, start: node.start, end: this.previousEnd }, ...children);
      }
    }
  }

  private primary(): Node {
    const t = this.next();
    const literal = (value: string | number | JavaNumber | boolean | null): Node => this.node({ kind: 'literal', value, start: t.start, end: t.end });
    switch (t.kind) {
      case 'identifier':
        if (this.peek().kind === ':' && this.peek(1).kind === 'identifier' && this.peek(2).kind === '(') {
          throw this.unknownFunction(`${t.value}:${this.peek(1).value}`, t.start);
        }
        if (this.peek().kind === '(') throw this.unknownFunction(t.value, t.start);
        return this.node({ kind: 'identifier', name: t.value, start: t.start, end: t.end });
      case '(': {
        const inner = this.expression();
        this.expect(')');
        return inner;
      }
      case 'string':
        return literal(t.value);
      case 'integer':
        if (BigInt(t.image) > LONG_MAX) this.syntax(t.start, `'${t.image}'`, 'an integer literal within the range of a Java long');
        return literal(Number(t.image));
      case 'float':
        return literal(asDouble(Number(t.image)));
      case 'true':
      case 'false':
        return literal(t.kind === 'true');
      case 'null':
        return literal(null);
      default:
        return this.syntax(t.start, encountered(t), 'an expression');
    }
  }

  private args(): { args: Node[]; end: number } {
    this.expect('(');
    const args: Node[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.expression());
      while (this.peek().kind === ',') {
        this.next();
        args.push(this.expression());
      }
    }
    return { args, end: this.expect(')').end };
  }

  private peek(n = 0): Token {
    while (this.lookahead.length <= n) this.lookahead.push(this.lexer.nextToken());
    return this.lookahead[n];
  }

  private next(): Token {
    const t = this.peek();
    this.lookahead.shift();
    this.previousEnd = t.end;
    return t;
  }

  private expect(kind: TokenKind, expected = `'${kind}'`): Token {
    const t = this.peek();
    if (t.kind !== kind) this.syntax(t.start, encountered(t), expected);
    return this.next();
  }

  private enter(): void {
    if (++this.nesting > MAX_DEPTH) this.tooDeep(this.peek().start);
  }

  private node(init: NodeInit, ...children: Node[]): Node {
    const depth = 1 + children.reduce((max, c) => Math.max(max, c.depth), 0);
    if (depth > MAX_DEPTH) this.tooDeep(init.start);
    return { ...init, depth } as Node;
  }

  private tooDeep(position: number): never {
    throw new ExpressionError('syntax', this.source, `syntax error at position ${position}: the expression is nested more than ${MAX_DEPTH} levels deep`, position);
  }

  private syntax(position: number, found: string, expected: string): never {
    throw new ExpressionError('syntax', this.source, `syntax error at position ${position}, encountered ${found}, expected ${expected}`, position);
  }

  private unknownFunction(name: string, position: number): ExpressionError {
    return new ExpressionError('method', this.source, `Could not resolve function '${name}'`, position);
  }
}

const encountered = (t: Token): string => (t.kind === 'eof' ? 'end of text' : `'${t.image}'`);
