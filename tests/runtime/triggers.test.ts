/**
 * Triggers on the embedded engine: the record write and the engine command commit together, in
 * one transaction — a matching create starts the process with the record id as business key and
 * the mapped variables, an update correlates its message, a start the engine refuses rolls the
 * write back (422 naming the trigger), and a condition that does not hold starts nothing.
 */
import { startTestServer, type TestServer } from '../support/harness.js';
import { TRIGGER_PROCESSES_DIR, triggerMetadataDir } from '../support/triggers.js';

let srv: TestServer;
const engine = (path: string) =>
  fetch(srv.url + '/engine-rest' + path, { headers: { Authorization: `Basic ${Buffer.from(`admin:${srv.adminPassword}`).toString('base64')}` } }).then(
    async (r) => (await r.json()) as any,
  );

beforeAll(async () => {
  srv = await startTestServer({ metadataDir: triggerMetadataDir(), processesDir: TRIGGER_PROCESSES_DIR });
});
afterAll(async () => srv?.stop());

const lead = (industry: string, company: string) => ({ company, contactName: 'Li Lei', industry });

test('a finance lead starts lead-follow-up in the create transaction, business key = record id, variables from the record', async () => {
  const created = await srv.admin.post('/api/records/lead', lead('finance', 'Bank of Test'));
  expect(created.status).toBe(201);
  const instances = await engine(`/process-instance?businessKey=${created.body.id}`);
  expect(instances).toHaveLength(1);
  const vars = await engine(`/process-instance/${instances[0].id}/variables`);
  expect(vars.company).toEqual({ type: 'String', value: 'Bank of Test', valueInfo: {} });
  expect(vars.leadId.value).toBe(created.body.id);
  expect(typeof vars.crmCommandId.value).toBe('string');
});

test('constants in a trigger (settings such as durations and thresholds) arrive typed as process variables', async () => {
  const created = await srv.admin.post('/api/records/lead', lead('finance', 'Insurer of Test'));
  const [instance] = await engine(`/process-instance?businessKey=${created.body.id}`);
  const vars = await engine(`/process-instance/${instance.id}/variables`);
  expect(vars.followUpAfter).toMatchObject({ type: 'String', value: 'P2D' });
  expect(vars.scoreThreshold).toMatchObject({ type: 'Integer', value: 60 });
  expect(vars.escalate).toMatchObject({ type: 'Boolean', value: true });
});

test('a lead whose condition does not hold starts nothing', async () => {
  const created = await srv.admin.post('/api/records/lead', lead('tourism', 'Hotel of Test'));
  expect(created.status).toBe(201);
  expect(await engine(`/process-instance?businessKey=${created.body.id}`)).toEqual([]);
});

test('a trigger that fires on becoming true starts once when the record comes to meet it — not on edits that keep it true, again after it stopped; two concurrent writes start one', async () => {
  const created = await srv.admin.post('/api/records/lead', { ...lead('trade', 'Hot Shop of Test'), score: 10 });
  const id = created.body.id as string;
  const count = async () => (await engine(`/process-instance?businessKey=${id}&processDefinitionKey=lead-follow-up`)).length as number;
  const score = async (value: number) => expect((await srv.admin.patch(`/api/records/lead/${id}`, { score: value })).status).toBe(200);
  expect(await count()).toBe(0);
  await score(90);
  expect(await count()).toBe(1);
  await score(95); // still hot: nothing new
  expect(await count()).toBe(1);
  await score(20);
  await score(85); // hot again
  expect(await count()).toBe(2);

  const other = (await srv.admin.post('/api/records/lead', { ...lead('trade', 'Kiosk of Test'), score: 5 })).body.id as string;
  const results = await Promise.all([81, 82, 83].map((v) => srv.admin.patch(`/api/records/lead/${other}`, { score: v })));
  expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(await engine(`/process-instance?businessKey=${other}&processDefinitionKey=lead-follow-up`)).toHaveLength(1);
  // Created meeting it: starts at once
  const hot = (await srv.admin.post('/api/records/lead', { ...lead('trade', 'Mall of Test'), score: 99 })).body.id as string;
  expect(await engine(`/process-instance?businessKey=${hot}&processDefinitionKey=lead-follow-up`)).toHaveLength(1);
});

test('a deleted record’s on-becoming-true states go with it, in the delete’s transaction; restored, it does not start again what it started before', async () => {
  const states = async (id: string) =>
    (await srv.server.db.query<{ trigger: string; holds: boolean }>('select trigger, holds from meta.trigger_state where record_id = $1', [id])).map((r) => `${r.trigger}:${r.holds}`);
  const starts = async (id: string) => (await engine(`/process-instance?businessKey=${id}&processDefinitionKey=lead-follow-up`)).length as number;
  // Given a hot lead (its trigger started once and remembers it holds) and one whose delete the engine refuses
  const hot = (await srv.admin.post('/api/records/lead', { ...lead('trade', 'Gone Shop of Test'), score: 90 })).body.id as string;
  const kept = (await srv.admin.post('/api/records/lead', { ...lead('trade', 'Undeletable of Test'), score: 90 })).body.id as string;
  expect([await states(hot), await states(kept), await starts(hot)]).toEqual([['hot-lead:true'], ['hot-lead:true'], 1]);

  // When the hot lead is deleted
  expect((await srv.admin.delete(`/api/records/lead/${hot}`)).status).toBe(204);
  // Then its states are gone
  expect(await states(hot)).toEqual([]);

  // When a delete is rolled back (its delete trigger refused: 422), then the record and its states stay
  expect((await srv.admin.delete(`/api/records/lead/${kept}`)).status).toBe(422);
  expect([(await srv.admin.get(`/api/records/lead/${kept}`)).status, await states(kept)]).toEqual([200, ['hot-lead:true']]);

  // When the deleted lead is restored, its state is what holds now, and an edit that keeps it hot starts nothing
  expect((await srv.admin.post(`/api/records/lead/${hot}/restore`, {})).status).toBe(200);
  expect(await states(hot)).toEqual(['hot-lead:true']);
  expect((await srv.admin.patch(`/api/records/lead/${hot}`, { score: 95 })).status).toBe(200);
  expect(await starts(hot)).toBe(1);
});

test('an update correlates the message to the waiting instance, with the record status as variable', async () => {
  const created = await srv.admin.post('/api/records/lead', lead('finance', 'Fund of Test'));
  const updated = await srv.admin.patch(`/api/records/lead/${created.body.id}`, { status: 'working' });
  expect(updated.status).toBe(200);
  const tasks = await engine(`/task?processInstanceBusinessKey=${created.body.id}`);
  expect(tasks.map((t: any) => [t.taskDefinitionKey, t.formKey])).toEqual([['Review', 'crm:lead-review']]);
  const [pi] = await engine(`/process-instance?businessKey=${created.body.id}`);
  expect((await engine(`/process-instance/${pi.id}/variables/status`)).value).toBe('working');
});

test('an update when no instance waits changes the record and correlates nothing', async () => {
  const created = await srv.admin.post('/api/records/lead', lead('trade', 'Shop of Test'));
  const updated = await srv.admin.patch(`/api/records/lead/${created.body.id}`, { status: 'working' });
  expect(updated.status).toBe(200);
  expect(await engine(`/process-instance?businessKey=${created.body.id}`)).toEqual([]);
});

test('a start the engine refuses rolls the record write back: 422 naming the trigger, no account', async () => {
  const before = await srv.admin.get('/api/records/account?count=true');
  const res = await srv.admin.post('/api/records/account', { name: 'Refused Ltd' });
  expect(res.status).toBe(422);
  expect(res.body.type).toMatch(/process-trigger-failed$/);
  expect(res.body.errors).toEqual([{ path: 'trigger/account-undeployed', message: expect.stringContaining('never-deployed') }]);
  const after = await srv.admin.get('/api/records/account?count=true');
  expect(after.body.count ?? after.body.total).toBe(before.body.count ?? before.body.total);
  const list = await srv.admin.get('/api/records/account?filter=' + encodeURIComponent("name eq 'Refused Ltd'"));
  expect(list.body.items).toEqual([]);
});

test('a bulk create fires once per matching record, in the same transaction', async () => {
  const res = await srv.admin.post('/api/records/lead/bulk', { records: [lead('finance', 'Bulk A'), lead('trade', 'Bulk B'), lead('finance', 'Bulk C')] });
  expect(res.status).toBe(201);
  const started = await Promise.all(res.body.items.map(async (r: any) => (await engine(`/process-instance?businessKey=${r.id}`)).length));
  expect(started).toEqual([1, 0, 1]);
});
