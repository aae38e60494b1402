/**
 * `npm run bench:engine` — the embedded engine through its Camunda 7 REST API (real HTTP, real
 * PostgreSQL; embedded unless DATABASE_URL is set), each case against a reference in the same
 * process: a minimal hand-written "engine" on raw `pg` doing the same number of transactions
 * with the fewest statements that could work (no HTTP, no history, no variables). The ratio says
 * what the engine's semantics, history and HTTP cost on top of the database floor. The side-by-side
 * against Operaton comes with the [operaton] issue.
 *
 * Cases:
 *  (a) start → external task → fetchAndLock + complete → end, with 1, 4 and 16 clients
 *  (b) start → user task → query + complete → end, with 1, 4 and 16 clients
 *  dispatch: a long-polling worker; start request sent → the worker holds the task (p50/p95)
 *  query: GET /task?candidateGroup=… with BENCH_OPEN_TASKS open tasks in 100 groups (p95)
 *  rss: BENCH_INSTANCES instances through (a); the server's RSS before and after
 *
 * Env: BENCH_OPS (per case and concurrency, default 600), BENCH_OPEN_TASKS (default 100000),
 * BENCH_INSTANCES (default 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase, loadConfig, startEmbeddedPostgres, startServer } from '../runtime/index.js';

const OPS = Number(process.env.BENCH_OPS ?? 600);
const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100_000);
const PASSWORD = 'bench-password';

const xml = (id: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_${id}" targetNamespace="http://bench">
  <bpmn:process id="${id}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Work" />
    ${body}
    <bpmn:sequenceFlow id="F1" sourceRef="Work" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;
const MODELS = {
  'bench-external.bpmn': xml('bench-external', '<bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="bench" />'),
  'bench-latency.bpmn': xml('bench-latency', '<bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="latency" />'),
  'bench-user.bpmn': xml('bench-user', '<bpmn:userTask id="Work" camunda:candidateGroups="${group}" />'),
};

let base = '';
const auth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

/** A JSON call to the REST API; the answer typed by the caller (bench code trusts the server). */
async function call<T = Record<string, string>>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Run `op(i)` for i in [0, n) with `conc` in flight; returns ops/s and latencies. */
async function run(n: number, conc: number, op: (i: number) => Promise<unknown>): Promise<{ perSec: number; lat: number[] }> {
  let next = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        await op(i);
        lat.push(performance.now() - s);
      }
    }),
  );
  return { perSec: n / ((performance.now() - t0) / 1000), lat: lat.sort((a, b) => a - b) };
}
const pct = (lat: number[], p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))];
const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);

let seq = 0;
/** (a): start, fetch the instance's own task (topic filtered by business key), complete it. */
async function externalCycle(): Promise<void> {
  const businessKey = `a-${seq++}`;
  await call('POST', '/process-definition/key/bench-external/start', { businessKey });
  const [task] = await call<{ id: string }[]>('POST', '/external-task/fetchAndLock', { workerId: businessKey, maxTasks: 1, topics: [{ topicName: 'bench', lockDuration: 60_000, businessKey }] });
  await call('POST', `/external-task/${task.id}/complete`, { workerId: businessKey });
}

/** (b): start, find the instance's task, complete it. */
async function userCycle(): Promise<void> {
  const pi = await call('POST', '/process-definition/key/bench-user/start', { variables: { group: { value: 'cycle', type: 'String' } } });
  const [task] = await call<{ id: string }[]>('GET', `/task?processInstanceId=${pi.id}`);
  await call('POST', `/task/${task.id}/complete`, {});
}

/** The reference: the same three transactions per instance on raw pg, minimal statements. */
async function refSetup(pool: pg.Pool): Promise<void> {
  await pool.query(`create table if not exists bench_instance (id bigserial primary key, business_key text, state jsonb, revision int not null default 1);
    create table if not exists bench_task (id bigserial primary key, instance_id bigint not null references bench_instance(id) on delete cascade, topic text, worker text, group_name text)`);
}
async function refTx(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<unknown>): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    await fn(c);
    await c.query('commit');
  } finally {
    c.release();
  }
}
async function refCycle(pool: pg.Pool): Promise<void> {
  const bk = `r-${seq++}`;
  let instance = '';
  await refTx(pool, async (c) => {
    instance = (await c.query(`insert into bench_instance (business_key, state) values ($1, '{"at":"Work"}') returning id`, [bk])).rows[0].id;
    await c.query(`insert into bench_task (instance_id, topic) values ($1, 'bench')`, [instance]);
  });
  let task = '';
  await refTx(pool, async (c) => {
    task = (await c.query(`select id from bench_task where instance_id = $1 and worker is null for update skip locked limit 1`, [instance])).rows[0].id;
    await c.query(`update bench_task set worker = $2 where id = $1`, [task, bk]);
  });
  await refTx(pool, async (c) => {
    await c.query(`update bench_instance set state = '{"ended":true}', revision = revision + 1 where id = $1`, [instance]);
    await c.query(`delete from bench_instance where id = $1`, [instance]);
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir });
  const url = await ensureDatabase(process.env.DATABASE_URL ?? embedded!.url, `bench_engine_${Date.now()}`);
  const server = await startServer(loadConfig({}, { DATABASE_URL: url, PORT: 0, ADMIN_PASSWORD: PASSWORD, DB_POOL_MAX: 20, PROCESSES_DIR: dataDir }));
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  base = `${server.url}/engine-rest`;
  const rows: string[][] = [];
  try {
    const form = new FormData();
    form.append('deployment-name', 'bench');
    for (const [name, text] of Object.entries(MODELS)) form.append(name, new Blob([text]), name);
    const dep = await fetch(`${base}/deployment/create`, { method: 'POST', headers: { Authorization: auth }, body: form });
    if (dep.status !== 200) throw new Error(`deploy: ${dep.status} ${await dep.text()}`);
    await refSetup(pool);

    for (const [name, cycle] of [
      ['(a) external task', externalCycle],
      ['(b) user task', userCycle],
    ] as const) {
      for (const conc of [1, 4, 16]) {
        await run(Math.ceil(OPS / 5), conc, cycle); // warm-up
        await run(Math.ceil(OPS / 5), conc, () => refCycle(pool));
        const ours = await run(OPS, conc, cycle);
        const ref = await run(OPS, conc, () => refCycle(pool));
        rows.push([`${name}, ${conc} client${conc > 1 ? 's' : ''}`, f(ours.perSec), f(pct(ours.lat, 0.5)), f(pct(ours.lat, 0.95)), f(ref.perSec), `${((ours.perSec / ref.perSec) * 100).toFixed(0)} %`]);
      }
    }

    // Dispatch latency: one long-polling worker, instances started one at a time.
    const sent = new Map<string, number>();
    const dispatch: number[] = [];
    const startCalls: number[] = [];
    let polling = true;
    const worker = (async () => {
      while (polling) {
        const tasks = await call<{ id: string; businessKey: string }[]>('POST', '/external-task/fetchAndLock', { workerId: 'lat', maxTasks: 10, asyncResponseTimeout: 2000, topics: [{ topicName: 'latency', lockDuration: 60_000 }] });
        for (const t of tasks) {
          const s = sent.get(t.businessKey);
          if (s !== undefined) dispatch.push(performance.now() - s);
          await call('POST', `/external-task/${t.id}/complete`, { workerId: 'lat' });
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 300)); // the worker is parked in its long poll
    for (let i = 0; i < 300; i++) {
      const bk = `lat-${i}`;
      const t0 = performance.now();
      sent.set(bk, t0);
      await call('POST', '/process-definition/key/bench-latency/start', { businessKey: bk });
      startCalls.push(performance.now() - t0);
      while (dispatch.length <= i) await new Promise((r) => setTimeout(r, 1));
    }
    polling = false;
    await worker;
    dispatch.sort((a, b) => a - b);
    startCalls.sort((a, b) => a - b);

    // Task query by candidate group with OPEN_TASKS open tasks.
    await run(OPEN_TASKS, 16, (i) => call('POST', '/process-definition/key/bench-user/start', { variables: { group: { value: `group-${i % 100}`, type: 'String' } } }));
    const query = await run(500, 4, (i) => call('GET', `/task?candidateGroup=group-${i % 100}&maxResults=50&sortBy=created&sortOrder=desc`));
    const refQuery = await run(500, 4, (i) =>
      pool.query(`select * from engine.task where candidate_groups @> array[$1] and assignee is null order by create_time desc limit 50`, [`group-${i % 100}`]),
    );

    // RSS: INSTANCES instances through (a).
    const rss = () => process.memoryUsage().rss; // the server runs in this process
    global.gc?.();
    const before = rss();
    await run(INSTANCES, 16, externalCycle);
    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    const after = rss();

    console.log('\n| case | ours /s | p50 ms | p95 ms | raw pg /s | ours/raw |\n| --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    console.log(
      `\nfetchAndLock dispatch (long polling, start request sent → worker has the task): p50 ${f(pct(dispatch, 0.5))} ms, p95 ${f(pct(dispatch, 0.95))} ms` +
        ` (the start call itself, which creates the task and commits: p50 ${f(pct(startCalls, 0.5))} ms, p95 ${f(pct(startCalls, 0.95))} ms)`,
    );
    console.log(
      `task query by candidate group, ${OPEN_TASKS} open tasks: p95 ${f(pct(query.lat, 0.95))} ms over HTTP (raw pg same query: p95 ${f(pct(refQuery.lat, 0.95))} ms)`,
    );
    console.log(`RSS (server in this process) before ${INSTANCES} instances: ${(before / 2 ** 20).toFixed(0)} MB, after: ${(after / 2 ** 20).toFixed(0)} MB (${(((after - before) / before) * 100).toFixed(1)} %)`);
  } finally {
    await pool.end();
    await server.stop();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
