/**
 * The query compiler without a database: what it refuses (unknown or hidden entities, fields and
 * paths; operators and values that do not fit the field's kind; bad sort, fields, expand, limit,
 * cursor) and the shape of the SQL it builds (values only as parameters, one join per path prefix).
 */
import { Params } from '../../runtime/db/sql.js';
import { parseFilter } from '../../runtime/records/filter.js';
import { buildCountQuery, buildGetQuery, buildListQuery, decodeRow, paginate, type ListQuery } from '../../runtime/records/query.js';
import { model } from './records-query.fixture.js';
import { errorOf } from '../support/errors.js';

const OPEN = { sql: () => null };

const list = (q: ListQuery, entity = 'person') => buildListQuery(model, entity, q, OPEN);
const filtered = (f: string | object) => list({ filter: parseFilter(f) });

function expectError(fn: () => unknown, code: string, path: string, message?: RegExp): void {
  const e = errorOf(fn);
  expect({ code: e.code, path: e.errors?.[0]?.path }).toEqual({ code, path });
  if (message) expect(e.errors![0].message).toMatch(message);
}

describe('entities and fields', () => {
  it('refuses unknown and hidden entities', () => {
    expectError(() => list({}, 'nobody'), 'unknown-entity', 'entity');
    expectError(() => list({}, 'oldThing'), 'unknown-entity', 'entity');
    expectError(() => list({}, 'constructor'), 'unknown-entity', 'entity');
    expect(errorOf(() => list({}, 'oldThing')).status).toBe(404);
  });

  it.each([
    ['nope eq 1', 'filter/field', /person has no field 'nope'/],
    ['legacy eq \'x\'', 'filter/field', /no field 'legacy'/],
    ["company.secretCode eq 'x'", 'filter/field', /company has no field 'secretCode'/],
    ["name.first eq 'x'", 'filter/field', /'name' of person is not a lookup field/],
    ["company.parent.parent.name eq 'x'", 'filter/field', /at most 3 segments/],
    ["archive.name eq 'x'", 'filter/field', /refers to an unknown entity/],
    ["vip eq true and (rank eq 1 or nope eq 1)", 'filter/and/1/or/1/field', /no field 'nope'/],
    ["not company.nope eq 1", 'filter/not/field', /company has no field 'nope'/],
  ])('refuses unknown field paths: %s', (f, path, message) => {
    expectError(() => filtered(f), 'unknown-field', path, message);
  });

  it('accepts system fields, lookups and 3-segment paths', () => {
    expect(() =>
      filtered(
        "id ne '7f0c5a43-4e0b-4d5c-9d37-2b1c0a6f9e11' and ownerId isNull false and createdAt gt '2024-01-01' and deletedBy isNull true and company.parent.name eq 'x' and company.parent.id eq '7f0c5a43-4e0b-4d5c-9d37-2b1c0a6f9e11'",
      ),
    ).not.toThrow();
  });
});

describe('operators and values per kind', () => {
  it.each([
    ['vip gt true', 'filter/op', /'gt' is not available for boolean/],
    ["tags eq 'x'", 'filter/op', /'eq' is not available for json/],
    ["score contains '1'", 'filter/op', /'contains' is not available for number/],
    ["company.industry startsWith 'f'", 'filter/op', /'startsWith' is not available for enum/],
    ["company lt '7f0c5a43-4e0b-4d5c-9d37-2b1c0a6f9e11'", 'filter/op', /not available for lookup/],
    ["score eq 'abc'", 'filter/value', /"abc" is not a number/],
    ['rank eq 1.5', 'filter/value', /not an integer/],
    ["company.revenue gt '100'", 'filter/value', /not a number \(field 'revenue' of company\)/],
    ['name eq 5', 'filter/value', /not a string/],
    ["vip eq 'yes'", 'filter/value', /not true or false/],
    ["company eq 'nope'", 'filter/value', /not a uuid/],
    ["id in ('7f0c5a43-4e0b-4d5c-9d37-2b1c0a6f9e11', 'x')", 'filter/value/1', /not a uuid/],
    ["birthday eq '2024-02-30'", 'filter/value', /not a date/],
    ["birthday eq '2024-1-3'", 'filter/value', /not a date/],
    ["lastSeen gt 'yesterday'", 'filter/value', /not a date-time/],
    ["lastSeen gt '2024-01-01T25:00:00Z'", 'filter/value', /not a date-time/],
    ["company.industry eq 'mining'", 'filter/value', /one of finance, tech, retail/],
    ["company.industry in ('tech', 'mining')", 'filter/value/1', /one of finance/],
  ])('refuses %s', (f, path, message) => {
    expectError(() => filtered(f), 'bad-filter', path, message);
  });

  it('passes every value as a parameter, never in the SQL text', () => {
    const { sql, params } = filtered(String.raw`name eq 'x\'; drop table crm.person; --' or notes contains '50%_\\'`);
    expect(sql).not.toContain('drop');
    expect(params).toContain("x'; drop table crm.person; --");
    expect(params).toContain('%50\\%\\_\\\\%');
  });

  it('compiles in () to false and eq/ne null to null tests', () => {
    expect(filtered('rank in ()').sql).toContain('false');
    expect(filtered('rank eq null').sql).toContain('t0."rank" is null');
    expect(filtered('rank ne null').sql).toContain('t0."rank" is not null');
  });

  it('normalises date-times to UTC when no zone is given', () => {
    expect(filtered("lastSeen gt '2024-05-01'").params).toContain('2024-05-01T00:00:00Z');
    expect(filtered("lastSeen gt '2024-05-01 08:30'").params).toContain('2024-05-01T08:30:00Z');
    expect(filtered("lastSeen gt '2024-05-01T08:30:00.123456+0800'").params).toContain('2024-05-01T08:30:00.123456+08:00');
  });

  it('re-checks a filter tree built in code', () => {
    expectError(() => list({ filter: { field: 'name"; drop table x; --', op: 'eq', value: 1 } }), 'bad-filter', 'filter/field');
    expectError(() => list({ filter: { field: 'name', op: 'like' as never, value: 1 } }), 'bad-filter', 'filter/op');
  });
});

describe('joins', () => {
  it('joins each lookup prefix once and reuses it for filter, sort and expansion', () => {
    const { sql } = list({
      filter: parseFilter("company.industry eq 'tech' and company.parent.name eq 'x' and company.name ne 'y'"),
      sort: [{ field: 'company.name', direction: 'asc' }, { field: 'company.parent.name', direction: 'desc' }],
      expand: ['company'],
    });
    expect(sql.match(/left join/g)).toHaveLength(2);
    expect(sql).toContain('left join "crm"."company" t1 on t1."id" = t0."company_id"');
    expect(sql).toContain('left join "crm"."company" t2 on t2."id" = t1."parent_id"');
  });

  it('applies the access scope to the root alias only', () => {
    const seen: string[] = [];
    const scope = { sql: (alias: string, p: Params) => (seen.push(alias), `${alias}."owner_id" = ${p.add('7f0c5a43-4e0b-4d5c-9d37-2b1c0a6f9e11')}`) };
    const { sql, params } = buildListQuery(model, 'person', { filter: parseFilter("company.name eq 'x'") }, scope);
    expect(seen).toEqual(['t0']);
    expect(sql).toMatch(/\(t0\."owner_id" = \$\d\)/);
    expect(params).toContain('7f0c5a43-4e0b-4d5c-9d37-2b1c0a6f9e11');
  });
});

describe('sort, fields, expand, limit, cursor', () => {
  it.each([
    [{ sort: [{ field: 'nope', direction: 'asc' as const }] }, 'unknown-field', 'sort/0/field'],
    [{ sort: [{ field: 'name', direction: 'asc' as const }, { field: 'legacy', direction: 'asc' as const }] }, 'unknown-field', 'sort/1/field'],
    [{ sort: [{ field: 'name; drop table crm.person', direction: 'asc' as const }] }, 'unknown-field', 'sort/0/field'],
    [{ sort: [{ field: 'tags', direction: 'asc' as const }] }, 'bad-request', 'sort/0/field'],
    [{ sort: [{ field: 'name', direction: 'up' as never }] }, 'bad-request', 'sort/0/direction'],
    [{ fields: ['name', 'nope'] }, 'unknown-field', 'fields/1'],
    [{ fields: ['legacy'] }, 'unknown-field', 'fields/0'],
    [{ fields: ['company.name'] }, 'unknown-field', 'fields/0'],
    [{ fields: ['name", (select 1) as "x'] }, 'unknown-field', 'fields/0'],
    [{ fields: 'name' as never }, 'bad-request', 'fields'],
    [{ expand: ['name'] }, 'unknown-field', 'expand/0'],
    [{ expand: ['company', 'archive'] }, 'unknown-field', 'expand/1'],
    [{ expand: ['nope'] }, 'unknown-field', 'expand/0'],
    [{ limit: 0 }, 'bad-request', 'limit'],
    [{ limit: 1001 }, 'bad-request', 'limit'],
    [{ limit: 2.5 }, 'bad-request', 'limit'],
    [{ cursor: 'not a cursor!' }, 'bad-request', 'cursor'],
    [{ cursor: 'e30' }, 'bad-request', 'cursor'],
  ])('refuses %j', (q, code, path) => {
    expectError(() => list(q as ListQuery), code, path);
  });

  it('fetches one row more than the page, 50 by default', () => {
    const { params, limit } = list({});
    expect(limit).toBe(50);
    expect(params[params.length - 1]).toBe(51);
    expect(list({ limit: 1000 }).params.slice(-1)).toEqual([1001]);
    expect(paginate([1, 2, 3], 2)).toEqual({ items: [1, 2], hasMore: true });
    expect(paginate([1, 2], 2)).toEqual({ items: [1, 2], hasMore: false });
  });

  it('orders by createdAt desc then id desc by default, nulls first descending and last ascending', () => {
    expect(list({}).sql).toMatch(/order by t0\."created_at" desc nulls first, t0\."id" desc nulls first limit/);
    expect(list({ sort: [{ field: 'score', direction: 'asc' }] }).sql).toMatch(/order by t0\."score" asc nulls last, t0\."id" asc nulls last limit/);
  });

  it('selects only the requested columns plus id, version and the sort values', () => {
    const { sql } = list({ fields: ['name'], sort: [{ field: 'score', direction: 'asc' }] });
    expect(sql.startsWith('select t0."id", t0."version", t0."name", (t0."score")::text as "_s0", (t0."id")::text as "_s1" from')).toBe(true);
  });
});

describe('get and count', () => {
  it('gets by id, excluding deleted rows unless asked', () => {
    const id = '7F0C5A43-4E0B-4D5C-9D37-2B1C0A6F9E11';
    const get = buildGetQuery(model, 'person', id, {}, OPEN);
    expect(get.params).toEqual([id.toLowerCase()]);
    expect(get.sql).toContain('t0."deleted_at" is null');
    expect(buildGetQuery(model, 'person', id, { includeDeleted: true }, OPEN).sql).not.toContain('deleted_at" is');
    expect(errorOf(() => buildGetQuery(model, 'person', 'x', {}, OPEN)).code).toBe('not-found');
  });

  it('counts with the same filter and recycle-bin switch', () => {
    const { sql, params } = buildCountQuery(model, 'person', { filter: parseFilter('rank gt 2'), onlyDeleted: true }, OPEN);
    expect(sql).toBe('select count(*) as "count" from "crm"."person" t0 where t0."deleted_at" is not null and t0."rank" > $1');
    expect(params).toEqual([2]);
  });
});

describe('decodeRow', () => {
  it('maps a full table row to the API record without hidden fields', () => {
    const row = {
      id: 'a', version: 2, owner_id: 'o', created_at: new Date('2024-01-02T03:04:05.678Z'), created_by: null, updated_at: '2024-01-02T03:04:05.678+00:00',
      updated_by: null, deleted_at: null, deleted_by: null, name: 'n', email: null, phone: null, company_id: 'c', score: '1.50', rank: '7',
      birthday: '1990-05-06', last_seen: null, vip: true, notes: null, tags: { a: 1 }, legacy: 'secret', archive_id: null,
    };
    expect(decodeRow(model, 'person', row, {})).toEqual({
      id: 'a', version: 2, name: 'n', email: null, phone: null, company: 'c', score: 1.5, rank: 7, birthday: '1990-05-06', lastSeen: null,
      vip: true, notes: null, tags: { a: 1 }, archive: null, ownerId: 'o', createdAt: '2024-01-02T03:04:05.678Z', createdBy: null,
      updatedAt: '2024-01-02T03:04:05.678Z', updatedBy: null, deletedAt: null, deletedBy: null,
    });
  });
});
