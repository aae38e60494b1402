/**
 * The process modeler's API (/api/studio/processes): versions with running instances, any
 * version's XML, the deploy checks as a dry run (problems with element id, line and column),
 * deploying a new version (refused with every problem and nothing deployed when the model is bad),
 * analysts and admins only; instances keep the version they started on; a restart with unchanged
 * processes/*.bpmn files keeps a studio version the latest.
 */
import { randomUUID } from 'node:crypto';
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { events, person, type Person } from '../support/people.js';
import { EXPENSE_XML, WITH_DANGLING_FLOW, WITH_SCRIPT_TASK, withExtraApproval } from './studio-process.fixture.js';

let t: TestServer;
let analyst: Person;
let rep: Person;

beforeAll(async () => {
  t = await startTestServer();
  analyst = await person(t, { role: 'analyst', prefix: 'modeler-analyst' });
  rep = await person(t, { role: 'sales-rep', prefix: 'modeler-rep' });
});
afterAll(async () => {
  await t?.stop();
});

interface Version {
  id: string;
  version: number;
  running: number;
}
const expenseVersions = async (): Promise<Version[]> => {
  const res = await t.admin.get('/api/studio/processes');
  expect(res.status).toBe(200);
  return res.body.items.find((p: { key: string }) => p.key === 'expense-approval').versions;
};
/** The embedded engine's REST API as the admin (HTTP Basic). */
async function engineRest(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${t.url}/engine-rest${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}
const startExpense = async (): Promise<string> => (await engineRest('/process-definition/key/expense-approval/start', { businessKey: randomUUID() })).id;

test('the list has every shipped process with its versions and running instances; any version opens', async () => {
  const list = await analyst.api.get('/api/studio/processes');
  expect(list.status).toBe(200);
  const keys = list.body.items.map((p: { key: string }) => p.key);
  expect(keys).toEqual(expect.arrayContaining(['contract-review', 'expense-approval', 'lead-qualification', 'quote-routing', 'service-dispatch']));
  const before = (await expenseVersions())[0];
  expect(before).toMatchObject({ version: 1, running: expect.any(Number) });
  const one = await analyst.api.get(`/api/studio/processes/expense-approval/versions/${before.version}`);
  expect(one.status).toBe(200);
  expect(one.body).toMatchObject({ key: 'expense-approval', version: before.version, id: before.id });
  expect(one.body.xml).toBe(EXPENSE_XML);
  expect((await analyst.api.get('/api/studio/processes/expense-approval/versions/999')).status).toBe(404);
});

test('the form registry for the formKey chooser', async () => {
  const res = await analyst.api.get('/api/studio/processes/forms');
  expect(res.status).toBe(200);
  expect(res.body.items).toContainEqual({ id: 'expense-approve', formKey: 'crm:expense-approve', title: expect.objectContaining({ en: expect.any(String), 'zh-CN': expect.any(String) }) });
});

test('validate answers every problem with its element id, line and column, and deploys nothing', async () => {
  const before = await expenseVersions();
  const script = await analyst.api.post('/api/studio/processes/validate', { xml: WITH_SCRIPT_TASK });
  expect(script.status).toBe(200);
  expect(script.body.valid).toBe(false);
  const unsupported = script.body.problems.find((p: { elementId: string }) => p.elementId === 'Unsupported_Script');
  expect(unsupported).toMatchObject({ elementIds: ['Unsupported_Script'], line: expect.any(Number), column: expect.any(Number) });
  expect(unsupported.message).toMatch(/scriptTask|ScriptTask/);

  const dangling = (await analyst.api.post('/api/studio/processes/validate', { xml: WITH_DANGLING_FLOW })).body;
  expect(dangling.valid).toBe(false);
  expect(dangling.problems.map((p: { elementId: string }) => p.elementId)).toContain('Flow_Nowhere');

  const unparsable = (await analyst.api.post('/api/studio/processes/validate', { xml: EXPENSE_XML.slice(0, 2000) })).body;
  expect(unparsable.valid).toBe(false);
  expect(unparsable.problems[0].line).toEqual(expect.any(Number));

  const unknownForm = (await analyst.api.post('/api/studio/processes/validate', { xml: withExtraApproval('crm:no-such-form') })).body;
  expect(unknownForm.problems).toEqual([expect.objectContaining({ elementId: 'ExtraApproval', message: expect.stringMatching(/crm:no-such-form/), line: expect.any(Number) })]);

  const good = (await analyst.api.post('/api/studio/processes/validate', { xml: withExtraApproval() })).body;
  expect(good).toEqual({ valid: true, processes: [{ key: 'expense-approval', name: expect.any(String) }], problems: [] });
  expect(await expenseVersions()).toEqual(before);
});

test('a bad model or bad input is refused with 400 naming what is wrong, and nothing is deployed', async () => {
  const before = await expenseVersions();
  const refused = await analyst.api.post('/api/studio/processes/deploy', { xml: WITH_SCRIPT_TASK });
  expect(refused.status).toBe(400);
  expect(refused.body.problems.map((p: { elementId: string }) => p.elementId)).toContain('Unsupported_Script');
  expect(refused.body.errors[0]).toMatchObject({ path: '/xml', message: expect.stringMatching(/^Unsupported_Script: /) });
  for (const body of [{}, { xml: '' }, { xml: 42 }, []]) {
    const res = await analyst.api.post('/api/studio/processes/deploy', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toMatch(/^\/(xml)?$/);
  }
  expect((await analyst.api.post('/api/studio/processes/validate', { xml: null })).status).toBe(400);
  expect(await expenseVersions()).toEqual(before);
});

test('users without the studio are refused (403) everywhere, and nothing is deployed', async () => {
  const before = await expenseVersions();
  for (const [method, path] of [
    ['get', '/api/studio/processes'],
    ['get', '/api/studio/processes/forms'],
    ['get', '/api/studio/processes/expense-approval/versions/1'],
  ] as const)
    expect((await rep.api[method](path)).status).toBe(403);
  expect((await rep.api.post('/api/studio/processes/validate', { xml: withExtraApproval() })).status).toBe(403);
  const deploy = await rep.api.post('/api/studio/processes/deploy', { xml: withExtraApproval() });
  expect(deploy.status).toBe(403);
  expect(deploy.body.detail ?? deploy.body.title).toMatch(/analysts and administrators/);
  expect(await expenseVersions()).toEqual(before);
});

test('deploy makes a new version: running instances stay on theirs, new ones take it; audited; a restart keeps it', async () => {
  const before = await expenseVersions();
  const latest = before[before.length - 1];
  const old = await startExpense();
  const xml = withExtraApproval();
  const res = await analyst.api.post('/api/studio/processes/deploy', { xml });
  expect(res.status).toBe(201);
  expect(res.body.deployed).toEqual([{ id: expect.any(String), key: 'expense-approval', version: latest.version + 1 }]);
  const deployed = res.body.deployed[0];
  expect((await analyst.api.get(`/api/studio/processes/expense-approval/versions/${deployed.version}`)).body.xml).toBe(xml);
  expect(await events(t, 'process.deploy', 'process:expense-approval')).toEqual([
    { actorId: analyst.id, detail: { version: deployed.version, definitionId: deployed.id, resource: 'expense-approval.bpmn' } },
  ]);

  // The instance started before stays on its version and never reaches the new step.
  const oldInstance = await engineRest(`/history/process-instance/${old}`);
  expect(oldInstance.processDefinitionId).toBe(latest.id);
  // One started now takes the new version and waits in the new step, offered to finance.
  const fresh = await startExpense();
  await waitFor(async () => (await engineRest(`/task?processInstanceId=${fresh}`)).length > 0);
  const [task] = (await engineRest(`/task?processInstanceId=${fresh}`));
  expect(task).toMatchObject({ taskDefinitionKey: 'ExtraApproval', processDefinitionId: deployed.id, formKey: 'crm:expense-approve' });
  const oldActivities = (await engineRest(`/history/activity-instance?processInstanceId=${old}`)).map((a: { activityId: string }) => a.activityId);
  expect(oldActivities).not.toContain('ExtraApproval');
  expect((await expenseVersions()).find((v) => v.id === deployed.id)!.running).toBe(1);

  // Restart with the same (unchanged) processes/ files: the studio version stays the latest.
  await t.stop();
  t = await startTestServer({ databaseUrl: t.databaseUrl, adminPassword: t.adminPassword });
  const afterRestart = await expenseVersions();
  expect(afterRestart[afterRestart.length - 1]).toMatchObject({ id: deployed.id, version: deployed.version });
});
