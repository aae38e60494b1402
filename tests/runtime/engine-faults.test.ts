/**
 * The engine under faults, as the product runs it (child processes of `runtime/main.ts` on one
 * database) with real camunda-external-task-client-js workers:
 *  - SIGKILL in the middle of 1,000 instances (external task → timer → async step): after a
 *    restart every instance completes, each step exactly once, nothing left behind;
 *  - two server processes on one database, both running their job executor, share the external
 *    tasks; no step (external task, timer, async job) runs twice.
 */
import { BasicAuthInterceptor, Client } from 'camunda-external-task-client-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshDatabase, waitFor } from '../support/harness.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const PASSWORD = 'fault-password';
const INSTANCES = 1000;

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://fault">
  <bpmn:process id="fault-load" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Work" />
    <bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="fault-work" />
    <bpmn:sequenceFlow id="F1" sourceRef="Work" targetRef="Wait" />
    <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Book" />
    <bpmn:task id="Book" camunda:asyncBefore="true" />
    <bpmn:sequenceFlow id="F3" sourceRef="Book" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

let dir: string;
let url: string;
let pool: pg.Pool;
const children: ChildProcess[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-faults-'));
  writeFileSync(join(dir, 'fault-load.bpmn'), MODEL);
  url = await freshDatabase('faults');
  pool = new pg.Pool({ connectionString: url, max: 4 });
});
afterAll(async () => {
  for (const c of clients) c.stop();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** One server process on the shared database, ready to serve. */
function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATABASE_URL: url, PORT: String(port), ADMIN_PASSWORD: PASSWORD, PROCESSES_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 60 s:\n${out}`)), 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (/ready in \d+ ms/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${out}`)));
  });
}

const auth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

async function startInstances(bases: string[], prefix: string, n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      while (next < n) {
        const i = next++;
        const res = await fetch(`${bases[w % bases.length]}/engine-rest/process-definition/key/fault-load/start`, {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ businessKey: `${prefix}-${i}` }),
        });
        expect(res.status).toBe(200);
      }
    }),
  );
}

/** A worker completing `fault-work` tasks; counts what it completed (per business key). */
function worker(base: string, done: Map<string, number>, lockDuration: number): Client {
  const client = new Client({
    baseUrl: `${base}/engine-rest`,
    interceptors: new BasicAuthInterceptor({ username: 'admin', password: PASSWORD }),
    maxTasks: 20,
    lockDuration,
    asyncResponseTimeout: 2000,
    interval: 100,
  });
  client.subscribe('fault-work', async ({ task, taskService }) => {
    await taskService.complete(task);
    done.set(task.businessKey ?? '', (done.get(task.businessKey ?? '') ?? 0) + 1);
  });
  clients.push(client);
  return client;
}

const count = async (sql: string, params: unknown[] = []) => Number((await pool.query(sql, params)).rows[0].n);

/** Each instance of `prefix`: completed once, each step once, nothing left at runtime. */
async function expectEachStepOnce(prefix: string, n: number): Promise<void> {
  const perStep = await pool.query<{ activity_id: string; instances: string; runs: string }>(
    `select a.activity_id, count(distinct a.process_instance_id) as instances, count(*) as runs
       from engine.hi_activity_instance a join engine.hi_process_instance p on p.id = a.process_instance_id
      where p.business_key like $1 and a.end_time is not null and not a.canceled
      group by a.activity_id order by a.activity_id`,
    [`${prefix}-%`],
  );
  expect(perStep.rows.map((r) => [r.activity_id, Number(r.instances), Number(r.runs)])).toEqual(
    ['Book', 'End', 'Start', 'Wait', 'Work'].map((a) => [a, n, n]),
  );
  expect(await count(`select count(*) as n from engine.hi_process_instance where business_key like $1 and state = 'COMPLETED'`, [`${prefix}-%`])).toBe(n);
  expect(await count(`select count(*) as n from engine.hi_process_instance where business_key like $1`, [`${prefix}-%`])).toBe(n);
  for (const table of ['process_instance', 'external_task', 'job', 'incident']) expect(await count(`select count(*) as n from engine.${table}`)).toBe(0);
}

test('SIGKILL in the middle of 1,000 instances: after a restart each completes, every step exactly once', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port);
  const done = new Map<string, number>();
  worker(base, done, 3000); // a short lock: tasks locked when the server died come back quickly
  await startInstances([base], 'kill', INSTANCES);
  // Kill it while work is under way: some instances are done, many are not.
  await waitFor(async () => (await count(`select count(*) as n from engine.hi_process_instance where state = 'COMPLETED' and business_key like 'kill-%'`)) >= 150, 120_000);
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  expect(await count(`select count(*) as n from engine.process_instance`)).toBeGreaterThan(0);
  server = await startServer(port);
  await waitFor(async () => (await count(`select count(*) as n from engine.hi_process_instance where state = 'COMPLETED' and business_key like 'kill-%'`)) === INSTANCES, 240_000);
  await expectEachStepOnce('kill', INSTANCES);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}, 420_000);

test('two server processes on one database (each running its job executor) share the external tasks, and no step runs twice', async () => {
  const [portA, portB] = [await freePort(), await freePort()];
  const [a, b] = await Promise.all([startServer(portA), startServer(portB)]);
  const bases = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const doneA = new Map<string, number>();
  const doneB = new Map<string, number>();
  worker(bases[0], doneA, 60_000);
  worker(bases[1], doneB, 60_000);
  await startInstances(bases, 'pair', 400);
  await waitFor(async () => (await count(`select count(*) as n from engine.hi_process_instance where state = 'COMPLETED' and business_key like 'pair-%'`)) === 400, 240_000);
  await expectEachStepOnce('pair', 400);
  // Both workers (each long-polling its own server) got a share; no task was completed twice.
  expect([...doneA.keys()].filter((k) => k.startsWith('pair-')).length).toBeGreaterThan(0);
  expect([...doneB.keys()].filter((k) => k.startsWith('pair-')).length).toBeGreaterThan(0);
  for (const k of doneA.keys()) expect(doneB.has(k)).toBe(false);
  a.kill('SIGTERM');
  b.kill('SIGTERM');
  await Promise.all([new Promise((r) => a.once('exit', r)), new Promise((r) => b.once('exit', r))]);
}, 420_000);
