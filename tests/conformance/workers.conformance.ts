/**
 * The same worker module, unchanged, on Operaton: in-process in a runtime whose ENGINE_URL is
 * Operaton (the runtime deploys the model there at start), and as `npm run workers` in its own
 * process pointed at Operaton, reading records from the runtime's API with a service token.
 */
import { rmSync } from 'node:fs';
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { TOPIC, workersFixture, workersProcess, type WorkersChild } from '../support/workers-fixture.js';

const OPERATON = () => process.env.OPERATON_URL!;
let fixture: ReturnType<typeof workersFixture>;

beforeAll(() => {
  fixture = workersFixture();
});
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

async function operaton<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(OPERATON() + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** Start wk-double on Operaton with n, wait until a worker completed it, return its variables. */
async function runOnOperaton(n: number): Promise<Record<string, unknown>> {
  const { id } = await operaton<{ id: string }>('POST', '/process-definition/key/wk-double/start', { variables: { n: { value: n, type: 'Integer' } } });
  await waitFor(async () => (await operaton<{ state: string }>('GET', `/history/process-instance/${id}`)).state === 'COMPLETED', 60_000);
  const vars = await operaton<{ name: string; value: unknown }[]>('GET', `/history/variable-instance?processInstanceId=${id}`);
  return Object.fromEntries(vars.map((v) => [v.name, v.value]));
}

test('in-process workers of a runtime on Operaton complete its external tasks, as crm-workers', async () => {
  const t: TestServer = await startTestServer({ processesDir: fixture.processesDir, config: { ENGINE_URL: OPERATON(), WORKERS_DIR: fixture.workersDir } });
  try {
    expect(await runOnOperaton(21)).toMatchObject({ n: 21, doubled: 42, apiUser: 'crm-workers' });
  } finally {
    await t.stop();
  }
}, 120_000);

test('npm run workers against Operaton completes its external tasks and reads records from the runtime', async () => {
  const t = await startTestServer({ processesDir: fixture.processesDir, config: { ENGINE_URL: OPERATON(), WORKERS: 'off', WORKERS_DIR: fixture.workersDir } });
  let w: WorkersChild | undefined;
  try {
    const { token } = await t.server.auth.ensureServiceToken('crm-fleet', 'worker fleet');
    w = workersProcess({ ENGINE_URL: OPERATON(), API_URL: `${t.url}/api`, API_TOKEN: token, WORKERS_DIR: fixture.workersDir });
    await waitFor(() => w!.output().includes('[workers] ready:') || w!.child.exitCode !== null, 30_000);
    expect(w.output()).toContain(`[workers] ready: ${TOPIC} on ${OPERATON()}`);
    expect(await runOnOperaton(4)).toMatchObject({ doubled: 8, apiUser: 'crm-fleet', workerId: expect.stringMatching(/^crm-workers@/) });
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  } finally {
    if (w && w.child.exitCode === null) w.child.kill('SIGKILL');
    await t.stop();
  }
}, 120_000);
