/** The compile cache: the core compiles per evaluation, so the same text must come back compiled. */
import { LruCache } from '../../../engine/expressions/cache.js';
import { EXPRESSION_CACHE_SIZE, clearExpressionCache, compileExpression } from '../../../engine/expressions/index.js';
import { contextOf } from './support.js';

beforeEach(() => clearExpressionCache());

test('given the same text twice, when compiled, then the same frozen object', () => {
  const first = compileExpression('${a + 1}');
  expect(compileExpression('${a + 1}')).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);
  expect(first.source).toBe('${a + 1}');
});

test('given texts differing only in whitespace, when compiled, then distinct expressions (the key is the exact text)', () => {
  expect(compileExpression('${a+1}')).not.toBe(compileExpression('${a + 1}'));
});

test('given a cached expression, when evaluated with different contexts, then each result is its own (no state kept)', () => {
  const expression = compileExpression('${a * 2}');
  expect(expression.evaluate(contextOf({ a: 2 }))).toBe(4);
  expect(expression.evaluate(contextOf({ a: 5 }))).toBe(10);
});

test('given more distinct texts than the cache holds, when compiled, then the least recently used is recompiled and the rest stay', () => {
  const first = compileExpression('${0}');
  const kept = compileExpression('${1}');
  for (let i = 2; i <= EXPRESSION_CACHE_SIZE; i++) {
    if (i === EXPRESSION_CACHE_SIZE / 2) compileExpression('${1}'); // touch: now recently used
    compileExpression(`\${${i}}`);
  }
  expect(compileExpression('${1}')).toBe(kept);
  expect(compileExpression('${0}')).not.toBe(first);
});

describe('LruCache', () => {
  test('given capacity 2, when a third key is set, then the least recently used key is dropped', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  test('given an existing key, when set again, then it is replaced without growing', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    expect(cache.size).toBe(1);
  });
});
