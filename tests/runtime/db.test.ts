/**
 * The data layer's statements: one that runs often is prepared on its connection (PostgreSQL plans
 * it once instead of on every call); one without parameters, or on schema `crm` (whose tables a
 * publish may change under a cached plan), never is; transactions commit or roll back as a whole.
 */
import { Db } from '../../runtime/db/db.js';
import { freshDatabase } from '../support/harness.js';

let db: Db;
beforeAll(async () => {
  // One connection: what one statement prepared, the next sees in pg_prepared_statements.
  db = await Db.connect(await freshDatabase('db'), { poolMax: 1 });
  await db.query('create schema crm');
  await db.query('create table crm.thing (n int)');
  await db.query('create table public.note (n int)');
});
afterAll(async () => db?.close());

const prepared = async () => (await db.query<{ statement: string }>('select statement from pg_prepared_statements')).map((r) => r.statement);

test('a statement with parameters is prepared once it ran a few times, and answers the same', async () => {
  const answers: unknown[] = [];
  for (let i = 0; i < 5; i++) answers.push(...(await db.query<{ n: number }>('select $1::int + 1 as n', [i])));
  expect(answers).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
  expect(await prepared()).toContain('select $1::int + 1 as n');
});

test('statements on schema crm and statements without parameters are never prepared', async () => {
  for (let i = 0; i < 5; i++) {
    await db.query('select n from crm.thing where n = $1', [i]);
    await db.query('select count(*) from public.note');
  }
  const statements = await prepared();
  expect(statements).not.toContain('select n from crm.thing where n = $1');
  expect(statements).not.toContain('select count(*) from public.note');
  // crm's table changes (a publish adds a column): its queries keep working.
  await db.query('alter table crm.thing add column m int');
  expect(await db.query('select * from crm.thing where n = $1', [1])).toEqual([]);
});

test('a transaction commits as a whole or rolls back as a whole, also with prepared statements in it', async () => {
  const insert = 'insert into public.note (n) values ($1)';
  for (let i = 0; i < 4; i++) await db.query(insert, [100 + i]);
  await expect(
    db.tx(async (q) => {
      await q.query(insert, [1]);
      await q.query(insert, [2]);
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  await db.tx(async (q) => {
    await q.query(insert, [3]);
    await q.query(insert, [4]);
  });
  const rows = await db.query<{ n: number }>('select n from public.note where n < 100 order by n');
  expect(rows.map((r) => r.n)).toEqual([3, 4]);
  expect(await prepared()).toContain(insert);
});

test('a statement that fails leaves the connection usable', async () => {
  await expect(db.tx((q) => q.query('select $1::int / 0', [1]))).rejects.toThrow(/division by zero/);
  expect(await db.query<{ ok: number }>('select $1::int as ok', [1])).toEqual([{ ok: 1 }]);
});
