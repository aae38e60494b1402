/**
 * The filter language parser: both input forms, every operator, precedence, quoting, errors with
 * their positions or JSON paths, and the limits.
 */
import { MAX_FILTER_CONDITIONS, MAX_FILTER_DEPTH, MAX_IN_VALUES, parseFilter } from '../../runtime/records/filter.js';
import { errorOf } from '../support/errors.js';

function expectBadFilter(input: unknown, path: string, message: string | RegExp): void {
  const e = errorOf(() => parseFilter(input));
  expect(e.code).toBe('bad-filter');
  expect(e.status).toBe(400);
  expect(e.errors).toHaveLength(1);
  expect(e.errors![0].path).toBe(path);
  if (typeof message === 'string') expect(e.errors![0].message).toBe(message);
  else expect(e.errors![0].message).toMatch(message);
}

const c = (field: string, op: string, value?: unknown) => (value === undefined ? { field, op } : { field, op, value });

describe('text form', () => {
  it.each([
    ["name eq 'Acme'", c('name', 'eq', 'Acme')],
    ['amount ne 5', c('amount', 'ne', 5)],
    ['amount lt -1.5', c('amount', 'lt', -1.5)],
    ['amount lte 2e3', c('amount', 'lte', 2000)],
    ['amount gt 0', c('amount', 'gt', 0)],
    ['amount gte 10.25', c('amount', 'gte', 10.25)],
    ["state in ('formal', 'potential')", c('state', 'in', ['formal', 'potential'])],
    ['rank in (1,2 , 3)', c('rank', 'in', [1, 2, 3])],
    ['rank in ()', c('rank', 'in', [])],
    ["name contains 'cm'", c('name', 'contains', 'cm')],
    ["name startsWith 'A'", c('name', 'startsWith', 'A')],
    ['closeDate isNull true', c('closeDate', 'isNull', true)],
    ['closeDate isNull false', c('closeDate', 'isNull', false)],
    ['closeDate isNull', c('closeDate', 'isNull', true)],
    ['vip eq TRUE', c('vip', 'eq', true)],
    ['vip eq false', c('vip', 'eq', false)],
    ['owner eq null', c('owner', 'eq', null)],
    ["account.state eq 'x'", c('account.state', 'eq', 'x')],
    ["contact.account.industry eq 'x'", c('contact.account.industry', 'eq', 'x')],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  it('reads keywords and operators case-insensitively', () => {
    expect(parseFilter("a EQ 1 AND NOT b STARTSWITH 'x' Or c IsNull")).toEqual({
      or: [{ and: [c('a', 'eq', 1), { not: c('b', 'startsWith', 'x') }] }, c('c', 'isNull', true)],
    });
  });

  it('binds not tighter than and, and tighter than or', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toEqual({ or: [c('a', 'eq', 1), { and: [c('b', 'eq', 2), c('c', 'eq', 3)] }] });
    expect(parseFilter('a eq 1 and b eq 2 or c eq 3')).toEqual({ or: [{ and: [c('a', 'eq', 1), c('b', 'eq', 2)] }, c('c', 'eq', 3)] });
    expect(parseFilter('not a eq 1 and b eq 2')).toEqual({ and: [{ not: c('a', 'eq', 1) }, c('b', 'eq', 2)] });
    expect(parseFilter('not not a eq 1')).toEqual({ not: { not: c('a', 'eq', 1) } });
  });

  it('lets parentheses override precedence and flattens chains', () => {
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toEqual({ and: [{ or: [c('a', 'eq', 1), c('b', 'eq', 2)] }, c('c', 'eq', 3)] });
    expect(parseFilter('not (a eq 1 or b eq 2)')).toEqual({ not: { or: [c('a', 'eq', 1), c('b', 'eq', 2)] } });
    expect(parseFilter('a eq 1 and b eq 2 and c eq 3')).toEqual({ and: [c('a', 'eq', 1), c('b', 'eq', 2), c('c', 'eq', 3)] });
    expect(parseFilter('((a eq 1))')).toEqual(c('a', 'eq', 1));
  });

  it('parses the example from the spec', () => {
    const f = "industry eq 'finance' and (amount gt 100 or not name startsWith 'A') and account.state in ('formal','potential') and closeDate isNull true";
    expect(parseFilter(f)).toEqual({
      and: [
        c('industry', 'eq', 'finance'),
        { or: [c('amount', 'gt', 100), { not: c('name', 'startsWith', 'A') }] },
        c('account.state', 'in', ['formal', 'potential']),
        c('closeDate', 'isNull', true),
      ],
    });
  });

  it.each([
    [String.raw`n eq 'it\'s'`, "it's"],
    [String.raw`n eq "say \"hi\""`, 'say "hi"'],
    [`n eq "it's"`, "it's"],
    [`n eq 'say "hi"'`, 'say "hi"'],
    [String.raw`n eq 'a\\b'`, 'a\\b'],
    [String.raw`n eq 'line\nnext\ttab\r'`, 'line\nnext\ttab\r'],
    [String.raw`n eq '\u00e9t\u00E9 \/'`, 'été /'],
    [`n eq ''`, ''],
    [`n eq 'and or not ) ( ,'`, 'and or not ) ( ,'],
    [`n eq '中文 客户'`, '中文 客户'],
  ])('quoting: %s', (text, value) => {
    expect(parseFilter(text)).toEqual(c('n', 'eq', value));
  });

  it.each([
    ['a eq 1)', "unexpected token ')' at column 7"],
    ["industry eq 'x' ) and b eq 1", "unexpected token ')' at column 17"],
    ['a eq', 'expected a value at column 5'],
    ['a eq 1 and', 'unexpected end of filter at column 11'],
    ['(a eq 1', 'unexpected end of filter at column 8'],
    ['a foo 1', "unknown operator 'foo' at column 3"],
    ['a', 'expected an operator at column 2'],
    ['a eq 1 b eq 2', "unexpected token 'b' at column 8"],
    ["a eq 'abc", 'unterminated string at column 6'],
    [String.raw`a eq 'x\q'`, String.raw`unknown escape '\q' at column 8`],
    [String.raw`a eq '\u12'`, 'malformed \\u escape at column 7'],
    ['a eq #', "unexpected character '#' at column 6"],
    ['a eq 12abc', "malformed number '12a' at column 6"],
    ['a eq 1e999', "number '1e999' is out of range at column 6"],
    ['and eq 1', "expected a field name, found 'and' at column 1"],
    ['true eq 1', "expected a field name, found 'true' at column 1"],
    ['a eq b', "expected a value, found 'b' at column 6"],
    ['a in 1', "expected '(' and a list of values, found '1' at column 6"],
    ['a in (1,', 'expected a value at column 9'],
    ['a in (1 2)', "unexpected token '2' at column 9"],
    ["a in (1, null)", 'in values cannot be null; use isNull at column 10'],
    ["a isNull 'x'", 'isNull takes true or false at column 10'],
    ['a contains 1', 'contains takes a string at column 12'],
    ['a gt null', "'gt' needs a value other than null at column 6"],
    ['a..b eq 1', "'a..b' is not a field name or lookup path at column 1"],
    ['a. eq 1', "'a.' is not a field name or lookup path at column 1"],
    ['', 'empty filter at column 1'],
    ['   ', 'empty filter at column 1'],
  ])('error: %s', (text, message) => {
    expectBadFilter(text, 'filter', message);
  });
});

describe('JSON form', () => {
  it('reads and / or / not / conditions', () => {
    const f = { and: [c('a', 'eq', 1), { or: [c('b', 'in', ['x']), { not: c('c', 'isNull', false) }] }] };
    expect(parseFilter(f)).toEqual(f);
  });

  it('reads a JSON string the same as the object', () => {
    const f = { or: [c('a', 'contains', 'x'), c('account.industry', 'eq', 'finance')] };
    expect(parseFilter(JSON.stringify(f))).toEqual(f);
    expect(parseFilter('  ' + JSON.stringify(f))).toEqual(f);
  });

  it('reads the shorthand: several keys are and, a bare value is eq, several operators are and', () => {
    expect(parseFilter({ industry: { eq: 'finance' }, amount: { gt: 100 } })).toEqual({
      and: [c('industry', 'eq', 'finance'), c('amount', 'gt', 100)],
    });
    expect(parseFilter({ name: 'Acme' })).toEqual(c('name', 'eq', 'Acme'));
    expect(parseFilter({ closeDate: null })).toEqual(c('closeDate', 'eq', null));
    expect(parseFilter({ rank: { gte: 2, lte: 4 } })).toEqual({ and: [c('rank', 'gte', 2), c('rank', 'lte', 4)] });
    expect(parseFilter({ 'account.state': { in: ['a', 'b'] }, x: { isNull: true } })).toEqual({
      and: [c('account.state', 'in', ['a', 'b']), c('x', 'isNull', true)],
    });
    expect(parseFilter({ not: { a: { startsWith: 'x' } } })).toEqual({ not: c('a', 'startsWith', 'x') });
  });

  it('reads a top-level array as and, and isNull without a value as true', () => {
    expect(parseFilter([c('a', 'eq', 1), { b: 2 }])).toEqual({ and: [c('a', 'eq', 1), c('b', 'eq', 2)] });
    expect(parseFilter({ field: 'a', op: 'isNull' })).toEqual(c('a', 'isNull', true));
    expect(parseFilter({ field: 'a', op: 'STARTSWITH', value: 'x' })).toEqual(c('a', 'startsWith', 'x'));
  });

  it.each([
    [{ and: [c('a', 'eq', 1), c('b', 'zz', 1)] }, 'filter/and/1/op', "unknown operator 'zz'"],
    [{ and: [c('a', 'eq', 1), { field: 'b', value: 1 }] }, 'filter/and/1/op', 'missing operator'],
    [{ or: [{ not: c('a', 'eq') }] }, 'filter/or/0/not/value', "missing value for 'eq'"],
    [{ and: {} }, 'filter/and', "'and' takes an array of filters"],
    [{ and: [], x: 1 }, 'filter/and', "'and' cannot be combined with other keys"],
    [{ not: 5 }, 'filter/not', 'expected an object'],
    [{ or: [[c('a', 'eq', 1)]] }, 'filter/or/0', 'expected an object, found an array'],
    [{}, 'filter', 'empty filter object'],
    [42, 'filter', 'expected an object'],
    [null, 'filter', 'expected an object'],
    [{ field: 'a', op: 'eq', value: 1, extra: true }, 'filter/extra', "unexpected key 'extra' in a condition"],
    [{ field: 'a', op: 'in', value: 'x' }, 'filter/value', 'in takes a list of values'],
    [{ field: 'a', op: 'in', value: [1, null] }, 'filter/value/1', 'in values cannot be null; use isNull'],
    [{ field: 'a', op: 'in', value: [1, { x: 1 }] }, 'filter/value/1', 'expected a string, number, boolean or null'],
    [{ field: 'a', op: 'eq', value: [1] }, 'filter/value', 'expected a string, number, boolean or null'],
    [{ field: 'a', op: 'isNull', value: 'yes' }, 'filter/value', 'isNull takes true or false'],
    [{ field: 'a;drop table x', op: 'eq', value: 1 }, 'filter/field', "'a;drop table x' is not a field name or lookup path"],
    [{ amount: { gtt: 1 } }, 'filter/amount/gtt', "unknown operator 'gtt'"],
    [{ amount: { in: 'x' } }, 'filter/amount/in', 'in takes a list of values'],
    [{ amount: {} }, 'filter/amount', 'no operator given'],
    [{ amount: [1, 2] }, 'filter/amount', 'use {"in": [...]} to match one of several values'],
    [{ and: [{ 'bad name': 1 }] }, 'filter/and/0/bad name', "'bad name' is not a field name or lookup path"],
  ])('error %#: %j', (input, path, message) => {
    expectBadFilter(input, path, message);
  });

  it('refuses a string that starts like JSON but is not', () => {
    expectBadFilter('{"and": [', 'filter', /^not valid JSON/);
  });
});

describe('limits', () => {
  const nest = (n: number): unknown => {
    let node: unknown = c('a', 'eq', 1);
    for (let i = 0; i < n; i++) node = { not: node };
    return node;
  };

  it(`allows ${MAX_FILTER_DEPTH} levels of nesting and refuses more, in both forms`, () => {
    expect(() => parseFilter(nest(MAX_FILTER_DEPTH))).not.toThrow();
    expectBadFilter(nest(MAX_FILTER_DEPTH + 1), 'filter' + '/not'.repeat(MAX_FILTER_DEPTH), `nested deeper than ${MAX_FILTER_DEPTH} levels`);
    expect(() => parseFilter('not '.repeat(MAX_FILTER_DEPTH) + 'a eq 1')).not.toThrow();
    expectBadFilter('not '.repeat(MAX_FILTER_DEPTH + 1) + 'a eq 1', 'filter', `filter nested deeper than ${MAX_FILTER_DEPTH} levels at column 81`);
    expectBadFilter('('.repeat(MAX_FILTER_DEPTH + 1) + 'a eq 1' + ')'.repeat(MAX_FILTER_DEPTH + 1), 'filter', /nested deeper than 20 levels at column 21$/);
  });

  it('refuses absurd nesting without running out of stack', () => {
    expectBadFilter('not '.repeat(100_000 / 4 - 10) + 'a eq 1', 'filter', /nested deeper/);
    const deepJson = '{"not":'.repeat(5000) + '{"field":"a","op":"eq","value":1}' + '}'.repeat(5000);
    expectBadFilter(deepJson, 'filter' + '/not'.repeat(MAX_FILTER_DEPTH), /nested deeper/);
  });

  it(`allows ${MAX_FILTER_CONDITIONS} conditions and refuses more`, () => {
    const text = (n: number) => Array.from({ length: n }, (_, i) => `f${i} eq ${i}`).join(' and ');
    expect(parseFilter(text(MAX_FILTER_CONDITIONS))).toMatchObject({ and: expect.any(Array) });
    expectBadFilter(text(MAX_FILTER_CONDITIONS + 1), 'filter', `more than ${MAX_FILTER_CONDITIONS} conditions at column ${text(MAX_FILTER_CONDITIONS).length + 6}`);
    const json = (n: number) => ({ or: Array.from({ length: n }, (_, i) => c(`f${i}`, 'eq', i)) });
    expect(() => parseFilter(json(MAX_FILTER_CONDITIONS))).not.toThrow();
    expectBadFilter(json(MAX_FILTER_CONDITIONS + 1), 'filter/or', `more than ${MAX_FILTER_CONDITIONS} entries`);
    const spread = { and: [json(150), json(51)] };
    expectBadFilter(spread, 'filter/and/1/or/50/field', `more than ${MAX_FILTER_CONDITIONS} conditions`);
  });

  it(`allows ${MAX_IN_VALUES} values in an in list and refuses more`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(parseFilter({ field: 'a', op: 'in', value: list(MAX_IN_VALUES) })).toMatchObject({ op: 'in' });
    expectBadFilter({ field: 'a', op: 'in', value: list(MAX_IN_VALUES + 1) }, 'filter/value', `in takes at most ${MAX_IN_VALUES} values`);
    expectBadFilter(`a in (${list(MAX_IN_VALUES + 1).join(',')})`, 'filter', `in takes at most ${MAX_IN_VALUES} values at column 6`);
  });

  it('refuses an over-long filter string', () => {
    expectBadFilter(`a eq '${'x'.repeat(100_001)}'`, 'filter', 'longer than 100000 characters');
  });
});

describe('variables', () => {
  const vars = { me: '7f1c2e4a-1b2c-4d3e-8f90-0123456789ab' };
  test('$me in the text form, alone and in lists, becomes its value', () => {
    expect(parseFilter('ownerId eq $me', vars)).toEqual(c('ownerId', 'eq', vars.me));
    expect(parseFilter('createdBy in ($me, "x")', vars)).toEqual(c('createdBy', 'in', [vars.me, 'x']));
  });
  test('{"$var": "me"} in the JSON forms becomes its value', () => {
    expect(parseFilter({ field: 'ownerId', op: 'eq', value: { $var: 'me' } }, vars)).toEqual(c('ownerId', 'eq', vars.me));
    expect(parseFilter({ ownerId: { $var: 'me' } }, vars)).toEqual(c('ownerId', 'eq', vars.me));
    expect(parseFilter({ ownerId: { ne: { $var: 'me' } } }, vars)).toEqual(c('ownerId', 'ne', vars.me));
  });
  test('an unknown variable is refused, naming it and the known ones', () => {
    expectBadFilter('ownerId eq $boss', 'filter', /unknown variable '\$boss'/);
    const e = errorOf(() => parseFilter({ ownerId: { eq: { $var: 'boss' } } }, vars));
    expect(e.errors![0]).toEqual({ path: 'filter/ownerId/eq', message: "unknown variable '$boss'; known: $me" });
  });
});
