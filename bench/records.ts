/**
 * `npm run bench:records` — the records layer against raw `pg` doing the equivalent SQL, in the
 * same process, on the same database (embedded PostgreSQL unless DATABASE_URL is set).
 *
 * Each case runs the same number of operations with the same concurrency on both sides and prints
 * throughput, p50/p95 latency and the ratio ours/raw. The records side goes through the same use
 * cases the HTTP handlers call (validation, duplicate rules, audit, access predicate, decoding).
 * Also: peak RSS of this process during the run, and the idle RSS of `npm start`'s process.
 *
 * Options (env): BENCH_ROWS (default 1000000 accounts for the list case), BENCH_OPS (default 3000),
 * BENCH_CONCURRENCY (default 8).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, startEmbeddedPostgres, ensureDatabase, startServer } from '../runtime/index.js';
import { createRecord, bulkCreate } from '../runtime/records/write.js';
import { getRecord, listRecords, listQueryFrom } from '../runtime/records/read.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OPS = Number(process.env.BENCH_OPS ?? 3000);
const CONC = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROOT = new URL('../', import.meta.url).pathname;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

interface Stats {
  opsPerSec: number;
  p50: number;
  p95: number;
}

/** Run `op(i)` for i in [from, to) with CONC in flight; collects latencies, returns seconds taken. */
async function run(from: number, to: number, op: (i: number) => Promise<unknown>, lat: number[]): Promise<number> {
  let next = from;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < to) {
        const i = next++;
        const s = performance.now();
        await op(i);
        lat.push(performance.now() - s);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

const stats = (ops: number, secs: number, lat: number[]): Stats => {
  lat.sort((a, b) => a - b);
  return { opsPerSec: ops / secs, p50: lat[Math.floor(lat.length * 0.5)], p95: lat[Math.floor(lat.length * 0.95)] };
};

/**
 * Ours against the reference, `ops` operations each, in 4 alternating rounds (ours, raw, ours,
 * raw, …) after an untimed warm-up of both, so JIT, caches and the machine's other load fall on
 * both sides alike. Op indices never repeat, so generated names stay unique.
 */
async function compare(ops: number, ours: (i: number) => Promise<unknown>, raw: (i: number) => Promise<unknown>): Promise<[Stats, Stats]> {
  const ROUNDS = 4;
  const warm = Math.ceil(ops / 5);
  await run(10_000_000, 10_000_000 + warm, ours, []);
  await run(10_000_000, 10_000_000 + warm, raw, []);
  const per = Math.ceil(ops / ROUNDS);
  const side = [{ secs: 0, lat: [] as number[] }, { secs: 0, lat: [] as number[] }];
  for (let r = 0; r < ROUNDS; r++) {
    side[0].secs += await run(r * per, (r + 1) * per, ours, side[0].lat);
    side[1].secs += await run(r * per, (r + 1) * per, raw, side[1].lat);
  }
  return [stats(per * ROUNDS, side[0].secs, side[0].lat), stats(per * ROUNDS, side[1].secs, side[1].lat)];
}

const rows: string[][] = [];
function report(name: string, [ours, raw]: [Stats, Stats]) {
  const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);
  rows.push([name, f(ours.opsPerSec), f(ours.p50), f(ours.p95), f(raw.opsPerSec), f(raw.p50), f(raw.p95), `${((ours.opsPerSec / raw.opsPerSec) * 100).toFixed(0)} %`]);
  console.error(`  ${name}: ours ${f(ours.opsPerSec)}/s vs raw ${f(raw.opsPerSec)}/s`);
}

const INDUSTRIES = ['manufacturing', 'trade', 'finance', 'utilities', 'government', 'construction', 'tourism', 'newEconomy', 'conglomerate', 'other'];

async function idleRssOfNpmStart(dataDir: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATA_DIR: dataDir, PORT: '0', ADMIN_PASSWORD: 'bench-password' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((res, rej) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready in')) res();
    });
    child.on('exit', () => rej(new Error(out)));
  });
  await new Promise((r) => setTimeout(r, 5000)); // let start-up garbage be collected: idle means idle
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return rss;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: join(dir, 'db') });
  const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
  const url = await ensureDatabase(adminUrl, `bench_${Date.now()}`);
  const server = await startServer(loadConfig({}, { DATABASE_URL: url, PORT: 0, ADMIN_PASSWORD: 'bench-password', DB_POOL_MAX: CONC }));
  const raw = new pg.Pool({ connectionString: url, max: CONC });
  const user = (await server.db.query<{ id: string }>("select id from sec.user where username = 'admin'"))[0];
  const me = { id: user.id, username: 'admin', displayName: 'admin', isAdmin: true, isService: false, locale: 'en' };
  const ctx = () => ({ q: server.db, user: me, model: server.store.current });
  const account = server.store.entity('account');
  const product = server.store.entity('product');
  console.error(`bench: ${OPS} ops, concurrency ${CONC}, list over ${ROWS} accounts`);

  // 1. single create — Product (no duplicate rules) and Account (three duplicate rules)
  report(
    'create product (single)',
    await compare(OPS, (i) => createRecord(ctx(), product, { name: `Bench product ${i}`, code: `BP-${i}`, listPrice: i, active: true }),
      (i) =>
      raw.query('insert into crm.product (owner_id, created_by, updated_by, name, code, list_price, active) values ($1, $1, $1, $2, $3, $4, $5) returning *', [me.id, `Raw product ${i}`, `RP-${i}`, i, true]),
    ),
  );
  report(
    'create account (single, duplicate check)',
    await compare(OPS, (i) => createRecord(ctx(), account, { name: `Bench account ${i}`, industry: INDUSTRIES[i % 10], region: `R${i % 100}` }),
      (i) =>
      raw.query('insert into crm.account (owner_id, created_by, updated_by, name, industry, region) values ($1, $1, $1, $2, $3, $4) returning *', [me.id, `Raw account ${i}`, INDUSTRIES[i % 10], `R${i % 100}`]),
    ),
  );

  // 2. bulk create, 500 records a call
  const BULK = 500;
  const batches = Math.max(4, Math.floor(OPS / BULK));
  const [bulkOurs, bulkRaw] = await compare(batches, (b) =>
    server.db.tx((q) => bulkCreate({ ...ctx(), q }, product, { records: Array.from({ length: BULK }, (_, i) => ({ name: `Bulk ${b}-${i}`, listPrice: i })) })),
   (b) => {
    const values: unknown[] = [me.id];
    const tuples = Array.from({ length: BULK }, (_, i) => {
      values.push(`Raw bulk ${b}-${i}`, i);
      return `($1, $1, $1, $${values.length - 1}, $${values.length})`;
    });
    return raw.query(`insert into crm.product (owner_id, created_by, updated_by, name, list_price) values ${tuples.join(', ')}`, values);
  });
  const perRecord = (s: Stats): Stats => ({ opsPerSec: s.opsPerSec * BULK, p50: s.p50, p95: s.p95 });
  report(`create product (bulk ${BULK}/call; records/s, latency per call)`, [perRecord(bulkOurs), perRecord(bulkRaw)]);

  // 3. fill accounts to ROWS with SQL (not measured), then get by id and filtered list
  const [{ n }] = await server.db.query<{ n: number }>('select count(*)::int as n from crm.account');
  if (ROWS > n) {
    console.error(`  filling crm.account to ${ROWS} rows…`);
    await server.db.query(
      `insert into crm.account (owner_id, created_by, updated_by, name, industry, region, state, annual_revenue, created_at)
       select $1, $1, $1, 'Filler ' || g, (array['manufacturing','trade','finance','utilities','government','construction','tourism','newEconomy','conglomerate','other'])[1 + g % 10],
              'R' || (g % 100), (array['target','potential','formal','sealed'])[1 + g % 4], (g % 100000)::numeric, now() - (g || ' seconds')::interval
       from generate_series(1, $2::int) g`,
      [me.id, ROWS - n],
    );
    await server.db.query('analyze crm.account');
  }
  const ids = (await server.db.query<{ id: string }>('select id from crm.account tablesample system (1) limit 2000')).map((r) => r.id);
  report(
    'get account by id',
    await compare(OPS, (i) => getRecord(ctx(), account, ids[i % ids.length]),
      (i) => raw.query('select * from crm.account where id = $1 and deleted_at is null', [ids[i % ids.length]])),
  );
  const listQ = (i: number) => listQueryFrom({ filter: `industry eq '${INDUSTRIES[i % 10]}' and region eq 'R${i % 100}'`, limit: '50' });
  report(
    `filtered list page (${ROWS} rows, indexed, 50/page)`,
    await compare(OPS, (i) => listRecords(ctx(), account, listQ(i)),
      (i) =>
      raw.query(
        'select * from crm.account where deleted_at is null and industry = $1 and region = $2 order by created_at desc, id desc limit 51',
        [INDUSTRIES[i % 10], `R${i % 100}`],
      ),
    ),
  );

  await raw.end();
  await server.stop();
  clearInterval(sampler);
  const idle = await idleRssOfNpmStart(join(dir, 'start'));
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });

  const head = ['case', 'ours ops/s', 'ours p50 ms', 'ours p95 ms', 'raw pg ops/s', 'raw p50 ms', 'raw p95 ms', 'ours/raw'];
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\npeak RSS of the bench process: ${(peakRss / 2 ** 20).toFixed(0)} MB; idle RSS of \`npm start\` (node only): ${(idle / 2 ** 20).toFixed(0)} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
