/**
 * The process modeler's API (/api/studio/processes): versions with running instances, any
 * version's XML, the deploy checks as a dry run (problems with element id, line and column),
 * deploying a new version (refused with every problem and nothing deployed when the model is bad),
 * analysts and admins only; instances keep the version they started on; a restart with unchanged
 * processes/*.bpmn files keeps a studio version the latest. Name clashes: duplicate element ids,
 * and a model landing on a deployed process the page did not open; a new process from scratch.
 */
import { randomUUID } from 'node:crypto';
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { events, person, type Person } from '../support/people.js';
import { EXPENSE_XML, WITH_DANGLING_FLOW, WITH_DUPLICATE_ID, WITH_SCRIPT_TASK, withExtraApproval, withProcessId } from './studio-process.fixture.js';

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

  // Operaton refuses a process without a history time to live (tests/conformance/studio-process.conformance.ts): so do we
  const noTtl = (await analyst.api.post('/api/studio/processes/validate', { xml: EXPENSE_XML.replace(' camunda:historyTimeToLive="365"', '') })).body;
  expect(noTtl.problems).toEqual([expect.objectContaining({ elementId: 'expense-approval', message: expect.stringMatching(/history time to live/), line: 3 })]);

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

test('the modeler\'s own problems and input errors read in Chinese when the request accepts zh-CN; the engine\'s stay its own words', async () => {
  const zh = { 'Accept-Language': 'zh-CN,zh;q=0.9' };
  const validate = async (body: object, headers?: Record<string, string>) => (await analyst.api.post('/api/studio/processes/validate', body, headers)).body.problems;
  const said = (problems: { code?: string; message: string }[]) => problems.map((p) => [p.code, p.message]);
  // A formKey naming no form; a process without a history time to live
  expect(said(await validate({ xml: withExtraApproval('crm:no-such-form') }, zh))).toEqual([['process-form-unknown', '表单键“crm:no-such-form”没有对应的已注册表单（forms/<id>.json）']]);
  expect(said(await validate({ xml: EXPENSE_XML.replace(' camunda:historyTimeToLive="365"', '') }, zh))).toEqual([
    ['process-no-history-ttl', '流程“expense-approval”没有设置历史保留时间（camunda:historyTimeToLive，单位为天；属性面板中的“历史清理”）：Operaton 会拒绝部署'],
  ]);
  expect(said(await validate({ xml: EXPENSE_XML.replace('isExecutable="true"', 'isExecutable="false"') }, zh))).toEqual([['process-not-executable', '模型中没有可执行的流程（isExecutable="true"）']]);
  // English without the header, the same codes
  expect(said(await validate({ xml: withExtraApproval('crm:no-such-form') }))).toEqual([['process-form-unknown', "formKey 'crm:no-such-form' names no registered form (forms/<id>.json)"]]);

  // A deploy landing on another process: its problems and errors in Chinese, the element id before the message
  const landing = await analyst.api.post('/api/studio/processes/deploy', { xml: withProcessId('lead-qualification'), processKey: 'expense-approval' }, zh);
  expect(landing.status).toBe(400);
  expect(landing.body.problems).toEqual([expect.objectContaining({ code: 'process-id-of-other', elementId: 'lead-qualification', message: expect.stringMatching(/^流程 ID“lead-qualification”是另一个已部署流程/) })]);
  expect(landing.body.errors).toEqual([{ path: '/xml', message: `lead-qualification: ${landing.body.problems[0].message}` }]);
  // The engine's own verdicts are its text, with nothing of ours before it
  const script = await validate({ xml: WITH_SCRIPT_TASK }, zh);
  expect(script.find((p: { elementId: string }) => p.elementId === 'Unsupported_Script')).toEqual(expect.objectContaining({ message: expect.stringMatching(/^[^\u4e00-\u9fff]*(scriptTask|ScriptTask)/) }));

  // The input: a taken key and a bad name of a new process, a bad target
  const taken = await analyst.api.post('/api/studio/processes/new', { key: 'expense-approval', name: '' }, zh);
  expect(taken.body.errors).toEqual([{ path: '/name', code: 'process-name-format', message: '必须是 1–200 个字符的名称' }]);
  const takenKey = await analyst.api.post('/api/studio/processes/new', { key: 'expense-approval', name: '报销' }, zh);
  expect(takenKey.status).toBe(409);
  expect(takenKey.body.errors).toEqual([expect.objectContaining({ path: '/key', code: 'process-key-taken', message: expect.stringMatching(/^已被已部署的流程“.+”占用$/) })]);
  const flag = await analyst.api.post('/api/studio/processes/validate', { xml: EXPENSE_XML, newProcess: 'yes' }, zh);
  expect([flag.status, flag.body.errors]).toEqual([400, [{ path: '/newProcess', code: 'process-new-not-boolean', message: '必须是布尔值' }]]);
});

const keys = async (): Promise<string[]> => (await t.admin.get('/api/studio/processes')).body.items.map((p: { key: string }) => p.key);

test('name clashes are refused on their element, and nothing is deployed: two elements with one id, a process id that is another deployed process\'s key', async () => {
  const before = await expenseVersions();
  const duplicate = await analyst.api.post('/api/studio/processes/deploy', { xml: WITH_DUPLICATE_ID, processKey: 'expense-approval' });
  expect(duplicate.status).toBe(400);
  expect(duplicate.body.problems).toContainEqual(expect.objectContaining({ elementId: 'BudgetCheck', message: expect.stringMatching(/duplicate ID <BudgetCheck>/), line: expect.any(Number), column: expect.any(Number) }));

  // Opened as expense approval, its process id changed to lead qualification's key: that process's next version — refused.
  const landing = await analyst.api.post('/api/studio/processes/deploy', { xml: withProcessId('lead-qualification'), processKey: 'expense-approval' });
  expect(landing.status).toBe(400);
  expect(landing.body.problems).toEqual([expect.objectContaining({ elementId: 'lead-qualification', line: 3, message: expect.stringMatching(/key of another deployed process/) })]);
  expect(landing.body.errors[0]).toMatchObject({ path: '/xml', message: expect.stringMatching(/^lead-qualification: process id/) });
  const leadVersions = (await t.admin.get('/api/studio/processes')).body.items.find((p: { key: string }) => p.key === 'lead-qualification').versions;
  expect(leadVersions).toHaveLength(1);
  // The same model opened as lead qualification (or deployed by an API caller naming no process) is its next version: validate says so.
  for (const target of [{ processKey: 'lead-qualification' }, {}]) expect((await analyst.api.post('/api/studio/processes/validate', { xml: withProcessId('lead-qualification'), ...target })).body.valid).toBe(true);
  // A new process whose key is taken
  const taken = (await analyst.api.post('/api/studio/processes/validate', { xml: EXPENSE_XML, processKey: 'expense-approval', newProcess: true })).body;
  expect(taken.problems).toEqual([expect.objectContaining({ elementId: 'expense-approval', message: expect.stringMatching(/is taken/) })]);
  for (const body of [{ xml: EXPENSE_XML, processKey: 7 }, { xml: EXPENSE_XML, newProcess: 'yes' }, { xml: EXPENSE_XML, newProcess: true }, { xml: EXPENSE_XML, processKey: 'bad key', newProcess: true }]) {
    const res = await analyst.api.post('/api/studio/processes/deploy', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toMatch(/^\/(processKey|newProcess)$/);
  }
  expect(await expenseVersions()).toEqual(before);
  expect(leadVersions).toEqual((await t.admin.get('/api/studio/processes')).body.items.find((p: { key: string }) => p.key === 'lead-qualification').versions);
});

test('a new process starts from an empty executable model under a free key, refused at the field otherwise, and deploys as version 1', async () => {
  const before = await keys();
  for (const [body, path] of [
    [{ key: '1abc', name: 'x' }, '/key'],
    [{ key: 'has space', name: 'x' }, '/key'],
    [{ name: 'x' }, '/key'],
    [{ key: 'purchase-request', name: '  ' }, '/name'],
  ] as const) {
    const res = await analyst.api.post('/api/studio/processes/new', body);
    expect([res.status, res.body.errors[0].path]).toEqual([400, path]);
  }
  const taken = await analyst.api.post('/api/studio/processes/new', { key: 'expense-approval', name: 'Mine' });
  expect([taken.status, taken.body.errors]).toEqual([409, [{ path: '/key', code: 'process-key-taken', params: { other: expect.any(String) }, message: expect.stringMatching(/taken/) }]]);
  expect((await rep.api.post('/api/studio/processes/new', { key: 'purchase-request', name: 'x' })).status).toBe(403);

  const key = `purchase-${randomUUID().slice(0, 8)}`;
  const created = await analyst.api.post('/api/studio/processes/new', { key, name: 'Purchase request (采购申请)' });
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({ key, name: 'Purchase request (采购申请)' });
  expect(await keys()).toEqual(before); // nothing deployed yet
  const xml = created.body.xml.replace('<bpmn:startEvent id="StartEvent_1" name="Start" />', '<bpmn:startEvent id="StartEvent_1" /><bpmn:sequenceFlow id="F" sourceRef="StartEvent_1" targetRef="End" /><bpmn:endEvent id="End" />');
  const deployed = await analyst.api.post('/api/studio/processes/deploy', { xml, processKey: key, newProcess: true });
  expect(deployed.status).toBe(201);
  expect(deployed.body.deployed).toEqual([{ id: expect.any(String), key, version: 1 }]);
  // Deployed once, the key is taken: a second "new" one under it is refused
  expect((await analyst.api.post('/api/studio/processes/deploy', { xml, processKey: key, newProcess: true })).status).toBe(400);
  expect((await analyst.api.post('/api/studio/processes/new', { key, name: 'again' })).status).toBe(409);
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
