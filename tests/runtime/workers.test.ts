/**
 * The workers host with a worker module written to a temporary WORKERS_DIR: in-process (the
 * runtime's default, as service account crm-workers), and as `npm run workers` in its own process
 * against the server's /engine-rest with a service token — each completes a real external task on
 * the embedded engine and reads a record API route with its token. SIGTERM stops the worker
 * process while its long poll is open; a bad ENGINE_URL stops it naming the variable.
 */
import { rmSync } from 'node:fs';
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { TOPIC, workersFixture, workersProcess, type WorkersChild } from '../support/workers-fixture.js';

let dir: string;
let workersDir: string;
let processesDir: string;

beforeAll(() => {
  ({ dir, workersDir, processesDir } = workersFixture());
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

test('npm run workers: its own process on /engine-rest with a service token completes the task, and SIGTERM stops it', async () => {
  const t = await startTestServer({ processesDir, config: { WORKERS: 'off', WORKERS_DIR: workersDir } });
  let w: WorkersChild | undefined;
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
