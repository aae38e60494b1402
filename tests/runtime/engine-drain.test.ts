/**
 * From the embedded engine to a remote one without moving instances: a runtime restarted with
 * ENGINE_URL while its embedded engine still runs an instance drains it — new processes start on
 * the remote engine, a message for the old record still reaches its embedded instance, which
 * finishes here; once none is left, a restart runs on the remote engine alone.
 */
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { TRIGGER_PROCESSES_DIR, triggerMetadataDir } from '../support/triggers.js';

let remote: TestServer;
beforeAll(async () => {
  remote = await startTestServer();
});
afterAll(async () => remote?.stop());

const basic = (t: TestServer) => `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`;
async function engineRest(t: TestServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/engine-rest${path}`, {
    method,
    headers: { Authorization: basic(t), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const instances = async (t: TestServer, businessKey: string) => (await engineRest(t, 'GET', `/process-instance?businessKey=${businessKey}`)).body as unknown[];
const financeLead = (company: string) => ({ company, contactName: 'Zhao Min', industry: 'finance' });

test('an embedded instance drains while new processes start on the remote engine; then the runtime is remote only', async () => {
  const metadataDir = triggerMetadataDir();
  const first = await startTestServer({ metadataDir, processesDir: TRIGGER_PROCESSES_DIR });
  const old = (await first.admin.post('/api/records/lead', financeLead('Old Bank'))).body;
  expect(await instances(first, old.id)).toHaveLength(1);
  await first.stop();

  const restart = { metadataDir, processesDir: TRIGGER_PROCESSES_DIR, databaseUrl: first.databaseUrl, adminPassword: first.adminPassword };
  const remoteConfig = { ENGINE_URL: `${remote.url}/engine-rest`, ENGINE_USER: 'admin', ENGINE_PASSWORD: remote.adminPassword };
  const draining = await startTestServer({ ...restart, config: remoteConfig });
  try {
    // New work goes to the remote engine.
    const fresh = (await draining.admin.post('/api/records/lead', financeLead('New Bank'))).body;
    await waitFor(async () => (await instances(remote, fresh.id)).length === 1);
    expect(await instances(draining, fresh.id)).toEqual([]);
    // The old record's message reaches its embedded instance, not the remote engine.
    expect((await draining.admin.patch(`/api/records/lead/${old.id}`, { status: 'working' })).status).toBe(200);
    const [task] = (await engineRest(draining, 'GET', `/task?processInstanceBusinessKey=${old.id}`)).body;
    expect(task.taskDefinitionKey).toBe('Review');
    expect(await instances(remote, old.id)).toEqual([]);
    expect((await engineRest(draining, 'POST', `/task/${task.id}/complete`, {})).status).toBe(204);
    expect((await engineRest(draining, 'GET', '/process-instance/count')).body.count).toBe(0);
  } finally {
    await draining.stop();
  }

  const remoteOnly = await startTestServer({ ...restart, config: remoteConfig });
  try {
    expect((await engineRest(remoteOnly, 'GET', '/process-instance/count')).status).toBe(404);
    const later = (await remoteOnly.admin.post('/api/records/lead', financeLead('Later Bank'))).body;
    await waitFor(async () => (await instances(remote, later.id)).length === 1);
  } finally {
    await remoteOnly.stop();
  }
}, 60_000);
