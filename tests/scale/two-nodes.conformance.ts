/**
 * Proof at scale ([operaton]): two Operaton nodes, job executors on, share one fresh PostgreSQL
 * database; two worker OS processes (worker.ts, camunda-external-task-client-js) each long-poll a
 * different node. 2,000 instances of two-nodes.bpmn (async external task → user task → external
 * task) start concurrently over both nodes, and the test completes the user tasks through
 * either node. Then: every instance ended exactly once, every external task ran exactly once (the
 * workers record each run in PostgreSQL, the engines' history records each completion), and both
 * nodes' job executors and both workers did part of the work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { ensureDatabase, freePort } from '../../runtime/db/embedded.js';
import { buildOperatonIfStale, startOperaton, type RunningOperaton } from '../../runtime/operaton/launch.js';

const INSTANCES = 2000;
const KEY = 'scale-two-nodes';
const TOPICS = ['scale-a', 'scale-b'];
const NODE_NAMES = ['scale-node-a', 'scale-node-b'];
const WORKER_IDS = ['scale-worker-a', 'scale-worker-b'];
/** How long the instances may take, from the first start to the last end (a dedicated 2-core machine needs far less). */
const BUDGET_MS = 480_000;
const ROOT = new URL('../../', import.meta.url).pathname;
const MODEL = readFileSync(new URL('./two-nodes.bpmn', import.meta.url), 'utf8');

const log = (line: string) => process.stdout.write(`[scale] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** JSON over /engine-rest of one node; any status but 2xx throws with the body. */
async function rest<T>(base: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`${base}/engine-rest${path}`, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${base}${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Every row of a list endpoint, in one page (paging an unsorted query could skip or repeat rows). */
const all = <T>(base: string, path: string): Promise<T[]> => rest<T[]>(base, `${path}${path.includes('?') ? '&' : '?'}maxResults=100000`);

/** Run `fn` over `items` with at most `limit` calls in flight. */
async function inParallel<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

const count = <T>(values: T[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<T, number>());

interface Worker {
  id: string;
  child: ChildProcess;
  events: { event: string; detail: string }[];
}

function startWorker(id: string, engineUrl: string, recordUrl: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/scale/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ENGINE_URL: engineUrl, WORKER_ID: id, RECORD_DATABASE_URL: recordUrl, TOPICS: TOPICS.join(',') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const worker: Worker = { id, child, events: [] };
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        let e: Worker['events'][number];
        try {
          e = JSON.parse(line) as Worker['events'][number];
        } catch {
          e = { event: 'output', detail: line };
        }
        if (e.event === 'ready') resolve(worker);
        else worker.events.push(e);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker ${id} exited (${code}) before it was ready`)));
  });
}

async function stopWorker(w: Worker): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  const exited = new Promise((r) => w.child.once('exit', r));
  w.child.kill('SIGTERM');
  const timer = setTimeout(() => w.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A node named `name`: the job log records the name with each job, so the test sees which node ran it. */
const startNode = (name: string, databaseUrl: string, port: number): Promise<RunningOperaton> =>
  startOperaton({ databaseUrl, host: '127.0.0.1', port, adminPassword: 'scale-admin', output: 'ignore', jobExecution: true, nodeName: name, timeoutMs: 240_000 });

const nodes: RunningOperaton[] = [];
const workers: Worker[] = [];
let db: pg.Client;
let progress: ReturnType<typeof setInterval> | undefined;

beforeAll(async () => {
  const t0 = Date.now();
  buildOperatonIfStale(log);
  const url = await ensureDatabase(process.env.TEST_DATABASE_URL!, `scale_two_nodes_${Date.now()}`);
  db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('create schema scale; create table scale.execution (external_task_id text not null, topic text not null, process_instance_id text not null, business_key text, worker_id text not null)');
  // One after the other: the first node creates Operaton's schema, the second finds it.
  for (const name of NODE_NAMES) nodes.push(await startNode(name, url, await freePort()));
  log(`two nodes up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${nodes.map((n) => n.base).join(', ')}`);
  const form = new FormData();
  form.append('deployment-name', 'scale-two-nodes');
  form.append('data', new Blob([MODEL], { type: 'application/xml' }), 'two-nodes.bpmn');
  const res = await fetch(`${nodes[0]!.base}/engine-rest/deployment/create`, { method: 'POST', body: form });
  if (res.status !== 200) throw new Error(`deployment failed: ${res.status} ${await res.text()}`);
  workers.push(...(await Promise.all(WORKER_IDS.map((id, i) => startWorker(id, `${nodes[i]!.base}/engine-rest`, url)))));
}, 600_000);

afterAll(async () => {
  clearInterval(progress);
  await Promise.all(workers.map(stopWorker));
  await Promise.all(nodes.map((n) => n.stop()));
  await db?.end();
}, 120_000);

test('2,000 instances on two Operaton nodes and two workers: each ends once, each external task runs once, both nodes and workers share the work', async () => {
  const t0 = Date.now();
  const bases = nodes.map((n) => n.base);
  const keys = Array.from({ length: INSTANCES }, (_, i) => `scale-${i}`);
  let failure: unknown;

  // Progress every 15 s, so a slow run shows where the work waits.
  let started = 0;
  const completed = new Set<string>();
  progress = setInterval(() => {
    void Promise.all([
      db.query<{ topic: string; n: number }>('select topic, count(*)::int as n from scale.execution group by topic order by topic'),
      rest<{ count: number }>(bases[0]!, `/job/count?processDefinitionKey=${KEY}`),
      rest<{ count: number }>(bases[0]!, `/external-task/count?processDefinitionKey=${KEY}&notLocked=true`),
    ]).then(([runs, jobs, unlocked]) =>
      log(`${((Date.now() - t0) / 1000).toFixed(0)} s: started ${started}, user tasks completed ${completed.size}, external task runs ${JSON.stringify(runs.rows)}, jobs waiting ${jobs.count}, external tasks unlocked ${unlocked.count}`),
    ).catch(() => undefined);
  }, 15_000);

  // Start every instance, alternating nodes, 16 calls in flight.
  const starting = inParallel(keys, 16, async (businessKey, i) => {
    await rest(bases[i % 2]!, `/process-definition/key/${KEY}/start`, { businessKey });
    started++;
  }).catch((e: unknown) => {
    failure ??= e;
  });

  // Meanwhile complete the user tasks as they appear, asking and completing through either node.
  const completing = (async () => {
    for (let round = 0; completed.size < INSTANCES && failure === undefined; round++) {
      if (Date.now() - t0 > BUDGET_MS) throw new Error(`only ${completed.size} user tasks appeared within ${BUDGET_MS / 1000} s`);
      const open = await rest<{ id: string }[]>(bases[round % 2]!, `/task?processDefinitionKey=${KEY}&maxResults=200`);
      const fresh = open.filter((t) => !completed.has(t.id));
      if (fresh.length === 0) {
        await sleep(200);
        continue;
      }
      await inParallel(fresh, 16, async (t, i) => {
        await rest(bases[(round + i) % 2]!, `/task/${t.id}/complete`, { variables: { reviewedOn: { value: NODE_NAMES[(round + i) % 2] } } });
        completed.add(t.id);
      });
    }
  })().catch((e: unknown) => {
    failure ??= e;
  });
  await Promise.all([starting, completing]);
  if (failure) throw failure;
  log(`${INSTANCES} started and ${completed.size} user tasks completed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Wait until history has every instance finished (the last external tasks run after the user tasks).
  const finishedCount = () => rest<{ count: number }>(bases[0]!, `/history/process-instance/count?processDefinitionKey=${KEY}&finished=true`).then((r) => r.count);
  for (let finished = await finishedCount(); finished < INSTANCES; finished = await finishedCount()) {
    if (Date.now() - t0 > BUDGET_MS) {
      const incidents = await rest<unknown[]>(bases[0]!, `/incident?processDefinitionKeyIn=${KEY}&maxResults=5`);
      throw new Error(`${finished} of ${INSTANCES} instances finished within ${BUDGET_MS / 1000} s; incidents: ${JSON.stringify(incidents)}; worker events: ${JSON.stringify(workers.map((w) => w.events.slice(0, 5)))}`);
    }
    await sleep(500);
  }
  clearInterval(progress);
  log(`all finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Every instance ended exactly once: 2,000 completed in history, one per business key, one End each, none running.
  const instances = await all<{ id: string; businessKey: string; state: string }>(bases[1]!, `/history/process-instance?processDefinitionKey=${KEY}`);
  expect(instances).toHaveLength(INSTANCES);
  expect(count(instances.map((p) => p.state))).toEqual(new Map([['COMPLETED', INSTANCES]]));
  expect(instances.map((p) => p.businessKey).sort()).toEqual([...keys].sort());
  expect(await rest<{ count: number }>(bases[0]!, `/process-instance/count?processDefinitionKey=${KEY}`)).toEqual({ count: 0 });
  const ends = await all<{ processInstanceId: string }>(bases[0]!, `/history/activity-instance?activityId=End`);
  expect(ends.map((a) => a.processInstanceId).sort()).toEqual(instances.map((p) => p.id).sort());

  // Every external task ran exactly once: one worker run per task id, one task per instance and topic,
  // and the runs are exactly the completions the engines recorded.
  const runs = (await db.query<{ external_task_id: string; topic: string; process_instance_id: string; worker_id: string }>('select * from scale.execution')).rows;
  const repeated = [...count(runs.map((r) => r.external_task_id))].filter(([, n]) => n > 1);
  expect(repeated).toEqual([]);
  expect(runs).toHaveLength(INSTANCES * TOPICS.length);
  const perInstanceAndTopic = count(runs.map((r) => `${r.process_instance_id} ${r.topic}`));
  expect(perInstanceAndTopic.size).toBe(INSTANCES * TOPICS.length);
  expect(new Set(runs.map((r) => r.process_instance_id))).toEqual(new Set(instances.map((p) => p.id)));
  const successes = await all<{ externalTaskId: string; workerId: string }>(bases[1]!, `/history/external-task-log?processDefinitionKey=${KEY}&successLog=true`);
  expect(successes.map((s) => `${s.externalTaskId} ${s.workerId}`).sort()).toEqual(runs.map((r) => `${r.external_task_id} ${r.worker_id}`).sort());
  expect(workers.flatMap((w) => w.events.filter((e) => e.event === 'handler:error'))).toEqual([]);

  // Both workers (each polling its own node) and both nodes' job executors did part of the work.
  const byWorker = count(runs.map((r) => r.worker_id));
  const jobs = await all<{ jobId: string; hostname: string }>(bases[0]!, `/history/job-log?processDefinitionKey=${KEY}&successLog=true`);
  expect(new Set(jobs.map((j) => j.jobId)).size).toBe(INSTANCES);
  expect(jobs).toHaveLength(INSTANCES);
  const byNode = count(jobs.map((j) => j.hostname));
  log(`external tasks per worker: ${JSON.stringify([...byWorker])}; jobs per node: ${JSON.stringify([...byNode])}; poll errors (retried by the client): ${JSON.stringify(workers.map((w) => [w.id, w.events.filter((e) => e.event === 'poll:error').map((e) => e.detail)]))}`);
  for (const id of WORKER_IDS) expect(byWorker.get(id) ?? 0).toBeGreaterThan(0);
  expect([...byNode.keys()].sort()).toEqual(NODE_NAMES);
  log(`test body ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 600_000);
