/**
 * Values as Camunda 7's JUEL computes them, one row per expression: property paths on JSON values,
 * whitelisted methods, `execution.*`, composite text and escapes; constants, and short-circuiting.
 */
import { JavaNumber, compileExpression } from '../../../engine/expressions/index.js';
import { VARIABLES, contextOf, evaluate, table } from './support.js';

describe.each([
  [
    'property paths on JSON values',
    table([
      ['${customer.name}', 'Ada'],
      ['${customer.address.city}', 'London'],
      ["${customer['address']['city']}", 'London'],
      ['${customer.address[key]}', 'London'],
      ["${customer[\"ad\" == 'ad' ? 'name' : 'x']}", 'Ada'],
      ['${customer.tags[1]}', 'new'],
      ["${customer.tags['0']}", 'vip'],
      ['${customer.tags[0.9]}', 'vip'],
      ['${customer.tags[5]}', null],
      ['${customer.tags[-1]}', null],
      ['${customer.orders[1].qty * customer.orders[1].price}', 20],
      ['${customer.address.zip}', null],
      ['${customer.missing}', null],
      ['${customer.missing.deeper}', null],
      ['${n.anything}', null],
      ['${customer[null]}', null],
      ['${map[1]}', null],
      ['${customer.address}', { city: 'London', zip: null }],
      ['${customer.tags}', ['vip', 'new']],
    ]),
  ],
  [
    'string methods',
    table([
      ["${s.equals('hello')}", true],
      ["${s.equals('Hello')}", false],
      ["${'5'.equals(5)}", false],
      ["${s.equalsIgnoreCase('HeLLo')}", true],
      ['${s.equalsIgnoreCase(null)}', false],
      ["${s.contains('ell')}", true],
      ["${s.contains('xyz')}", false],
      ["${s.startsWith('he')}", true],
      ['${numeric.startsWith(1)}', true],
      ["${s.endsWith('lo')}", true],
      ['${s.length()}', 5],
      ['${s.toUpperCase()}', 'HELLO'],
      ["${'MiXed'.toLowerCase()}", 'mixed'],
      ['${padded.trim()}', 'x'],
      ["${''.isEmpty()}", true],
      ['${s.isEmpty()}', false],
      ["${s['startsWith']('h')}", true],
      ["${customer.name.startsWith('A') && customer.name.length() == 3}", true],
    ]),
  ],
  [
    'list and map methods',
    table([
      ['${list.size()}', 3],
      ['${list.contains(2)}', true],
      ["${list.contains('2')}", false],
      ['${list.get(0)}', 1],
      ["${list.get('1')}", 2],
      ['${none.isEmpty()}', true],
      ["${customer.tags.contains('vip')}", true],
      ["${map.get('b')}", 'two'],
      ["${map.get('zz')}", null],
      ["${map.containsKey('a')}", true],
      ["${map.containsKey('zz')}", false],
      ['${map.size()}', 2],
      ['${nothing.isEmpty()}', true],
    ]),
  ],
  [
    'execution',
    table([
      ['${execution.processBusinessKey}', 'BK-1'],
      ['${execution.businessKey}', 'BK-1'],
      ['${execution.getProcessBusinessKey()}', 'BK-1'],
      ['${execution.getBusinessKey()}', 'BK-1'],
      ["${execution.getVariable('a')}", 5],
      ["${execution.getVariable('nope')}", null],
      ["${execution.getVariable('customer').address.city}", 'London'],
      ["${execution.hasVariable('a')}", true],
      ["${execution.hasVariable('nope')}", false],
      ["${execution.processBusinessKey.startsWith('BK')}", true],
    ]),
  ],
  [
    'composite text (string concatenation, null → empty)',
    table([
      ['Hello ${s}!', 'Hello hello!'],
      ['${a}${b}', '52'],
      ['[${n}]', '[]'],
      ['Total: ${7 / 2}', 'Total: 3.5'],
      ['${yes} and ${1.5e10 + 0.5}', 'true and 1.50000000005E10'],
      ['${1.5e10}', 15000000000],
      ['${half / 1000}', 0.0005],
      ['x${half / 1000}', 'x5.0E-4'],
      ['tags: ${customer.tags}', 'tags: ["vip","new"]'],
      [' ${a} ', ' 5 '],
      ['#{a}', 5],
      ['#{a}-#{b}', '5-2'],
    ]),
  ],
  [
    'plain text and escapes',
    table([
      ['hello', 'hello'],
      ['', ''],
      ['price: $5 {x} #1', 'price: $5 {x} #1'],
      ['\\${a}', '${a}'],
      ['\\#{a}', '#{a}'],
      ['a\\b\\', 'a\\b\\'],
      ['\\\\${a}', '\\${a}'],
      ['cost \\${x} and ${a}', 'cost ${x} and 5'],
      ['} ${a} {', '} 5 {'],
    ]),
  ],
])('%s', (_group, rows) => {
  test.each(rows)('given %s, when evaluated, then %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });
});

describe('constants and types', () => {
  test('given text without ${, when compiled, then it is constant and evaluates to itself without any lookup', () => {
    const ctx = contextOf({});
    const expression = compileExpression('just text \\${not} evaluated');
    expect(expression.isConstant).toBe(true);
    expect(expression.evaluate(ctx)).toBe('just text ${not} evaluated');
    expect(ctx.lookups).toEqual([]);
  });

  test('given one ${…}, when evaluated, then the value keeps its type (the very object for JSON values)', () => {
    const ctx = contextOf(VARIABLES);
    expect(compileExpression('${customer}').evaluate(ctx)).toBe(VARIABLES.customer);
    expect(compileExpression('${customer}').isConstant).toBe(false);
  });

  test('given execution members in the context, when read as properties or getters, then their values; no business key → null', () => {
    const ctx = contextOf({}, { execution: { processInstanceId: 'pi-1', activityId: 'Task_1' } });
    expect(compileExpression('${execution.processInstanceId}').evaluate(ctx)).toBe('pi-1');
    expect(compileExpression('${execution.getProcessInstanceId()}').evaluate(ctx)).toBe('pi-1');
    expect(compileExpression('${execution.activityId == "Task_1"}').evaluate(ctx)).toBe(true);
    expect(compileExpression('${execution.processBusinessKey}').evaluate(ctx)).toBeNull();
  });

  test('given a variable named execution, when ${execution…} is evaluated, then the execution wins (as in Camunda)', () => {
    const ctx = contextOf({ execution: { processBusinessKey: 'shadow' } }, { businessKey: 'real' });
    expect(compileExpression('${execution.processBusinessKey}').evaluate(ctx)).toBe('real');
  });
});

describe('Java number types (found by the Operaton conformance suite)', () => {
  const ctx = () => contextOf({ i: new JavaNumber(7, 'integer'), d: new JavaNumber(1.5 * 2, 'double'), half: 1.5, l: 3 });
  const typed = (source: string) => compileExpression(source).evaluateTyped(ctx());

  test.each([
    ['${half * 2}', new JavaNumber(3, 'double')],
    ['${10 / 5}', new JavaNumber(2, 'double')],
    ['${2.0}', new JavaNumber(2, 'double')],
    ['${d + l}', new JavaNumber(6, 'double')],
    ['${l + 1}', 4],
    ['${-i}', new JavaNumber(-7, 'integer')],
    ['${true ? i : 0}', new JavaNumber(7, 'integer')],
    ["${execution.getVariable('i')}", new JavaNumber(7, 'integer')],
    ['${i + 1}', 8],
    ['${-d}', new JavaNumber(-3, 'double')],
    ["${'abc'.length()}", new JavaNumber(3, 'integer')],
  ])('given %s, when evaluated typed, then %p (a Double stays a Double when integral; an Integer survives only negation and reads)', (source, expected) => {
    expect(typed(source)).toEqual(expected);
  });

  test('given integral Doubles, when printed in text or evaluated plainly, then Java prints them with .0 and plain evaluation gives the number', () => {
    expect(compileExpression('total ${half * 2}, ${d}, ${l}, ${-0.0}').evaluate(ctx())).toBe('total 3.0, 3.0, 3, -0.0');
    expect(compileExpression('${half * 2}').evaluate(ctx())).toBe(3);
    expect(compileExpression('${d == 3}').evaluate(ctx())).toBe(true);
  });
});

describe('short-circuit', () => {
  test.each([
    ['${false && x.y}', false],
    ['${false and unknown}', false],
    ['${true || x.y}', true],
    ['${yes or x}', true],
    ['${true ? 1 : x.y}', 1],
    ['${false ? x.y : 2}', 2],
  ])('given %s with x unknown, when evaluated, then %p and x is never looked up', (source, expected) => {
    const ctx = contextOf(VARIABLES);
    expect(compileExpression(source).evaluate(ctx)).toBe(expected);
    expect(ctx.lookups).not.toContain('x');
    expect(ctx.lookups).not.toContain('unknown');
  });

  test('given the right operand is needed, when evaluated, then the unknown identifier fails', () => {
    expect(() => evaluate('${true && x.y}')).toThrow("Cannot resolve identifier 'x'");
  });
});
