/**
 * The runtime on a remote engine (ENGINE_URL), here another server's embedded engine over real
 * HTTP through a proxy that can fail: processes deploy there at start, trigger commands go through
 * the transactional outbox and arrive exactly once — also when the engine is unreachable for a
 * while, and when it applied a command but the answer was lost (the retry asks before resending).
 * The same against Operaton, stopped and restarted mid-load: tests/conformance/outbox.conformance.ts.
 */
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.js';
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { TRIGGER_PROCESSES_DIR, triggerMetadataDir } from '../support/triggers.js';

let engineSrv: TestServer;
let proxy: FlakyProxy;
let runtime: TestServer;

const engineCall = async (path: string) => {
  const res = await fetch(engineSrv.url + '/engine-rest' + path, { headers: { Authorization: `Basic ${Buffer.from(`admin:${engineSrv.adminPassword}`).toString('base64')}` } });
  return (await res.json()) as any;
};
const instancesOf = async (businessKey: string): Promise<unknown[]> => engineCall(`/history/process-instance?processInstanceBusinessKey=${businessKey}`);
const outbox = () =>
  runtime.server.db.query<{ pending: number; delivered: number; failed: number; applied: number; errors: number }>(
    `select count(*) filter (where delivered_time is null and failed_time is null)::int as pending,
            count(*) filter (where delivered_time is not null)::int as delivered,
            count(*) filter (where failed_time is not null)::int as failed,
            count(*) filter (where result @> '{"alreadyApplied": true}')::int as applied,
            count(*) filter (where last_error is not null)::int as errors
       from engine.command_outbox`,
  );
const financeLead = (company: string) => ({ company, contactName: 'Han Meimei', industry: 'finance' });

beforeAll(async () => {
  engineSrv = await startTestServer();
  proxy = await startFlakyProxy({ host: '127.0.0.1', port: engineSrv.server.port });
  runtime = await startTestServer({
    metadataDir: triggerMetadataDir(),
    processesDir: TRIGGER_PROCESSES_DIR,
    config: { ENGINE_URL: `http://127.0.0.1:${proxy.port}/engine-rest`, ENGINE_USER: 'admin', ENGINE_PASSWORD: engineSrv.adminPassword },
  });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
  await proxy?.close();
  await engineSrv?.stop();
});

test('the runtime deployed its processes on the remote engine at start, and serves no engine of its own', async () => {
  const defs = await engineCall('/process-definition?key=lead-follow-up');
  expect(defs.map((d: any) => d.version)).toEqual([1]);
  const own = await fetch(runtime.url + '/engine-rest/process-definition', { headers: { Authorization: `Basic ${Buffer.from(`admin:${runtime.adminPassword}`).toString('base64')}` } });
  expect(own.status).toBe(404);
  expect(((await own.json()) as any).message).toMatch(/remote process engine/);
});

test('a trigger on a committed record write reaches the remote engine once, through the outbox', async () => {
  const lead = await runtime.admin.post('/api/records/lead', financeLead('Remote Bank'));
  expect(lead.status).toBe(201);
  await waitFor(async () => (await instancesOf(lead.body.id)).length > 0);
  const [pi] = (await instancesOf(lead.body.id)) as any[];
  expect(pi.processDefinitionKey).toBe('lead-follow-up');
  const vars = await engineCall(`/process-instance/${pi.id}/variables`);
  expect(vars.company.value).toBe('Remote Bank');
  // The update's message follows the start it belongs to (same business key, in order).
  await runtime.admin.patch(`/api/records/lead/${lead.body.id}`, { status: 'working' });
  await waitFor(async () => (await engineCall(`/task?processInstanceBusinessKey=${lead.body.id}`)).length === 1);
  expect(await instancesOf(lead.body.id)).toHaveLength(1);
});

test('while the engine is unreachable, writes commit and their commands wait; once it is back, each arrives exactly once', async () => {
  proxy.down = true;
  const ids: string[] = [];
  for (let i = 0; i < 15; i++) {
    const res = await runtime.admin.post('/api/records/lead', financeLead(`Offline ${i}`));
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  await waitFor(async () => (await outbox())[0].errors > 0, 20_000);
  expect((await outbox())[0].pending).toBeGreaterThan(0);
  proxy.down = false;
  await waitFor(async () => (await outbox())[0].pending === 0, 60_000);
  const counts = await Promise.all(ids.map(async (id) => (await instancesOf(id)).length));
  expect(counts).toEqual(ids.map(() => 1));
}, 90_000);

test('an answer lost after the engine applied the command: the retry finds it applied and does not start a second instance', async () => {
  const before = (await outbox())[0].applied;
  proxy.dropResponses(3, /^POST \/engine-rest\/process-definition\/key\/lead-follow-up\/start /);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await runtime.admin.post('/api/records/lead', financeLead(`Lost answer ${i}`))).body.id);
  await waitFor(async () => (await outbox())[0].pending === 0, 60_000);
  expect(proxy.dropped).toBe(3);
  expect((await outbox())[0].applied - before).toBe(3);
  const counts = await Promise.all(ids.map(async (id) => (await instancesOf(id)).length));
  expect(counts).toEqual([1, 1, 1, 1, 1]);
}, 90_000);

test('a rolled-back record write leaves no command behind', async () => {
  const before = await outbox();
  // A duplicate lead (same e-mail) is refused: 409, nothing written — and nothing sent.
  const first = await runtime.admin.post('/api/records/lead', { ...financeLead('Dup Bank'), email: 'dup@bank.test' });
  await waitFor(async () => (await outbox())[0].pending === 0);
  const dup = await runtime.admin.post('/api/records/lead', { ...financeLead('Dup Bank 2'), email: 'dup@bank.test' });
  expect(dup.status).toBe(409);
  const after = await outbox();
  expect(after[0].delivered + after[0].pending).toBe(before[0].delivered + before[0].pending + 1);
  expect(first.status).toBe(201);
});

test('administrators see the outbox by state through /api/engine/outbox; bad input is a 400 naming it, an unknown command a 404', async () => {
  const res = await runtime.admin.get('/api/engine/outbox?state=delivered&limit=3');
  expect(res.status).toBe(200);
  expect(res.body.counts).toMatchObject({ pending: 0, failed: 0 });
  expect(res.body.counts.delivered).toBeGreaterThan(20);
  expect(res.body.items).toHaveLength(3);
  expect(res.body.items[0]).toMatchObject({ command: { type: expect.any(String) }, businessKey: expect.any(String), deliveredTime: expect.any(String) });
  expect((await runtime.admin.get('/api/engine/outbox')).body).toMatchObject({ state: 'failed', items: [] });
  const bad = await runtime.admin.get('/api/engine/outbox?state=lost');
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ path: 'state', message: 'must be one of failed, pending, delivered' }]);
  expect((await runtime.admin.get('/api/engine/outbox?limit=0')).status).toBe(400);
  expect((await runtime.admin.post('/api/engine/outbox/no-such-command/retry')).status).toBe(404);
});
