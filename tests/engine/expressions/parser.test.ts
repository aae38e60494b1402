/** The parser's trees: precedence, associativity, keyword operators, spans and templates. */
import type { Node } from '../../../engine/expressions/ast.js';
import { parseTemplate } from '../../../engine/expressions/parser.js';

/** A node as an S-expression: `(+ a (* b c))`. */
function show(node: Node): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'identifier':
      return node.name;
    case 'member':
      return typeof node.property === 'string' ? `(. ${show(node.object)} ${node.property})` : `([] ${show(node.object)} ${show(node.property)})`;
    case 'call':
      return `(call ${show(node.object)} ${typeof node.method === 'string' ? node.method : show(node.method)}${node.args.map((a) => ` ${show(a)}`).join('')})`;
    case 'unary':
      return `(${node.operator} ${show(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'conditional':
      return `(? ${show(node.test)} ${show(node.then)} ${show(node.otherwise)})`;
  }
}

function tree(source: string): string {
  const template = parseTemplate(source);
  if (template.kind !== 'eval') throw new Error(`not a single eval: ${template.kind}`);
  return show(template.node);
}

test.each([
  ['${a || b && c}', '(|| a (&& b c))'],
  ['${a or b and c}', '(|| a (&& b c))'],
  ['${a && b == c}', '(&& a (== b c))'],
  ['${a == b < c}', '(== a (< b c))'],
  ['${a eq b ne c}', '(!= (== a b) c)'],
  ['${a < b + c}', '(< a (+ b c))'],
  ['${a lt b gt c}', '(> (< a b) c)'],
  ['${a + b * c}', '(+ a (* b c))'],
  ['${a - b - c}', '(- (- a b) c)'],
  ['${a div b mod c}', '(% (/ a b) c)'],
  ['${-a * b}', '(* (- a) b)'],
  ['${!a && b}', '(&& (! a) b)'],
  ['${not empty a.b}', '(! (empty (. a b)))'],
  ['${a ? b : c ? d : e}', '(? a b (? c d e))'],
  ['${a ? b ? c : d : e}', '(? a (? b c d) e)'],
  ['${a || b ? c : d}', '(? (|| a b) c d)'],
  ['${(a + b) * c}', '(* (+ a b) c)'],
  ['${a.b[c].d}', '(. ([] (. a b) c) d)'],
  ["${a.m(1, 'x').n}", '(. (call a m 1 "x") n)'],
  ["${a['m'](b)}", '(call a "m" b)'],
  ['${a.m()}', '(call a m)'],
  ['${x ? y:z}', '(? x y z)'],
])('given %s, when parsed, then %s', (source, expected) => {
  expect(tree(source)).toBe(expected);
});

test.each(['${le}', '${div + 1}', '${a.and}'])('given the keyword in %s used as a name, when parsed, then a syntax error', (source) => {
  expect(() => tree(source)).toThrow('syntax error');
});

test('given a member chain, when parsed, then spans cover each sub-expression in the source', () => {
  const source = 'x ${customer.tags[0]} y';
  const template = parseTemplate(source);
  expect(template.kind).toBe('composite');
  if (template.kind !== 'composite') return;
  const [before, node, after] = template.parts;
  expect([before, after]).toEqual(['x ', ' y']);
  const n = node as Node;
  expect(source.slice(n.start, n.end)).toBe('customer.tags[0]');
  if (n.kind !== 'member') throw new Error('member expected');
  expect(source.slice(n.object.start, n.object.end)).toBe('customer.tags');
});

test.each([
  ['plain', { kind: 'text', text: 'plain' }],
  ['', { kind: 'text', text: '' }],
  ['a \\${b}', { kind: 'text', text: 'a ${b}' }],
])('given %j, when parsed, then constant text', (source, expected) => {
  expect(parseTemplate(source)).toEqual(expected);
});

test('given #{…} alone, when parsed, then a single evaluation like ${…}', () => {
  expect(parseTemplate('#{a}')).toMatchObject({ kind: 'eval', node: { kind: 'identifier', name: 'a' } });
});
