/**
 * The workers host with a worker module written to a temporary WORKERS_DIR: in-process (the
 * runtime's default, as service account crm-workers), and as `npm run workers` in its own process
 * against the server's /engine-rest with a service token — each completes a real external task on
 * the embedded engine and reads a record API route with its token. SIGTERM stops the worker
 * process while its long poll is open; a bad ENGINE_URL stops it naming the variable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelerXml, start, external, flow } from '../engine/core/support.js';
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const TOPIC = 'wk-double';
let dir: string;
let workersDir: string;
let processesDir: string;

// A worker module as the [processes] issue will write them: default export, one file per topic,
// engine through taskService, records through ctx.api. It reports what it saw as variables.
const WORKER = `
import { Variables } from 'camunda-external-task-client-js';
export default {
  topic: '${TOPIC}',
  variables: ['n'],
  async handler(task, taskService, ctx) {
    const me = await (await ctx.api('/auth/me')).json();
    await taskService.complete(task, new Variables().setAll({ doubled: task.variables.get('n') * 2, apiUser: me.user.username, workerId: task.workerId }));
  },
};
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-workers-'));
  workersDir = join(dir, 'workers');
  processesDir = join(dir, 'processes');
  for (const d of [workersDir, processesDir]) mkdirSync(d);
  // The module imports the client as shipped workers do; outside the project its folder needs the
  // project's node_modules and, like the project, "type": "module" (else tsx loads it as CommonJS
  // with a second copy of the client, whose Variables the host's taskService does not recognise).
  symlinkSync(join(ROOT, 'node_modules'), join(workersDir, 'node_modules'));
  writeFileSync(join(workersDir, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(workersDir, `${TOPIC}.ts`), WORKER);
  writeFileSync(join(workersDir, 'notes.md'), 'not a worker module');
  const body = [start(), external('Work', TOPIC), '<bpmn:endEvent id="End" />', flow('F0', 'Start', 'Work'), flow('F1', 'Work', 'End')].join('\n');
  writeFileSync(join(processesDir, 'wk-double.bpmn'), modelerXml('wk-double', body));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const basic = (t: TestServer) => 'Basic ' + Buffer.from(`admin:${t.adminPassword}`).toString('base64');

async function engine<T = any>(t: TestServer, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${t.url}/engine-rest${path}`, {
    method,
    headers: { authorization: basic(t), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** Start an instance with n, wait until a worker completed it, and return its variables. */
async function runOnce(t: TestServer, n: number): Promise<Record<string, unknown>> {
  const { id } = await engine<{ id: string }>(t, 'POST', '/process-definition/key/wk-double/start', { variables: { n: { value: n, type: 'Integer' } } });
  await waitFor(async () => (await engine<{ state: string }>(t, 'GET', `/history/process-instance/${id}`)).state === 'COMPLETED', 20_000);
  const vars = await engine<{ name: string; value: unknown }[]>(t, 'GET', `/history/variable-instance?processInstanceId=${id}`);
  return Object.fromEntries(vars.map((v) => [v.name, v.value]));
}

async function tokens(t: TestServer, username: string) {
  return t.server.db.query<{ name: string; revoked: boolean }>(
    `select t.name, t.revoked_at is not null as revoked from sec.api_token t join sec.user u on u.id = t.user_id where u.username = $1 order by t.created_at`,
    [username],
  );
}

test('in-process (the default): the worker completes the external task as crm-workers; a restart replaces its token', async () => {
  const t = await startTestServer({ processesDir, config: { WORKERS_DIR: workersDir } });
  let again: TestServer | undefined;
  try {
    expect(await runOnce(t, 21)).toMatchObject({ n: 21, doubled: 42, apiUser: 'crm-workers', workerId: expect.stringContaining(`:${process.pid}`) });
    const user = await t.server.db.query<{ isService: boolean }>(`select is_service as "isService" from sec.user where username = 'crm-workers'`);
    expect(user).toEqual([{ isService: true }]);
    expect(await tokens(t, 'crm-workers')).toEqual([{ name: expect.stringMatching(/^in-process workers /), revoked: false }]);

    await t.stop();
    expect(await tokensAfterStop(t)).toEqual([{ name: expect.any(String), revoked: true }]);
    again = await startTestServer({ processesDir, databaseUrl: t.databaseUrl, adminPassword: t.adminPassword, config: { WORKERS_DIR: workersDir } });
    expect(await tokens(again, 'crm-workers')).toEqual([{ name: expect.any(String), revoked: false }]);
    expect(await runOnce(again, 5)).toMatchObject({ doubled: 10, apiUser: 'crm-workers' });
  } finally {
    await again?.stop();
    await t.stop();
  }
});

/** The tokens of crm-workers read through a fresh connection (the stopped server's pool is closed). */
async function tokensAfterStop(t: TestServer) {
  const { Db } = await import('../../runtime/db/db.js');
  const db = await Db.connect(t.databaseUrl, { poolMax: 1 });
  try {
    return await db.query<{ name: string; revoked: boolean }>(
      `select t.name, t.revoked_at is not null as revoked from sec.api_token t join sec.user u on u.id = t.user_id where u.username = 'crm-workers'`,
    );
  } finally {
    await db.close();
  }
}

interface Child {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function workersProcess(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'processes/workers/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, output: () => out, exited };
}

test('npm run workers: its own process on /engine-rest with a service token completes the task, and SIGTERM stops it', async () => {
  const t = await startTestServer({ processesDir, config: { WORKERS: 'off', WORKERS_DIR: workersDir } });
  let w: Child | undefined;
  try {
    const { token } = await t.server.auth.ensureServiceToken('crm-fleet', 'worker fleet');
    w = workersProcess({ ENGINE_URL: `${t.url}/engine-rest`, ENGINE_TOKEN: token, API_URL: `${t.url}/api`, WORKERS_DIR: workersDir });
    await waitFor(() => w!.output().includes('[workers] ready:') || w!.child.exitCode !== null, 30_000);
    expect(w.output()).toContain(`[workers] ready: ${TOPIC} on ${t.url}/engine-rest (bearer token)`);

    const vars = await runOnce(t, 4);
    expect(vars).toMatchObject({ doubled: 8, apiUser: 'crm-fleet', workerId: expect.stringMatching(/^crm-workers@/) });
    expect(vars.workerId).not.toContain(`:${process.pid}`);

    // Idle now: its long poll (30 s) is open; SIGTERM must not wait for it.
    const asked = Date.now();
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(w.output()).toContain('[workers] stopped');
    expect(w.output()).not.toMatch(/fetchAndLock .* failed/);
  } finally {
    if (w && w.child.exitCode === null) w.child.kill('SIGKILL');
    await t.stop();
  }
});

test.each([
  [{ ENGINE_URL: 'localhost:8080/engine-rest' }, /ENGINE_URL: must be an http:\/\/ or https:\/\/ URL/],
  [{ ENGINE_USER: 'crmruntime' }, /ENGINE_PASSWORD: must have property ENGINE_PASSWORD/],
])('npm run workers with bad config %j stops with a message naming the variable', async (env, message) => {
  const w = workersProcess({ ...env, WORKERS_DIR: workersDir });
  expect(await w.exited).toBe(2);
  expect(w.output()).toMatch(message);
  expect(w.output()).not.toContain('ready');
});
