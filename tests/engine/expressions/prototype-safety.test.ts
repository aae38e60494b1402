/**
 * Model text must never reach JavaScript internals: members of JSON values are read only as own
 * enumerable data properties, methods only from the whitelist (a Map, not an object), and the
 * execution exposes only its documented members. `__proto__`, `constructor`, … are just keys.
 */
import { ExpressionError, compileExpression } from '../../../engine/expressions/index.js';
import { contextOf } from './support.js';

/** Calls of functions an expression must never run. */
const calls: string[] = [];
const getter = () => (calls.push('getter'), 'leaked');
const hack = () => (calls.push('hack'), 'called');
const withGetter: Record<string, unknown> = { plain: 1 };
Object.defineProperty(withGetter, 'g', { get: getter, enumerable: true });
const hidden: Record<string, unknown> = {};
Object.defineProperty(hidden, 'secret', { value: 's', enumerable: false });
const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });

const ctx = contextOf(
  {
    plain: { a: 1 },
    parsed: JSON.parse('{"__proto__": {"polluted": "own"}, "constructor": "mine", "a": 1}'),
    withGetter,
    hidden,
    nullProto,
    instance: new (class Account {
      balance = 100;
    })(),
    list: [1, 2, 3],
    s: 'text',
  },
  { execution: { processInstanceId: 'pi', hack } },
);

const evaluate = (source: string) => compileExpression(source).evaluate(ctx);
const code = (source: string) => {
  try {
    evaluate(source);
  } catch (e) {
    if (e instanceof ExpressionError) return e.code;
    throw e;
  }
  return 'no error';
};

afterAll(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(calls).toEqual([]);
});

describe('maps read own data only', () => {
  test.each([
    '${plain.constructor}',
    '${plain.__proto__}',
    "${plain['__proto__']}",
    '${plain.toString}',
    '${plain.hasOwnProperty}',
    '${plain.valueOf}',
    '${plain.constructor.name}',
    '${plain.__proto__.constructor}',
    '${withGetter.g}',
    '${hidden.secret}',
  ])('given %s, when evaluated, then null (an absent key), never an inherited member or a getter’s result', (source) => {
    expect(evaluate(source)).toBeNull();
  });

  test('given JSON with own keys "__proto__" and "constructor", when read, then those own values', () => {
    expect(evaluate('${parsed.__proto__.polluted}')).toBe('own');
    expect(evaluate("${parsed['constructor']}")).toBe('mine');
    expect(evaluate('${parsed.a}')).toBe(1);
  });

  test('given a map without prototype, when read, then it is an ordinary map', () => {
    expect(evaluate('${nullProto.a}')).toBe(1);
    expect(evaluate('${nullProto.size()}')).toBe(1);
  });

  test('given a class instance (not JSON), when a property is read, then unknown-property', () => {
    expect(code('${instance.balance}')).toBe('unknown-property');
  });

  test('given the Function constructor reached through constructor chains, when called, then nothing runs: the base is null', () => {
    expect(code("${plain.constructor.constructor('return process')}")).toBe('unknown-property');
    expect(code("${s.constructor.constructor('return 1')}")).toBe('unknown-property');
  });
});

describe('strings and lists expose no JavaScript members', () => {
  test.each([
    ['${s.length}', 'unknown-property'],
    ['${s.constructor}', 'unknown-property'],
    ['${s.__proto__}', 'unknown-property'],
    ['${list.length}', 'type'],
    ['${list.constructor}', 'type'],
    ["${list['map']}", 'type'],
  ])('given %s, when evaluated, then %s', (source, expected) => {
    expect(code(source)).toBe(expected);
  });
});

describe('methods come from the whitelist only', () => {
  test.each([
    '${s.constructor()}',
    "${s.constructor('x')}",
    '${s.valueOf()}',
    '${s.toString()}',
    "${s.concat('x')}",
    "${s['__proto__']()}",
    "${plain.hasOwnProperty('a')}",
    '${plain.constructor()}',
    '${plain.toString()}',
    "${plain.__defineGetter__('a', 1)}",
    '${list.push(4)}',
    '${list.pop()}',
    "${list.join(',')}",
    '${execution.constructor()}',
    '${execution.hack()}',
    '${execution.getHack()}',
  ])('given %s, when evaluated, then a method error and nothing changed', (source) => {
    expect(code(source)).toBe('method');
    expect(evaluate('${list}')).toEqual([1, 2, 3]);
  });
});

describe('the execution exposes its documented members only', () => {
  test.each(['${execution.ctx}', '${execution.constructor}', '${execution.__proto__}', '${execution.getVariable}', '${execution.hack}', '${execution.variable}'])(
    'given %s, when evaluated, then unknown-property',
    (source) => {
      expect(code(source)).toBe('unknown-property');
    },
  );

  test('given a documented member, when read, then its value', () => {
    expect(evaluate('${execution.processInstanceId}')).toBe('pi');
  });
});

describe('identifiers resolve through the context only', () => {
  test.each(['${process}', '${globalThis}', '${require}', '${constructor}', '${__proto__}', '${Object}'])('given %s, when evaluated, then unknown-property', (source) => {
    expect(code(source)).toBe('unknown-property');
  });
});

test('an object literal from another realm (a VM context, as under Jest) is a map; a class instance is not', async () => {
  const { runInNewContext } = await import('node:vm');
  const foreign = runInNewContext('({ customer: "ACME", lines: [1, 2] })') as Record<string, unknown>;
  expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
  expect(compileExpression('${order.customer}').evaluate({ variable: (n) => (n === 'order' ? { found: true, value: foreign } : { found: false }) })).toBe('ACME');
  class Order {
    customer = 'ACME';
  }
  expect(() => compileExpression('${order.customer}').evaluate({ variable: () => ({ found: true, value: new Order() }) })).toThrow(/Cannot resolve property 'customer'/);
});
