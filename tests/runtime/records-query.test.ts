/**
 * The records query layer against a real PostgreSQL: ~200 people and 30 companies inserted with
 * plain pg; every filter is checked against the same filter evaluated in JS over the inserted data,
 * every paging run against a JS sort. The session runs in Asia/Shanghai on purpose: nothing may
 * depend on the server's time zone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { ensureDatabase } from '../../runtime/db/embedded.js';
import type { Params } from '../../runtime/db/sql.js';
import { encodeCursor, resolveSort } from '../../runtime/records/cursor.js';
import { isCondition, parseFilter, type FilterNode } from '../../runtime/records/filter.js';
import { Joins } from '../../runtime/records/query-model.js';
import { buildCountQuery, buildGetQuery, buildListQuery, decodeRow, nextCursor, paginate, type ListQuery } from '../../runtime/records/query.js';
import { company as companyEntity, createTableSql, INDUSTRIES, model, person as personEntity } from './records-query.fixture.js';
import { errorOf } from '../support/errors.js';

pg.types.setTypeParser(1700, parseFloat);
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1082, (s: string) => s);

type Rec = Record<string, unknown> & { id: string };
const OPEN = { sql: () => null };
const OWNERS = [randomUUID(), randomUUID(), randomUUID()];
const WORDS = ['alpha', 'alphabet', 'beta', 'gamma', 'delta', 'omega', 'zeta', 'kappa', 'sigma', 'theta', 'iota', 'mu'];
const NOTES = ['50%_off', 'back\\slash', "o'reilly", 'plain text', 'Mixed CASE Notes', '100% sure', 'under_score', 'x'];

let seed = 20240501;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const orNull = <T>(p: number, f: () => T): T | null => (rand() < p ? null : f());
const pad = (n: number) => String(n).padStart(2, '0');
const randomDate = () => `${1970 + Math.floor(rand() * 30)}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;

const companies: Rec[] = [];
const people: Rec[] = [];
const byId = new Map<string, Rec>();
let client: pg.Client;
let adminUrl: string;
let dbName: string;

function makeData(): void {
  for (let i = 0; i < 30; i++) {
    const c: Rec = {
      id: randomUUID(), version: 1, name: orNull(0.1, () => pick(WORDS)), industry: orNull(0.2, () => pick(INDUSTRIES)),
      employees: orNull(0.2, () => Math.floor(rand() * 500)), revenue: pick([0, 1500.5, 1000000, 2500000.75, null]),
      active: pick([true, false, null]), founded: orNull(0.2, randomDate), website: orNull(0.3, () => `https://${pick(WORDS)}.example.com`),
      meta: orNull(0.5, () => ({ tier: pick([1, 2, 3]) })), parent: i >= 5 ? orNull(0.3, () => companies[Math.floor(rand() * 5)].id) : null,
      deletedAt: i === 7 || i === 8 ? '2024-06-01T00:00:00.000Z' : null,
    };
    companies.push(c);
    byId.set(c.id, c);
  }
  for (let i = 0; i < 200; i++) {
    people.push({
      id: randomUUID(), version: 1, ownerId: pick(OWNERS), name: orNull(0.1, () => pick(WORDS)),
      email: orNull(0.2, () => `${pick(WORDS)}${i}@Example.com`), phone: orNull(0.3, () => pick(['+86 10 1234', '+1 555 0100', '010-8888'])),
      company: orNull(0.15, () => pick(companies).id), score: orNull(0.2, () => pick([1.5, 2, 2.25, 10, 99.99, -3])),
      rank: orNull(0.2, () => 1 + Math.floor(rand() * 5)), birthday: orNull(0.2, randomDate),
      lastSeen: orNull(0.3, () => new Date(Date.UTC(2023, 0, 1) + Math.floor(rand() * 365 * 86400000)).toISOString()),
      vip: pick([true, false, null]), notes: orNull(0.3, () => pick(NOTES)), tags: orNull(0.5, () => [pick(WORDS)]),
      // Same millisecond, different microseconds: the cursor must keep them apart.
      createdAt: `2024-01-01T00:${pad(Math.floor(rand() * 30))}:00.123${pick(['456', '457', '458'])}Z`,
      deletedAt: i % 20 === 3 ? '2024-06-01T00:00:00.000Z' : null,
    });
  }
}

async function insertData(): Promise<void> {
  for (const c of companies) {
    await client.query(
      `insert into crm.company (id, name, industry, employees, revenue, active, founded, website, meta, parent_id, secret_code, deleted_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'hidden',$11)`,
      [c.id, c.name, c.industry, c.employees, c.revenue, c.active, c.founded, c.website, c.meta === null ? null : JSON.stringify(c.meta), c.parent, c.deletedAt],
    );
  }
  for (const p of people) {
    await client.query(
      `insert into crm.person (id, owner_id, name, email, phone, company_id, score, rank, birthday, last_seen, vip, notes, tags, legacy, created_at, deleted_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,'secret',$14,$15)`,
      [p.id, p.ownerId, p.name, p.email, p.phone, p.company, p.score, p.rank, p.birthday, p.lastSeen, p.vip, p.notes,
        p.tags === null ? null : JSON.stringify(p.tags), p.createdAt, p.deletedAt],
    );
  }
}

beforeAll(async () => {
  adminUrl = process.env.TEST_DATABASE_URL!;
  dbName = 'q_' + randomBytes(6).toString('hex');
  client = new pg.Client({ connectionString: await ensureDatabase(adminUrl, dbName) });
  await client.connect();
  await client.query(`set time zone 'Asia/Shanghai'`);
  await client.query('create schema crm');
  await client.query(createTableSql(companyEntity));
  await client.query(createTableSql(personEntity));
  makeData();
  await insertData();
});

afterAll(async () => {
  await client?.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
});

// ---- the specification, in JS --------------------------------------------------------------

/** The value at a field or lookup path of a person (or company), null when a lookup is empty. */
function valueAt(rec: Rec | undefined, path: string): unknown {
  const segs = path.split('.');
  for (const seg of segs.slice(0, -1)) rec = rec?.[seg] ? byId.get(rec[seg] as string) : undefined;
  return rec?.[segs[segs.length - 1]] ?? null;
}

function cmp(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const [x, y] = [String(a), String(b)];
  // A date-time against a date-time written differently (zone, precision) or a date: compare instants.
  const when = /^\d{4}-\d\d-\d\d(T|$)/;
  if (when.test(x) && when.test(y) && x.length !== y.length && (x.includes('T') || y.includes('T'))) return Date.parse(x) - Date.parse(y);
  return x < y ? -1 : x > y ? 1 : 0;
}

function holds(n: FilterNode, rec: Rec): boolean {
  if (!isCondition(n)) {
    if ('not' in n) return !holds(n.not, rec);
    return 'and' in n ? n.and.every((c) => holds(c, rec)) : n.or.some((c) => holds(c, rec));
  }
  const v = valueAt(rec, n.field);
  const x = n.value;
  switch (n.op) {
    case 'isNull': return (v === null) === x;
    case 'eq': return x === null ? v === null : v !== null && cmp(v, x) === 0;
    case 'ne': return x === null ? v !== null : v === null || cmp(v, x) !== 0;
    case 'lt': return v !== null && cmp(v, x) < 0;
    case 'lte': return v !== null && cmp(v, x) <= 0;
    case 'gt': return v !== null && cmp(v, x) > 0;
    case 'gte': return v !== null && cmp(v, x) >= 0;
    case 'in': return v !== null && (x as unknown[]).some((y) => cmp(v, y) === 0);
    case 'contains': return v !== null && String(v).toLowerCase().includes(String(x).toLowerCase());
    case 'startsWith': return v !== null && String(v).toLowerCase().startsWith(String(x).toLowerCase());
  }
}

function jsSort(rows: Rec[], sort: { field: string; direction: 'asc' | 'desc' }[]): Rec[] {
  const keys = sort[sort.length - 1].field === 'id' ? sort : [...sort, { field: 'id', direction: sort[sort.length - 1].direction }];
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const [va, vb] = [valueAt(a, k.field), valueAt(b, k.field)];
      let c = va === null && vb === null ? 0 : va === null ? 1 : vb === null ? -1 : cmp(va, vb);
      if (k.direction === 'desc') c = -c;
      if (c !== 0) return c;
    }
    return 0;
  });
}

const live = () => people.filter((p) => p.deletedAt === null);
const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id as string);
const sorted = (xs: string[]) => [...xs].sort();

async function run(q: ListQuery, scope: { sql(alias: string, p: Params): string | null } = OPEN): Promise<{ rows: Record<string, unknown>[]; items: Record<string, unknown>[]; hasMore: boolean }> {
  const { sql, params, limit } = buildListQuery(model, 'person', q, scope);
  const rows = (await client.query(sql, params)).rows;
  const page = paginate(rows, limit);
  return { rows: page.items, items: page.items.map((r) => decodeRow(model, 'person', r, q)), hasMore: page.hasMore };
}

async function pageAll(q: ListQuery, pageSize: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 500; guard++) {
    const { rows, items, hasMore } = await run({ ...q, limit: pageSize, cursor });
    expect(items.length).toBe(hasMore ? pageSize : items.length);
    out.push(...ids(items));
    if (!hasMore) return out;
    cursor = nextCursor(model, 'person', q, rows[rows.length - 1]);
  }
  throw new Error('paging did not end');
}

// ---- the tests -----------------------------------------------------------------------------

describe('filters return exactly the rows the same filter selects in JS', () => {
  const someCompany = () => companies[3].id;
  const cases: (() => string | object)[] = [
    () => "name eq 'alpha'",
    () => "name ne 'alpha'",
    () => "name lt 'delta'",
    () => "name gte 'omega'",
    () => 'score lt 2.25',
    () => 'score lte 2.25',
    () => 'score gt 2',
    () => 'score gte -3 and score ne 10',
    () => 'rank in (1, 3)',
    () => 'rank eq null',
    () => 'rank ne null',
    () => "notes contains '%'",
    () => "notes contains '_'",
    () => String.raw`notes contains '\\'`,
    () => "notes contains 'case'",
    () => "notes startsWith 'MIXED'",
    () => "notes startsWith '100%'",
    () => "email contains '@EXAMPLE.COM'",
    () => "phone startsWith '+86'",
    () => 'vip isNull true',
    () => 'birthday isNull false',
    () => 'vip eq false',
    () => 'vip ne true',
    () => 'tags isNull false',
    () => "birthday gte '1985-01-01' and birthday lt '1990-06-30'",
    () => "lastSeen gt '2023-06-01T08:00:00+08:00'",
    () => "lastSeen lte '2023-03-01'",
    () => "company.industry eq 'finance'",
    () => "company.industry in ('tech', 'retail')",
    () => 'company.revenue gt 1000000',
    () => "company.name startsWith 'a'",
    () => 'company isNull true',
    () => `company eq '${someCompany()}'`,
    () => `company in ('${companies[1].id}', '${companies[2].id}', '${companies[7].id}')`,
    () => `ownerId eq '${OWNERS[0]}'`,
    () => `id in ('${people[0].id}', '${people[5].id}', '${people[3].id}')`,
    () => 'company.parent isNull false',
    () => "company.parent.name eq 'alpha' or company.parent.industry eq 'tech'",
    () => "company.founded lt '1985-01-01'",
    () => 'company.active eq true or rank eq 5',
    () => 'not (score gt 2)',
    () => "not company.industry eq 'tech'",
    () => "not (name eq 'alpha' or not vip eq true)",
    () => 'not not rank lt 3',
    () => "not (notes contains 'e' and not (rank in (2, 4) or birthday gt '1990-01-01'))",
    () => ({ rank: { gte: 2, lte: 4 }, vip: true }),
    () => ({ or: [{ field: 'company.employees', op: 'lt', value: 100 }, { not: { field: 'score', op: 'isNull', value: false } }] }),
  ];

  it.each(cases.map((f, i) => [i, f]))('case %i', async (_i, make) => {
    const filter = parseFilter(make());
    const expected = sorted(ids(live().filter((p) => holds(filter, p))));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(live().length);
    const { items } = await run({ filter, limit: 1000, fields: ['id'] });
    expect(sorted(ids(items))).toEqual(expected);
    const { sql, params } = buildCountQuery(model, 'person', { filter }, OPEN);
    expect(Number((await client.query(sql, params)).rows[0].count)).toBe(expected.length);
  });

  it('escapes % _ and \\ in contains: only rows with the literal characters match', async () => {
    const { items } = await run({ filter: parseFilter("notes contains '%_'"), limit: 1000, fields: ['notes'] });
    expect(items.length).toBe(live().filter((p) => p.notes === '50%_off').length);
    expect(items.every((r) => r.notes === '50%_off')).toBe(true);
  });

  it('matches nothing for in ()', async () => {
    expect((await run({ filter: parseFilter('rank in ()') })).items).toEqual([]);
  });
});

describe('keyset paging', () => {
  // Every row has three entries: a shorter row would make jest pass its `done` callback instead.
  const sorts: [string, ListQuery['sort'], string][] = [
    ['score asc, name desc', [{ field: 'score', direction: 'asc' }, { field: 'name', direction: 'desc' }], ''],
    ['company.name desc, rank asc, birthday desc', [{ field: 'company.name', direction: 'desc' }, { field: 'rank', direction: 'asc' }, { field: 'birthday', direction: 'desc' }], ''],
    ['createdAt asc (microsecond duplicates)', [{ field: 'createdAt', direction: 'asc' }], ''],
    ['default sort', undefined, ''],
    ['vip desc, lastSeen asc, filtered', [{ field: 'vip', direction: 'desc' }, { field: 'lastSeen', direction: 'asc' }], 'rank isNull false'],
    ['company.parent.name asc, company.revenue desc, id asc', [{ field: 'company.parent.name', direction: 'asc' }, { field: 'company.revenue', direction: 'desc' }, { field: 'id', direction: 'asc' }], ''],
    ['company asc (a lookup id), score desc', [{ field: 'company', direction: 'asc' }, { field: 'score', direction: 'desc' }], ''],
  ];

  it.each(sorts)('%s: every row exactly once, in order', async (_name, sort, filterText) => {
    const filter = filterText ? parseFilter(filterText) : undefined;
    const expected = ids(jsSort(live().filter((p) => !filter || holds(filter, p)), sort ?? [{ field: 'createdAt', direction: 'desc' }]));
    for (const size of [7, 50]) {
      const got = await pageAll({ sort, filter, fields: ['name'] }, size);
      expect(got).toEqual(expected);
    }
  });

  it('pages through the recycle bin and through everything', async () => {
    const sort: ListQuery['sort'] = [{ field: 'name', direction: 'asc' }];
    expect(await pageAll({ sort, onlyDeleted: true }, 3)).toEqual(ids(jsSort(people.filter((p) => p.deletedAt !== null), sort!)));
    expect(await pageAll({ sort, includeDeleted: true }, 40)).toEqual(ids(jsSort(people, sort!)));
  });

  it('refuses a tampered cursor, a cursor of another sort and a forged value with 400', async () => {
    const sort: ListQuery['sort'] = [{ field: 'score', direction: 'asc' }];
    const { rows } = await run({ sort, limit: 5 });
    const cursor = nextCursor(model, 'person', { sort }, rows[4]);
    expect((await run({ sort, limit: 5, cursor })).items).toHaveLength(5);
    const mid = Math.floor(cursor.length / 2);
    const tampered = cursor.slice(0, mid) + (cursor[mid] === 'A' ? 'B' : 'A') + cursor.slice(mid + 1);
    const forged = encodeCursor('person', resolveSort(new Joins(model, personEntity), sort), ['1; drop table crm.person', people[0].id]);
    for (const q of [
      { sort, cursor: tampered },
      { sort: [{ field: 'score', direction: 'desc' as const }], cursor },
      { sort, cursor: cursor + 'x' },
      { sort, cursor: forged },
    ]) {
      const e = errorOf(() => buildListQuery(model, 'person', q, OPEN));
      expect({ code: e.code, status: e.status, path: e.errors?.[0].path }).toEqual({ code: 'bad-request', status: 400, path: 'cursor' });
    }
  });
});

describe('selection, expansion, get, access', () => {
  it('returns only the requested fields, whatever the sort reads', async () => {
    const { items } = await run({ fields: ['name'], sort: [{ field: 'score', direction: 'asc' }, { field: 'company.name', direction: 'desc' }] });
    expect(items.length).toBe(50);
    for (const r of items) expect(Object.keys(r)).toEqual(['id', 'version', 'name']);
  });

  it('maps a whole record to API names and types, without hidden fields', async () => {
    const p = people.find((x) => x.deletedAt === null && x.score !== null && x.lastSeen !== null && x.birthday !== null && x.tags !== null)!;
    const { sql, params } = buildGetQuery(model, 'person', p.id, {}, OPEN);
    const rec = decodeRow(model, 'person', (await client.query(sql, params)).rows[0], {});
    expect(rec).toEqual({
      id: p.id, version: 1, name: p.name, email: p.email, phone: p.phone, company: p.company, score: p.score, rank: p.rank, birthday: p.birthday,
      lastSeen: p.lastSeen, vip: p.vip, notes: p.notes, tags: p.tags, archive: null, ownerId: p.ownerId,
      createdAt: new Date(p.createdAt as string).toISOString(), createdBy: null, updatedAt: expect.any(String), updatedBy: null, deletedAt: null, deletedBy: null,
    });
  });

  it('expands a lookup into the related record, joined once with the filter on it', async () => {
    const q: ListQuery = { fields: ['name', 'company'], expand: ['company'], filter: parseFilter("company.industry ne 'retail'"), limit: 1000, includeDeleted: true };
    expect(buildListQuery(model, 'person', q, OPEN).sql.match(/left join/g)).toHaveLength(1);
    const { items } = await run(q);
    const expected = people.filter((p) => holds(q.filter!, p));
    expect(sorted(ids(items))).toEqual(sorted(ids(expected)));
    let expandedSome = false;
    for (const r of items) {
      const p = people.find((x) => x.id === r.id)!;
      expect(Object.keys(r)).toEqual(['id', 'version', 'name', 'company']);
      if (p.company === null) {
        expect(r.company).toBeNull();
        continue;
      }
      const c = byId.get(p.company as string)!;
      expandedSome = true;
      expect(r.company).toEqual({
        id: c.id, version: 1, name: c.name, industry: c.industry, employees: c.employees, revenue: c.revenue, active: c.active,
        founded: c.founded, website: c.website, meta: c.meta, parent: c.parent,
      });
    }
    expect(expandedSome).toBe(true);
  });

  it('gets one record with expansion; deleted records only when asked', async () => {
    const p = people.find((x) => x.deletedAt !== null && x.company !== null)!;
    const get = (includeDeleted: boolean) => buildGetQuery(model, 'person', p.id, { fields: ['name'], expand: ['company'], includeDeleted }, OPEN);
    expect((await client.query(get(false).sql, get(false).params)).rows).toEqual([]);
    const row = (await client.query(get(true).sql, get(true).params)).rows[0];
    const rec = decodeRow(model, 'person', row, { fields: ['name'], expand: ['company'] });
    expect(rec).toMatchObject({ id: p.id, name: p.name, company: { id: p.company, name: byId.get(p.company as string)!.name } });
  });

  it('applies the access scope to list, count and get', async () => {
    const scope = { sql: (alias: string, p: Params) => `${alias}."owner_id" = ${p.add(OWNERS[1])}` };
    const mine = live().filter((p) => p.ownerId === OWNERS[1]);
    const { items } = await run({ limit: 1000, fields: ['ownerId'] }, scope);
    expect(sorted(ids(items))).toEqual(sorted(ids(mine)));
    const count = buildCountQuery(model, 'person', {}, scope);
    expect(Number((await client.query(count.sql, count.params)).rows[0].count)).toBe(mine.length);
    const other = live().find((p) => p.ownerId !== OWNERS[1])!;
    const get = buildGetQuery(model, 'person', other.id, {}, scope);
    expect((await client.query(get.sql, get.params)).rows).toEqual([]);
  });
});

describe('injection attempts', () => {
  it('are harmless in values and refused in names; the table and its rows are unchanged', async () => {
    const fingerprint = async () => (await client.query(`select count(*) as n, md5(string_agg(p::text, ',' order by id)) as h from crm.person p`)).rows[0];
    const before = await fingerprint();
    for (const f of [
      `name eq "x'; drop table crm.person; --"`,
      `notes contains "'); delete from crm.person where true; --"`,
      { name: { eq: "' or '1'='1" } },
      { field: 'name', op: 'in', value: ["a') or true or ('", 'b'] },
    ]) {
      expect((await run({ filter: parseFilter(f) })).items).toEqual([]);
    }
    const refused: [() => unknown, string][] = [
      [() => parseFilter(`name" = '' or 1=1; -- eq 1`), 'bad-filter'],
      [() => parseFilter({ field: 'name" or 1=1 --', op: 'eq', value: 1 }), 'bad-filter'],
      [() => parseFilter({ 'name; drop table crm.person': { eq: 1 } }), 'bad-filter'],
      [() => buildListQuery(model, 'person', { sort: [{ field: 'name; drop table crm.person', direction: 'asc' }] }, OPEN), 'unknown-field'],
      [() => buildListQuery(model, 'person', { sort: [{ field: 'name', direction: 'asc; drop table crm.person' as never }] }, OPEN), 'bad-request'],
      [() => buildListQuery(model, 'person', { fields: ['name", (select 1) as "x'] }, OPEN), 'unknown-field'],
      [() => buildListQuery(model, 'person', { expand: ['company) t1; drop table crm.person; --'] }, OPEN), 'unknown-field'],
      [() => buildListQuery(model, 'person; drop table crm.person', {}, OPEN), 'unknown-entity'],
    ];
    for (const [fn, code] of refused) expect(errorOf(fn).code).toBe(code);
    expect(await fingerprint()).toEqual(before);
    expect(Number(before.n)).toBe(200);
  });
});
