/**
 * /api/dashboards on a real server and PostgreSQL with the shipped model: the sales funnel with
 * conversion rates, the forecast roll-up person → department → company weighted by the stages'
 * probabilities, overdue tasks by process, and service requests by state with the overdue ones.
 * Every number counts only what the asking user may read: a rep's dashboard is their own
 * opportunities, an admin's everyone's.
 *
 * The organisation: department `sales` with `east` below it; reps rep1 and rep2 in east.
 * rep1's opportunities: intent 1000, negotiation 2000, signed 500, lost 300; rep2's: purchase 4000.
 * Stage probabilities (metadata/entities/opportunity.json): intent 10, negotiation 40, purchase 70,
 * signed 100, lost 0.
 */
import { startTestServer, uniqueName, waitFor, type ApiClient, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let rep1: Person;
let rep2: Person;
const SALES = uniqueName('sales').toLowerCase().replace(/_/g, '-');
const EAST = `${SALES}-east`;

async function opportunity(by: Person, stage: string, amount: number): Promise<string> {
  const account = await by.api.post('/api/records/account', { name: uniqueName('Dash Co') });
  expect(account.status).toBe(201);
  const res = await by.api.post('/api/records/opportunity', { name: uniqueName('Deal'), account: account.body.id, stage, amount });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  t = await startTestServer();
  expect((await t.admin.post('/api/org/departments', { key: SALES, name: 'Sales' })).status).toBe(201);
  const sales = (await t.admin.get(`/api/org/departments/${SALES}`)).body;
  expect((await t.admin.post('/api/org/departments', { key: EAST, name: 'East', parentId: sales.id })).status).toBe(201);
  const east = (await t.admin.get(`/api/org/departments/${EAST}`)).body;
  rep1 = await person(t, { role: 'sales-rep', departmentId: east.id });
  rep2 = await person(t, { role: 'sales-rep', departmentId: east.id });
  await opportunity(rep1, 'intent', 1000);
  await opportunity(rep1, 'negotiation', 2000);
  await opportunity(rep1, 'signed', 500);
  await opportunity(rep1, 'lost', 300);
  await opportunity(rep2, 'purchase', 4000);
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const stagesOf = (body: { stages: { value: string; count: number; amount: number; reached: number; conversion: number | null }[] }) =>
  Object.fromEntries(body.stages.map((s) => [s.value, [s.count, s.amount, s.reached, s.conversion]]));

describe('the sales funnel', () => {
  test('given a rep, when they ask for the funnel, then it counts only their own opportunities, with conversion rates', async () => {
    const res = await rep1.api.get('/api/dashboards/funnel');
    expect(res.status).toBe(200);
    // [count, amount, reached, conversion]; the lost one reached the first stage
    expect(stagesOf(res.body)).toEqual({ intent: [1, 1000, 4, null], negotiation: [1, 2000, 2, 0.5], purchase: [0, 0, 1, 0.5], signed: [1, 500, 1, 1] });
    expect(res.body.lost).toEqual([expect.objectContaining({ value: 'lost', count: 1, amount: 300, probability: 0 })]);
    expect(res.body.total).toEqual({ count: 4, amount: 3800, weighted: 100 + 800 + 500 });
  });

  test('given an admin, when they ask for the whole funnel and for their own, then the whole counts everyone and theirs nothing', async () => {
    const all = await t.admin.get('/api/dashboards/funnel');
    expect(stagesOf(all.body)).toEqual({ intent: [1, 1000, 5, null], negotiation: [1, 2000, 3, 0.6], purchase: [1, 4000, 2, 2 / 3], signed: [1, 500, 1, 0.5] });
    expect(all.body.total).toEqual({ count: 5, amount: 7800, weighted: 100 + 800 + 2800 + 500 });
    const mine = await t.admin.get('/api/dashboards/funnel?scope=mine');
    expect(mine.body.total).toEqual({ count: 0, amount: 0, weighted: 0 });
  });

  test('a bad scope or an unknown parameter is a 400 naming it', async () => {
    const bad = await rep1.api.get('/api/dashboards/funnel?scope=everyone');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'scope', message: 'must be all or mine' }]);
    const unknown = await rep1.api.get('/api/dashboards/forecast?period=q1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'period', message: 'unknown parameter' }]);
  });
});

type Node = { kind: string; name: string; id: string | null; count: number; pipeline: number; weighted: number; won: number; ownerIds: (string | null)[]; children: Node[] };
const figures = (n: Node) => [n.count, n.pipeline, n.weighted, n.won];
const find = (n: Node, kind: string, name: string): Node | undefined => (n.kind === kind && n.name === name ? n : n.children.map((c) => find(c, kind, name)).find(Boolean));

describe('the forecast roll-up', () => {
  test('given an admin, when they ask for the forecast, then people roll up into their department, its parent and the company', async () => {
    const res = await t.admin.get('/api/dashboards/forecast');
    expect(res.status).toBe(200);
    const company: Node = res.body;
    const p1 = find(company, 'person', rep1.username)!;
    const p2 = find(company, 'person', rep2.username)!;
    // [open count, pipeline, weighted, won]
    expect(figures(p1)).toEqual([2, 3000, 1400, 500]);
    expect(figures(p2)).toEqual([1, 4000, 2800, 0]);
    const east = find(company, 'department', 'East')!;
    expect(east.children.map((c) => c.name)).toEqual([rep2.username, rep1.username]); // most weighted first
    expect(figures(east)).toEqual([3, 7000, 4200, 500]);
    expect(figures(find(company, 'department', 'Sales')!)).toEqual([3, 7000, 4200, 500]);
    expect(company.kind).toBe('company');
    expect(figures(company)).toEqual([3, 7000, 4200, 500]);
    expect(east.ownerIds.sort()).toEqual([rep1.id, rep2.id].sort());
  });

  test('given a rep, when they ask for the forecast, then only their own opportunities are in it', async () => {
    const company: Node = (await rep1.api.get('/api/dashboards/forecast')).body;
    expect(figures(company)).toEqual([2, 3000, 1400, 500]);
    expect(find(company, 'person', rep2.username)).toBeUndefined();
  });
});

/** Move an open task's due date into the past, through the engine's REST API (as an admin could). */
async function overdue(taskId: string): Promise<void> {
  const auth = { authorization: `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}` };
  const task = await (await fetch(`${t.url}/engine-rest/task/${taskId}`, { headers: auth })).json();
  const res = await fetch(`${t.url}/engine-rest/task/${taskId}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ ...task, due: '2020-01-01T00:00:00.000+0000' }),
  });
  expect(res.status).toBe(204);
}

/** The first open task of the record's process, waited for. */
async function openTask(api: ApiClient, entity: string, id: string): Promise<{ id: string; processDefinitionKey: string }> {
  let task: { id: string; processDefinitionKey: string } | undefined;
  await waitFor(async () => {
    const items = (await api.get(`/api/records/${entity}/${id}/processes`)).body.items as { processDefinitionKey: string; tasks: { id: string }[] }[];
    const p = items.find((i) => i.tasks.length > 0);
    task = p && { id: p.tasks[0]!.id, processDefinitionKey: p.processDefinitionKey };
    return task !== undefined;
  }, 30_000);
  return task!;
}

describe('overdue tasks and service requests', () => {
  test('given overdue tasks on two reps’ leads, when each asks, then a rep counts only the task on their lead and an admin both', async () => {
    const lead1 = await rep1.api.post('/api/records/lead', { company: uniqueName('Late Co'), contactName: 'Li Lei', source: 'walkIn' });
    const lead2 = await rep2.api.post('/api/records/lead', { company: uniqueName('Late Co'), contactName: 'Han Meimei', source: 'walkIn' });
    const task1 = await openTask(rep1.api, 'lead', lead1.body.id);
    const task2 = await openTask(rep2.api, 'lead', lead2.body.id);
    await overdue(task1.id);
    await overdue(task2.id);

    const mine = (await rep1.api.get('/api/dashboards/overdue-tasks')).body;
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([task1.id]);
    expect(mine.groups).toEqual([{ processDefinitionKey: 'lead-qualification', processDefinitionName: expect.stringContaining('Lead qualification'), count: 1 }]);
    const all = (await t.admin.get('/api/dashboards/overdue-tasks')).body;
    expect(all.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([task1.id, task2.id]));
    expect(all.groups).toContainEqual({ processDefinitionKey: 'lead-qualification', processDefinitionName: expect.any(String), count: all.items.filter((i: { processDefinitionKey: string }) => i.processDefinitionKey === 'lead-qualification').length });
  });

  test('given more overdue tasks of one process than are listed, when a rep asks, then all are counted and the 50 longest overdue listed, in due order', async () => {
    const rep3 = await person(t, { role: 'sales-rep', prefix: 'late-rep' });
    const leads = await Promise.all(
      Array.from({ length: 52 }, async () => (await rep3.api.post('/api/records/lead', { company: uniqueName('Many Late'), contactName: 'Wang Fang', source: 'walkIn' })).body.id as string),
    );
    const tasks = [];
    for (const id of leads) tasks.push((await openTask(rep3.api, 'lead', id)).id);
    // Due dates a day apart, the last lead's the oldest.
    await t.server.db.query(`update engine.task set due_date = timestamptz '2020-03-01' - (array_position($1::text[], id::text) || ' days')::interval where id::text = any($1)`, [tasks]);
    const body = (await rep3.api.get('/api/dashboards/overdue-tasks')).body;
    expect(body.groups).toEqual([{ processDefinitionKey: 'lead-qualification', processDefinitionName: expect.any(String), count: 52 }]);
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([...tasks].reverse().slice(0, 50));
  });

  test('given a service request whose open task is past due, when an admin asks, then it is counted at its state as overdue; a rep may not see service requests', async () => {
    const created = await t.admin.post('/api/records/serviceRequest', { subject: uniqueName('Leaking purifier'), channel: 'agent' });
    expect(created.status).toBe(201);
    const task = await openTask(t.admin, 'serviceRequest', created.body.id);
    await overdue(task.id);
    const request = (await t.admin.get(`/api/records/serviceRequest/${created.body.id}`)).body;

    const res = await t.admin.get('/api/dashboards/service-requests');
    expect(res.status).toBe(200);
    const state = res.body.states.find((s: { value: string }) => s.value === request.state);
    expect(state).toMatchObject({ count: 1, overdue: 1, overdueIds: [created.body.id] });
    expect(res.body.total).toEqual({ count: 1, overdue: 1 });
    expect((await rep1.api.get('/api/dashboards/service-requests')).status).toBe(403);
  });
});
