/**
 * The syntax tree of one `${…}` expression, and of a whole expression text (a template). Plain
 * data: `start`/`end` are 0-based offsets into the source text, `depth` the height of the subtree
 * (the parser refuses trees deeper than MAX_DEPTH, so evaluation never exhausts the stack).
 * Keyword operators are normalised: `div` → `/`, `mod` → `%`, `eq` → `==`, `and` → `&&`, `not` → `!`, …
 */
import type { JavaNumber } from './values.js';

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||';
export type UnaryOperator = '-' | '!' | 'empty';

interface Span {
  readonly start: number;
  readonly end: number;
  readonly depth: number;
}

export type Node =
  | (Span & { readonly kind: 'literal'; readonly value: string | number | JavaNumber | boolean | null })
  | (Span & { readonly kind: 'identifier'; readonly name: string })
  /** `a.b` (property is the name) or `a[expr]` (property is a node). */
  | (Span & { readonly kind: 'member'; readonly object: Node; readonly property: string | Node })
  /** `a.m(args)` or `a[expr](args)`. */
  | (Span & { readonly kind: 'call'; readonly object: Node; readonly method: string | Node; readonly args: readonly Node[] })
  | (Span & { readonly kind: 'unary'; readonly operator: UnaryOperator; readonly operand: Node })
  | (Span & { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: Node; readonly right: Node })
  | (Span & { readonly kind: 'conditional'; readonly test: Node; readonly then: Node; readonly otherwise: Node });

/** A whole expression text. */
export type Template =
  /** No `${`/`#{` at all (escapes resolved): a constant string. */
  | { readonly kind: 'text'; readonly text: string }
  /** Exactly one `${…}` or `#{…}` and nothing around it: the result keeps its type. */
  | { readonly kind: 'eval'; readonly node: Node }
  /** Text and evaluations mixed: the parts are concatenated as strings. */
  | { readonly kind: 'composite'; readonly parts: readonly (string | Node)[] };

/** Deepest syntax tree (and deepest parser nesting) accepted. */
export const MAX_DEPTH = 200;
