/**
 * `npm run bench:engine [-- --vs operaton]` — the embedded engine through its Camunda 7 REST API
 * (real HTTP, real PostgreSQL; embedded unless DATABASE_URL is set), each case against a reference
 * in the same process: a minimal hand-written "engine" on raw `pg` doing the same number of
 * transactions with the fewest statements that could work (no HTTP, no history, no variables). The
 * ratio says what the engine's semantics, history and HTTP cost on top of the database floor.
 *
 * With `--vs operaton` the same run also drives Operaton (engine/operaton/, built when stale,
 * job executor on, on 127.0.0.1 and its own database of the same PostgreSQL server, a JDBC pool as
 * large as the embedded engine's) with the same HTTP client and worker code, and prints the ratio
 * embedded/Operaton per case. Every case below is one function of the engine it drives.
 *
 * Cases:
 *  (a) start → external task → fetchAndLock + complete → end, with 1, 4 and 16 clients
 *  (b) start → user task → query + complete → end, with 1, 4 and 16 clients
 *  dispatch: a long-polling worker; start request sent → the worker holds the task (p50/p95)
 *  query: GET /task?candidateGroup=… with BENCH_OPEN_TASKS open tasks in 100 groups (p95)
 *  rss: BENCH_INSTANCES instances through (a); the server's RSS before and after
 *
 * The embedded server runs as its own process (`runtime/main.ts`, as `npm start` runs it), like
 * Operaton's JVM: the bench's clients never share its thread, and each process's CPU is its own.
 *
 * Env: BENCH_OPS (per case and concurrency, default 600), BENCH_WARMUP (instances of (a) and of (b)
 * per engine before anything is measured, default 1000), BENCH_OPEN_TASKS (default 100000),
 * BENCH_INSTANCES (default 100000).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildOperatonIfStale, ensureDatabase, freePort, hasTool, startEmbeddedPostgres, startOperaton, type RunningOperaton } from '../runtime/index.js';

const OPS = Number(process.env.BENCH_OPS ?? 600);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100_000);
const PASSWORD = 'bench-password';
const DB_POOL_MAX = 20;

const args = process.argv.slice(2);
const vsOperaton = args.length === 2 && args[0] === '--vs' && args[1] === 'operaton';
if (args.length > 0 && !vsOperaton) {
  console.error(`usage: npm run bench:engine [-- --vs operaton] (got: ${args.join(' ')})`);
  process.exit(2);
}

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

/** One engine under test, reached only through its /engine-rest. */
interface Engine {
  name: string;
  /** …/engine-rest */
  base: string;
  headers: Record<string, string>;
  /** The server process's resident set size in bytes, after asking its runtime for a full GC. */
  rssAfterGc(): Promise<number>;
  /** What rssAfterGc measures. */
  rssOf: string;
  /** The processes (keys of cpuOf) whose CPU per instance is reported for this engine, with what each runs. */
  cpu: [string, string][];
}

/** A JSON call to an engine's REST API; the answer typed by the caller (bench code trusts the server). */
async function call<T = Record<string, string>>(engine: Engine, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(engine.base + path, {
    method,
    headers: { ...engine.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${engine.name}: ${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function deploy(engine: Engine): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', 'bench');
  for (const [name, text] of Object.entries(MODELS)) form.append(name, new Blob([text]), name);
  const res = await fetch(`${engine.base}/deployment/create`, { method: 'POST', headers: engine.headers, body: form });
  if (res.status !== 200) throw new Error(`${engine.name}: deploy: ${res.status} ${await res.text()}`);
}

/** The fields after `(comm)` in /proc/<pid>/stat (index 0 = field 3, state), or undefined once gone. */
function procStat(pid: number | string): number[] | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
  } catch {
    return undefined;
  }
}
const HZ = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
/** CPU ms a process has used (utime + stime), plus its reaped children's when `reaped`. */
function cpuMs(stat: number[] | undefined, reaped = false): number {
  return stat ? ((stat[11] + stat[12] + (reaped ? stat[13] + stat[14] : 0)) * 1000) / HZ : 0;
}
/** Processes whose CPU each measured run reports: this Node process, and (when known) Operaton's JVM and PostgreSQL. */
const cpuOf: Record<string, () => number> = { Node: () => cpuMs(procStat(process.pid)) };
/** The PostgreSQL server's CPU ms: the postmaster with its reaped backends, plus its live backends. */
function postgresCpu(postmaster: number): () => number {
  return () => {
    let ms = cpuMs(procStat(postmaster), true);
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      const stat = procStat(d);
      if (stat?.[1] === postmaster) ms += cpuMs(stat);
    }
    return ms;
  };
}

interface Timed {
  perSec: number;
  lat: number[];
  /** CPU ms per op of each process in cpuOf. */
  cpu: Record<string, number>;
}
/** Run `op(i)` for i in [0, n) with `conc` in flight; returns ops/s, latencies and CPU per op. */
async function run(n: number, conc: number, op: (i: number) => Promise<unknown>): Promise<Timed> {
  let next = 0;
  const lat: number[] = [];
  const cpu0 = Object.entries(cpuOf).map(([k, read]) => [k, read()] as const);
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
  const perSec = n / ((performance.now() - t0) / 1000);
  return { perSec, lat: lat.sort((a, b) => a - b), cpu: Object.fromEntries(cpu0.map(([k, before]) => [k, (cpuOf[k]() - before) / n])) };
}
const pct = (lat: number[], p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))];
const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

let seq = 0;
/** (a): start, fetch the instance's own task (topic filtered by business key), complete it. */
async function externalCycle(engine: Engine): Promise<void> {
  const businessKey = `a-${seq++}`;
  await call(engine, 'POST', '/process-definition/key/bench-external/start', { businessKey });
  const [task] = await call<{ id: string }[]>(engine, 'POST', '/external-task/fetchAndLock', { workerId: businessKey, maxTasks: 1, topics: [{ topicName: 'bench', lockDuration: 60_000, businessKey }] });
  await call(engine, 'POST', `/external-task/${task.id}/complete`, { workerId: businessKey });
}

/** (b): start, find the instance's task, complete it. */
async function userCycle(engine: Engine): Promise<void> {
  const pi = await call(engine, 'POST', '/process-definition/key/bench-user/start', { variables: { group: { value: 'cycle', type: 'String' } } });
  const [task] = await call<{ id: string }[]>(engine, 'GET', `/task?processInstanceId=${pi.id}`);
  await call(engine, 'POST', `/task/${task.id}/complete`, {});
}

/** Dispatch latency: one long-polling worker, 300 instances started one at a time. */
async function dispatchLatency(engine: Engine): Promise<{ dispatch: number[]; startCalls: number[] }> {
  const sent = new Map<string, number>();
  const dispatch: number[] = [];
  const startCalls: number[] = [];
  let polling = true;
  const worker = (async () => {
    while (polling) {
      const tasks = await call<{ id: string; businessKey: string }[]>(engine, 'POST', '/external-task/fetchAndLock', { workerId: 'lat', maxTasks: 10, asyncResponseTimeout: 2000, topics: [{ topicName: 'latency', lockDuration: 60_000 }] });
      for (const t of tasks) {
        const s = sent.get(t.businessKey);
        if (s !== undefined) dispatch.push(performance.now() - s);
        await call(engine, 'POST', `/external-task/${t.id}/complete`, { workerId: 'lat' });
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 300)); // the worker is parked in its long poll
  for (let i = 0; i < 300; i++) {
    const bk = `lat-${i}`;
    const t0 = performance.now();
    sent.set(bk, t0);
    await call(engine, 'POST', '/process-definition/key/bench-latency/start', { businessKey: bk });
    startCalls.push(performance.now() - t0);
    while (dispatch.length <= i) await new Promise((r) => setTimeout(r, 1));
  }
  polling = false;
  await worker;
  return { dispatch: dispatch.sort((a, b) => a - b), startCalls: startCalls.sort((a, b) => a - b) };
}

/** OPEN_TASKS user tasks left open in 100 candidate groups. */
const openTasks = (engine: Engine) => run(OPEN_TASKS, 16, (i) => call(engine, 'POST', '/process-definition/key/bench-user/start', { variables: { group: { value: `group-${i % 100}`, type: 'String' } } }));
const taskQuery = (engine: Engine) => run(500, 4, (i) => call(engine, 'GET', `/task?candidateGroup=group-${i % 100}&maxResults=50&sortBy=created&sortOrder=desc`));

/** RSS of the server before and after INSTANCES instances through (a). */
async function rssRun(engine: Engine): Promise<{ before: number; after: number }> {
  const before = await engine.rssAfterGc();
  await run(INSTANCES, 16, () => externalCycle(engine));
  await new Promise((r) => setTimeout(r, 1000));
  return { before, after: await engine.rssAfterGc() };
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

/** VmRSS of a process, from /proc/<pid>/status. */
function procRss(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb[1]) * 1024;
}

async function startOperatonEngine(serverUrl: string): Promise<{ engine: Engine; operaton: RunningOperaton }> {
  if (!hasTool('java', ['-version']) || !hasTool('mvn', ['-v'])) throw new Error('--vs operaton needs Java 17+ and Maven (see README: Operaton)');
  buildOperatonIfStale((line) => console.log(`[bench] ${line}`));
  const databaseUrl = await ensureDatabase(serverUrl, `bench_operaton_${Date.now()}`);
  const operaton = await startOperaton({ databaseUrl, host: '127.0.0.1', port: await freePort(), adminPassword: PASSWORD, output: 'ignore', jobExecution: true, dbPoolMax: DB_POOL_MAX });
  const pid = operaton.process.pid!;
  const jcmd = hasTool('jcmd', ['-l']);
  const engine: Engine = {
    name: 'Operaton',
    base: `${operaton.base}/engine-rest`,
    headers: {}, // loopback: Operaton's /engine-rest needs no authentication
    rssAfterGc: async () => {
      if (jcmd) spawnSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore' });
      return procRss(pid);
    },
    rssOf: `the JVM (pid ${pid}, VmRSS${jcmd ? ' after jcmd GC.run' : '; jcmd missing, no GC forced'})`,
    cpu: [
      ['JVM', 'JVM'],
      ['Node', 'Node: clients'],
      ['PostgreSQL', 'PostgreSQL'],
    ],
  };
  cpuOf.JVM = () => cpuMs(procStat(pid));
  return { engine, operaton };
}

/** The embedded server as its own process (`node runtime/main.ts`), ready once /ready answers. */
async function startServerProcess(databaseUrl: string, processesDir: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const root = new URL('../', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', './bench/gc-on-signal.mjs', 'runtime/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), ADMIN_PASSWORD: PASSWORD, DB_POOL_MAX: String(DB_POOL_MAX), PROCESSES_DIR: processesDir, WORKERS: 'off', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`the embedded server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the embedded server did not become ready: ${stderr}`);
}

/** Ask the server process for a full GC (bench/gc-on-signal.mjs) and wait until it did it. */
async function gcServer(child: ChildProcess): Promise<void> {
  const done = new Promise<void>((resolve) => {
    const onData = (b: Buffer) => {
      if (!b.toString().includes('[bench-gc] done')) return;
      child.stderr!.off('data', onData);
      resolve();
    };
    child.stderr!.on('data', onData);
  });
  child.kill('SIGUSR2');
  await done;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const embeddedPg = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir });
  const serverUrl = process.env.DATABASE_URL ?? embeddedPg!.url;
  if (embeddedPg) cpuOf.PostgreSQL = postgresCpu(Number(readFileSync(join(embeddedPg.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]));
  const url = await ensureDatabase(serverUrl, `bench_engine_${Date.now()}`);
  const server = await startServerProcess(url, dataDir);
  const serverPid = server.child.pid!;
  cpuOf.Server = () => cpuMs(procStat(serverPid));
  const pool = new pg.Pool({ connectionString: url, max: DB_POOL_MAX });
  let operaton: RunningOperaton | undefined;
  try {
    const embedded: Engine = {
      name: 'embedded',
      base: `${server.url}/engine-rest`,
      headers: { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` },
      rssAfterGc: async () => {
        await gcServer(server.child);
        return procRss(serverPid);
      },
      rssOf: `the server process (pid ${serverPid}, VmRSS after a full GC)`,
      cpu: [
        ['Server', 'Node: server'],
        ['Node', 'Node: clients'],
        ['PostgreSQL', 'PostgreSQL'],
      ],
    };
    const engines = [embedded];
    if (vsOperaton) {
      const started = await startOperatonEngine(serverUrl);
      operaton = started.operaton;
      engines.push(started.engine);
    }
    for (const e of engines) {
      await deploy(e);
      console.log(`[bench] ${e.name}: ${e.base}, version ${(await call(e, 'GET', '/version')).version}`);
    }
    await refSetup(pool);

    // Warm-up (JIT in V8 and the JVM, connection pools, caches): the same work on every engine.
    for (const e of engines) {
      await run(WARMUP, 4, () => externalCycle(e));
      await run(WARMUP, 4, () => userCycle(e));
    }

    const rows: string[][] = [];
    const cpuRows: string[][] = [];
    const refCpu: [string, string][] = [
      ['Node', 'Node'],
      ['PostgreSQL', 'PostgreSQL'],
    ];
    for (const [name, cycle] of [
      ['(a) external task', externalCycle],
      ['(b) user task', userCycle],
    ] as const) {
      for (const conc of [1, 4, 16]) {
        for (const e of engines) await run(Math.ceil(OPS / 5), conc, () => cycle(e));
        await run(Math.ceil(OPS / 5), conc, () => refCycle(pool));
        const timed: Timed[] = [];
        for (const e of engines) timed.push(await run(OPS, conc, () => cycle(e)));
        const ref = await run(OPS, conc, () => refCycle(pool));
        rows.push([
          `${name}, ${conc} client${conc > 1 ? 's' : ''}`,
          ...timed.flatMap((t) => [f(t.perSec), f(pct(t.lat, 0.5)), f(pct(t.lat, 0.95))]),
          ...(timed.length > 1 ? [ratio(timed[0].perSec, timed[1].perSec)] : []),
          f(ref.perSec),
          `${((timed[0].perSec / ref.perSec) * 100).toFixed(0)} %`,
        ]);
        const cpuCells = (t: Timed, of: [string, string][]) => of.map(([k]) => (k in t.cpu ? f(t.cpu[k]) : 'n/a'));
        cpuRows.push([rows[rows.length - 1][0], ...timed.flatMap((t, i) => cpuCells(t, engines[i].cpu)), ...cpuCells(ref, refCpu)]);
      }
    }

    const dispatch: Awaited<ReturnType<typeof dispatchLatency>>[] = [];
    for (const e of engines) dispatch.push(await dispatchLatency(e));

    for (const e of engines) await openTasks(e);
    const query: Timed[] = [];
    for (const e of engines) query.push(await taskQuery(e));
    const refQuery = await run(500, 4, (i) =>
      pool.query(`select * from engine.task where candidate_groups @> array[$1] and assignee is null order by create_time desc limit 50`, [`group-${i % 100}`]),
    );

    const rss: Awaited<ReturnType<typeof rssRun>>[] = [];
    for (const e of engines) rss.push(await rssRun(e));

    const vs = engines.length > 1 ? ` | embedded/${engines[1].name}` : '';
    const head = engines.map((e) => ` | ${e.name} instances/s | p50 ms | p95 ms`).join('');
    console.log(`\n| case${head}${vs} | raw pg /s | embedded/raw |`);
    console.log(`|${' --- |'.repeat(rows[0].length)}`);
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    console.log(`\nCPU ms per instance, by process (this machine: ${availableParallelism()} cores; ms × instances/s ÷ 1000 = cores a process keeps busy):`);
    const cpuHead = [...engines.flatMap((e) => e.cpu.map(([, what]) => `${e.name} ${what}`)), ...refCpu.map(([, what]) => `raw pg ${what}`)];
    console.log(`\n| case | ${cpuHead.join(' | ')} |\n|${' --- |'.repeat(cpuHead.length + 1)}`);
    for (const r of cpuRows) console.log(`| ${r.join(' | ')} |`);
    /** "embedded/Operaton: 0.50 (p50), 0.60 (p95)" for two engines' sorted latencies. */
    const versus = (lat: number[][]) => {
      if (lat.length > 1) console.log(`  embedded/${engines[1].name}: ${ratio(pct(lat[0], 0.5), pct(lat[1], 0.5))} (p50), ${ratio(pct(lat[0], 0.95), pct(lat[1], 0.95))} (p95)`);
    };
    console.log('\nfetchAndLock dispatch (long polling, start request sent → worker has the task; lower is better):');
    engines.forEach((e, i) => {
      const d = dispatch[i];
      console.log(
        `  ${e.name}: p50 ${f(pct(d.dispatch, 0.5))} ms, p95 ${f(pct(d.dispatch, 0.95))} ms` +
          ` (the start call itself, which creates the task and commits: p50 ${f(pct(d.startCalls, 0.5))} ms, p95 ${f(pct(d.startCalls, 0.95))} ms)`,
      );
    });
    versus(dispatch.map((d) => d.dispatch));
    console.log(`\ntask query by candidate group, ${OPEN_TASKS} open tasks per engine, over HTTP (lower is better):`);
    engines.forEach((e, i) => console.log(`  ${e.name}: p50 ${f(pct(query[i].lat, 0.5))} ms, p95 ${f(pct(query[i].lat, 0.95))} ms`));
    versus(query.map((q) => q.lat));
    console.log(`  raw pg, the embedded engine's SQL: p95 ${f(pct(refQuery.lat, 0.95))} ms`);
    console.log(`\nRSS before and after ${INSTANCES} instances through (a):`);
    engines.forEach((e, i) => {
      const { before, after } = rss[i];
      console.log(`  ${e.name}, ${e.rssOf}: before ${mb(before)}, after ${mb(after)} (${(((after - before) / before) * 100).toFixed(1)} %)`);
    });
  } finally {
    await operaton?.stop();
    await pool.end();
    await server.stop();
    await embeddedPg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
