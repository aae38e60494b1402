/**
 * The runtime on Operaton (ENGINE_URL) as the technical user, with /engine-rest requiring HTTP
 * Basic as it does when exposed: record triggers go through the transactional outbox, and Operaton
 * is killed (SIGKILL, no goodbye) in the middle of a load of record writes, then started again on
 * its database — every command arrives exactly once: one process instance per record, none lost,
 * none doubled. Also: the EngineClient's calls answer on Operaton as the runtime needs.
 */
import { outboxCounts, remoteClient, type EngineClient } from '../../engine/index.js';
import { ensureDatabase, freePort } from '../../runtime/db/embedded.js';
import { startOperaton, type RunningOperaton } from '../../runtime/operaton/launch.js';
import { ensureOperatonUser, RUNTIME_USER } from '../../runtime/operaton/users.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { TRIGGER_PROCESSES_DIR, triggerMetadataDir } from '../support/triggers.js';

let databaseUrl: string;
let port: number;
let operaton: RunningOperaton;
let runtime: TestServer;
let client: EngineClient;

const ADMIN = { user: 'admin', password: 'outbox-admin' };
const TECHNICAL = { user: RUNTIME_USER, password: 'outbox-runtime-secret' };
const basic = (c: { user: string; password: string }) => `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`;
const start = () => startOperaton({ databaseUrl, host: '127.0.0.1', port, adminPassword: ADMIN.password, output: 'ignore', restAuth: true });
const rest = async (path: string) => (await (await fetch(`${operaton.base}/engine-rest${path}`, { headers: { Authorization: basic(TECHNICAL) } })).json()) as any;
const pending = async () => (await outboxCounts(runtime.server.db)).pending;
const financeLead = (company: string) => ({ company, contactName: 'Wei Hua', industry: 'finance' });

beforeAll(async () => {
  databaseUrl = await ensureDatabase(process.env.TEST_DATABASE_URL!, uniqueName('outbox_operaton').toLowerCase());
  port = await freePort();
  operaton = await start();
  await ensureOperatonUser(`${operaton.base}/engine-rest`, ADMIN, { id: TECHNICAL.user, password: TECHNICAL.password });
  runtime = await startTestServer({
    metadataDir: triggerMetadataDir(),
    processesDir: TRIGGER_PROCESSES_DIR,
    config: { ENGINE_URL: `${operaton.base}/engine-rest`, ENGINE_USER: TECHNICAL.user, ENGINE_PASSWORD: TECHNICAL.password, WORKERS: 'off' /* no in-process workers: on the shared Operaton their long polls would lock the corpus scenarios' tasks of the shipped topics */ },
  });
  client = remoteClient({ url: `${operaton.base}/engine-rest`, auth: TECHNICAL, db: runtime.server.db, log: () => {}, deliverers: 0 });
}, 300_000);
afterAll(async () => {
  await runtime?.stop();
  await operaton?.stop();
});

test('Operaton refuses /engine-rest without credentials or with an unknown user, and takes the technical user', async () => {
  const get = (auth?: string) => fetch(`${operaton.base}/engine-rest/process-definition`, { headers: auth ? { Authorization: auth } : {} });
  expect((await get()).status).toBe(401);
  expect((await get(basic({ user: 'nobody', password: 'guess' }))).status).toBe(401);
  expect((await get(basic(TECHNICAL))).status).toBe(200);
});

test('the EngineClient drives Operaton: deploy at start, trigger start and message, tasks, claim, the process view\'s reads, complete, history', async () => {
  expect((await rest('/process-definition?key=lead-follow-up')).map((d: any) => d.version)).toEqual([1]);
  const lead = (await runtime.admin.post('/api/records/lead', financeLead('Operaton Bank'))).body;
  await waitFor(async () => (await client.processInstances(lead.id)).length === 1, 30_000);
  await runtime.admin.patch(`/api/records/lead/${lead.id}`, { status: 'working' });
  await waitFor(async () => (await client.tasks({ processInstanceBusinessKey: lead.id })).length === 1, 30_000);
  const [task] = await client.tasks({ processInstanceBusinessKey: lead.id, candidateGroups: ['sales-managers'] });
  expect([task.taskDefinitionKey, task.name, task.formKey]).toEqual(['Review', 'Review lead', 'crm:lead-review']);
  await client.claimTask(task.id, 'manager-1');
  expect((await client.task(task.id))?.assignee).toBe('manager-1');
  // What the process view reads: where the token is, the deployed XML, no incidents — and the view itself
  expect((await client.activityInstances(task.processInstanceId))?.childActivityInstances.map((a) => a.activityId)).toEqual(['Review']);
  expect(await client.definitionXml(task.processDefinitionId)).toContain('id="lead-follow-up"');
  expect(await client.definitionXml('no-such-definition')).toBeNull();
  expect(await client.incidents(task.processInstanceId)).toEqual([]);
  const view = (await runtime.admin.get(`/api/process-instances/${task.processInstanceId}`)).body;
  expect([view.activeActivityIds, view.bpmnXml.includes('id="lead-follow-up"'), view.tasks.map((t: { id: string }) => t.id)]).toEqual([['Review'], true, [task.id]]);
  await client.completeTask(task.id, { verdict: { value: 'ok', type: 'String' } });
  expect(await client.activityInstances(task.processInstanceId)).toBeNull();
  const [pi] = await client.processInstances(lead.id);
  expect(pi.state).toBe('COMPLETED');
  const history = await client.activityHistory(pi.id);
  expect(history.map((a) => a.activityId)).toEqual(['Start', 'WaitUpdate', 'Review', 'End']);
  expect(await client.task('no-such-task')).toBeNull();
}, 120_000);

test('Operaton killed mid-load and restarted: every trigger command arrives exactly once', async () => {
  const ids: string[] = [];
  const writer = (async () => {
    for (let i = 0; i < 120; i++) {
      const res = await runtime.admin.post('/api/records/lead', financeLead(`Kill test ${i}`));
      expect(res.status).toBe(201); // record writes never wait for the engine
      ids.push(res.body.id);
    }
  })();
  await waitFor(() => ids.length >= 30, 60_000);
  operaton.process.kill('SIGKILL');
  await new Promise((r) => operaton.process.once('exit', r));
  await writer;
  expect(await pending()).toBeGreaterThan(0);
  operaton = await start();
  await waitFor(async () => (await pending()) === 0, 180_000);
  const counts = await Promise.all(ids.map(async (id) => (await rest(`/history/process-instance?processInstanceBusinessKey=${id}`)).length));
  expect(counts.filter((n) => n !== 1)).toEqual([]);
  expect(counts).toHaveLength(120);
}, 400_000);
