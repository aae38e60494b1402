/**
 * The scanner, as JUEL's: outside `${…}` it reads literal text (a backslash right before `${` or
 * `#{` makes that marker literal and is dropped; every other backslash is kept); inside it reads
 * tokens, skipping Java whitespace, until the `}` token. Keywords (`and`, `div`, `eq`, …) become the
 * operator they spell. Lexical errors are `ExpressionError('syntax')` naming the offset.
 */
import { ExpressionError } from './errors.js';

export type TokenKind =
  | 'identifier' | 'integer' | 'float' | 'string' | 'true' | 'false' | 'null' | 'empty' | 'instanceof'
  | '+' | '-' | '*' | '/' | '%' | '(' | ')' | '[' | ']' | '.' | ',' | '?' | ':' | '!'
  | '&&' | '||' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '}' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written in the source. */
  readonly image: string;
  /** A string literal's content (escapes resolved); otherwise the image. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS = new Map<string, TokenKind>([
  ['null', 'null'], ['true', 'true'], ['false', 'false'], ['empty', 'empty'], ['instanceof', 'instanceof'],
  ['div', '/'], ['mod', '%'], ['not', '!'], ['and', '&&'], ['or', '||'],
  ['eq', '=='], ['ne', '!='], ['lt', '<'], ['le', '<='], ['gt', '>'], ['ge', '>='],
]);

const TWO_CHAR = new Map<string, TokenKind>([['&&', '&&'], ['||', '||'], ['==', '=='], ['!=', '!='], ['<=', '<='], ['>=', '>=']]);
const ONE_CHAR = new Set<string>(['+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '?', ':', '!', '<', '>', '}']);

const IDENTIFIER_START = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]$/u;
const IDENTIFIER_PART = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}]$/u;
const UNICODE_SPACE = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;

/** Java's Character.isWhitespace. */
export function isJavaWhitespace(c: string): boolean {
  if (c === ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f')) return true;
  return UNICODE_SPACE.test(c) && c !== '\u00a0' && c !== '\u2007' && c !== '\u202f';
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export class Lexer {
  pos = 0;

  constructor(readonly source: string) {}

  atEnd(): boolean {
    return this.pos >= this.source.length;
  }

  /** `${` or `#{` when one starts at the current position. */
  evalStart(): '${' | '#{' | null {
    const c = this.source[this.pos];
    return (c === '$' || c === '#') && this.source[this.pos + 1] === '{' ? (c === '$' ? '${' : '#{') : null;
  }

  /** Literal text up to the next unescaped `${`/`#{` (or the end). */
  readText(): string {
    const s = this.source;
    let out = '';
    while (this.pos < s.length && this.evalStart() === null) {
      const c = s[this.pos];
      const next = s[this.pos + 1];
      if (c === '\\' && (next === '$' || next === '#') && s[this.pos + 2] === '{') {
        out += next + '{';
        this.pos += 3;
      } else {
        out += c;
        this.pos += 1;
      }
    }
    return out;
  }

  /** The next token inside `${…}`. */
  nextToken(): Token {
    const s = this.source;
    while (this.pos < s.length && isJavaWhitespace(s[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= s.length) return this.token('eof', start, start);
    const c = s[start];
    const two = TWO_CHAR.get(s.slice(start, start + 2));
    if (two) return this.token(two, start, start + 2);
    if (c === '.' && !isDigit(s[start + 1])) return this.token('.', start, start + 1);
    if (ONE_CHAR.has(c)) return this.token(c as TokenKind, start, start + 1);
    if (c === '"' || c === "'") return this.string(start, c);
    if (isDigit(c) || c === '.') return this.number(start);
    if (IDENTIFIER_START.test(c)) {
      let end = start + 1;
      while (end < s.length && IDENTIFIER_PART.test(s[end])) end++;
      return this.token(KEYWORDS.get(s.slice(start, end)) ?? 'identifier', start, end);
    }
    throw this.lexical(start, `invalid character '${c}'`, 'an expression token');
  }

  private token(kind: TokenKind, start: number, end: number, value?: string): Token {
    this.pos = end;
    const image = this.source.slice(start, end);
    return { kind, image, value: value ?? image, start, end };
  }

  /** JUEL string literal: only `\\` and the enclosing quote may be escaped. */
  private string(start: number, quote: string): Token {
    const s = this.source;
    let out = '';
    let i = start + 1;
    while (i < s.length) {
      const c = s[i++];
      if (c === quote) return this.token('string', start, i, out);
      if (c !== '\\') {
        out += c;
        continue;
      }
      if (i === s.length) break;
      const escaped = s[i++];
      if (escaped !== '\\' && escaped !== quote) {
        throw this.lexical(start, `invalid escape sequence \\${escaped}`, `\\${quote} or \\\\`);
      }
      out += escaped;
    }
    throw this.lexical(start, 'unterminated string', quote);
  }

  /** digits ('.' digits?)? exponent? | '.' digits exponent? — an exponent makes it a float. */
  private number(start: number): Token {
    const s = this.source;
    let i = start;
    let kind: TokenKind = 'integer';
    while (isDigit(s[i])) i++;
    if (s[i] === '.') {
      kind = 'float';
      i++;
      while (isDigit(s[i])) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      let j = i + 1;
      if (s[j] === '+' || s[j] === '-') j++;
      if (isDigit(s[j])) {
        while (isDigit(s[j])) j++;
        kind = 'float';
        i = j;
      }
    }
    return this.token(kind, start, i);
  }

  private lexical(position: number, encountered: string, expected: string): ExpressionError {
    return new ExpressionError('syntax', this.source, `lexical error at position ${position}, encountered ${encountered}, expected ${expected}`, position);
  }
}
