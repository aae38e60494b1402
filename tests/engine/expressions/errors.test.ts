/**
 * Failures: each has its code, names the expression (Camunda's message shape) and, where the text
 * is at fault, the offset. A failed evaluation returns nothing and writes nothing.
 */
import { ExpressionError, compileExpression, evaluateCondition, type ExpressionErrorCode } from '../../../engine/expressions/index.js';
import { VARIABLES, contextOf } from './support.js';

function failure(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return e as ExpressionError;
  }
  throw new Error('expected an ExpressionError, got a value');
}

const evaluating = (source: string) => () => compileExpression(source).evaluate(contextOf(VARIABLES));

describe('syntax errors (at compile time, with the offset)', () => {
  test.each([
    ['${a +}', 5, "encountered '}', expected an expression"],
    ['${}', 2, "encountered '}', expected an expression"],
    ['${a b}', 4, "encountered 'b', expected '}'"],
    ['${a', 3, "encountered end of text, expected '}'"],
    ['Hi ${a +}', 8, "encountered '}'"],
    ["${'abc}", 2, 'unterminated string'],
    ["${'a\\n'}", 2, 'invalid escape sequence \\n'],
    ["${'a\\\"'}", 2, 'invalid escape sequence \\"'],
    ['${a & b}', 4, "invalid character '&'"],
    ['${a = 1}', 4, "invalid character '='"],
    ['${a.}', 4, "encountered '}', expected an identifier"],
    ['${a.empty}', 4, "encountered 'empty', expected an identifier"],
    ['${1 ? 2}', 7, "expected ':'"],
    ['${a[1}', 5, "expected ']'"],
    ['${(1 + 2}', 8, "expected ')'"],
    ['${s.startsWith(1,}', 17, 'expected an expression'],
    ['${a instanceof b}', 4, "encountered 'instanceof'"],
    ['${9223372036854775808}', 2, 'within the range of a Java long'],
    ['${a} #{b}', 5, "encountered '#{', expected '${'"],
    ['${a {}', 4, "invalid character '{'"],
  ])('given %s, when compiled, then a syntax error at position %i (%s)', (source, position, detail) => {
    const e = failure(() => compileExpression(source));
    expect(e).toMatchObject({ code: 'syntax', source, position });
    expect(e.message).toContain(`Error parsing '${source}': `);
    expect(e.message).toContain(`position ${position}`);
    expect(e.message).toContain(detail);
  });

  test.each([
    ['parentheses', `\${${'('.repeat(250)}1${')'.repeat(250)}}`],
    ['an operator chain', `\${${'1 + '.repeat(250)}1}`],
    ['unary operators', `\${${'-'.repeat(250)}1}`],
  ])('given %s nested 250 deep, when compiled, then a syntax error instead of a stack overflow', (_what, source) => {
    expect(failure(() => compileExpression(source))).toMatchObject({ code: 'syntax' });
  });

  test('given 9223372036854775807, when compiled, then it is accepted (the largest long)', () => {
    expect(() => compileExpression('${9223372036854775807}')).not.toThrow();
  });

  test.each(['${now()}', '${dateTime().plusDays(1)}', '${fn:upper(s)}'])('given the function call %s, when compiled, then method error: no function is defined', (source) => {
    expect(failure(() => compileExpression(source))).toMatchObject({ code: 'method', position: 2 });
    expect(failure(() => compileExpression(source)).message).toMatch(/^Unknown method used in expression: .*Could not resolve function/);
  });

  test('given a syntax error, when compiled twice, then it fails both times (errors are not cached as expressions)', () => {
    expect(() => compileExpression('${1 +}')).toThrow(ExpressionError);
    expect(() => compileExpression('${1 +}')).toThrow(ExpressionError);
  });
});

describe('evaluation errors', () => {
  test.each<[string, ExpressionErrorCode, number, string]>([
    ['${x}', 'unknown-property', 2, "Cannot resolve identifier 'x'"],
    ['${a + x}', 'unknown-property', 6, "Cannot resolve identifier 'x'"],
    ['${empty x}', 'unknown-property', 8, "Cannot resolve identifier 'x'"],
    ['${s.foo}', 'unknown-property', 2, "Cannot resolve property 'foo' in 'hello'"],
    ['${a.b}', 'unknown-property', 2, "Cannot resolve property 'b' in 5"],
    ['${execution.nope}', 'unknown-property', 2, "Property 'nope' not found on type execution"],
    ['${n.m()}', 'unknown-property', 2, "Target unreachable, base expression 'n' resolved to null"],
    ["${customer.missing.startsWith('x')}", 'unknown-property', 2, "base expression 'customer.missing' resolved to null"],
    ['${s.foo()}', 'method', 2, "Cannot find method 'foo' with 0 parameters on 'hello'"],
    ['${s.length(1)}', 'method', 2, "Cannot find method 'length' with 1 parameter on 'hello'"],
    ['${a.toString()}', 'method', 2, "Cannot find method 'toString'"],
    ['${list.add(4)}', 'method', 2, "Cannot find method 'add'"],
    ["${execution.setVariable('a', 1)}", 'method', 2, "Cannot find method 'setVariable' with 2 parameters on the execution"],
    ['${s[null]()}', 'method', 2, 'Cannot find method null'],
    ["${'abc' + 1}", 'type', 2, "Cannot coerce 'abc' (string) to a whole number"],
    ["${'1.5x' * 2.0}", 'type', 2, "Cannot coerce '1.5x' (string) to a number"],
    ['${yes + 1}', 'type', 2, 'Cannot coerce true (boolean)'],
    ['${list + 1}', 'type', 2, 'Cannot coerce a list'],
    ["${1 == 'abc'}", 'type', 2, "Cannot coerce 'abc'"],
    ["${1 < 'x'}", 'type', 2, "Cannot coerce 'x'"],
    ["${5 < '1.5'}", 'type', 2, "Cannot coerce '1.5'"],
    ['${map < 1}', 'type', 2, 'Cannot coerce a map'],
    ['${list < list2}', 'type', 2, 'Cannot compare a list with a list'],
    ['${yes < 1}', 'type', 2, 'Cannot coerce true'],
    ['${1 && true}', 'type', 2, 'Cannot coerce 1 (number) to a boolean'],
    ['${!5}', 'type', 2, 'to a boolean'],
    ['${5 ? 1 : 2}', 'type', 2, 'to a boolean'],
    ['${-yes}', 'type', 2, 'Cannot negate true'],
    ["${list['length']}", 'type', 2, 'Cannot parse list index: length'],
    ['${s.contains(5)}', 'type', 2, 'Cannot coerce 5 to java.lang.CharSequence'],
    ['${7 % 0}', 'evaluation', 2, '/ by zero'],
    ["${'7' mod '0'}", 'evaluation', 2, '/ by zero'],
    ['${list.get(5)}', 'evaluation', 2, 'Index 5 out of bounds for length 3'],
    ['${s.contains(null)}', 'evaluation', 2, 'NullPointerException'],
    ['${s.startsWith(n)}', 'evaluation', 2, 'NullPointerException'],
  ])('given %s, when evaluated, then %s at %i: %s', (source, code, position, reason) => {
    const e = failure(evaluating(source));
    expect(e).toMatchObject({ code, source, position });
    expect(e.reason).toContain(reason);
  });

  test.each<[string, string]>([
    ['${x}', "Unknown property used in expression: ${x}. Cause: Cannot resolve identifier 'x'"],
    ['${s.foo()}', "Unknown method used in expression: ${s.foo()}. Cause: Cannot find method 'foo' with 0 parameters on 'hello'"],
    ['${7 % 0}', 'Error while evaluating expression: ${7 % 0}. Cause: / by zero'],
  ])('given %s, when evaluated, then Camunda’s message: %s', (source, message) => {
    expect(failure(evaluating(source)).message).toBe(message);
  });

  test('given an expression that fails, when evaluated, then the variables it read are unchanged and a retry fails the same way', () => {
    const variables = { list: [1, 2], map: { a: 1 } };
    const ctx = contextOf(variables);
    const expression = compileExpression('${list.add(3) || map.put("b", 2)}');
    expect(() => expression.evaluate(ctx)).toThrow(ExpressionError);
    expect(() => expression.evaluate(ctx)).toThrow(ExpressionError);
    expect(variables).toEqual({ list: [1, 2], map: { a: 1 } });
  });

  test('given a composite text, when one part fails, then the whole evaluation fails (no partial string)', () => {
    expect(failure(evaluating('Hello ${s} and ${x}'))).toMatchObject({ code: 'unknown-property', position: 17 });
  });
});

describe('evaluateCondition', () => {
  const ctx = contextOf({ ...VARIABLES, approved: true });

  test.each([
    ['${a > 1}', true],
    ['${approved}', true],
    ['#{!approved}', false],
    ['\n      ${approved && a == 5}\n    ', true], // trimmed, as Camunda's BPMN parser trims condition text
    ["${s.startsWith('x')}", false],
  ])('given %j, when evaluated as a condition, then %p', (source, expected) => {
    expect(evaluateCondition(source, ctx)).toBe(expected);
  });

  test.each([
    ['${a}', 'condition expression returns non-Boolean: 5 (number)'],
    ["${'true'}", "condition expression returns non-Boolean: 'true' (string)"],
    ['true', "condition expression returns non-Boolean: 'true' (string)"],
    ['${approved}${approved}', "condition expression returns non-Boolean: 'truetrue' (string)"],
    ['${customer}', 'condition expression returns non-Boolean: a map (map)'],
    ['${n}', 'condition expression returns null'],
  ])('given %j, when evaluated as a condition, then type error “%s”', (source, message) => {
    const e = failure(() => evaluateCondition(source, ctx));
    expect(e).toMatchObject({ code: 'type', message });
  });

  test('given an unknown variable in a condition, when evaluated, then unknown-property (Camunda fails the step)', () => {
    expect(failure(() => evaluateCondition('${missing == 1}', ctx))).toMatchObject({ code: 'unknown-property' });
  });
});
