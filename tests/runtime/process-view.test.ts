/**
 * GET /api/process-instances/:id — one instance for the process view, on a real server and
 * PostgreSQL with the shipped lead-qualification: the BPMN XML of the version it runs on, what ran,
 * where the token waits, its open task and incidents; visible to whoever may read the lead and to
 * nobody else (404, exactly as for an instance that does not exist).
 */
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let owner: Person;
let stranger: Person;

beforeAll(async () => {
  t = await startTestServer();
  owner = await person(t, { role: 'sales-rep' });
  stranger = await person(t, { role: 'sales-rep' });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

type Item = { id: string; taskDefinitionKey: string; name: string };

/** A lead of `owner` whose lead-qualification waits in a user task: the instance id and that task. */
async function runningLead(): Promise<{ leadId: string; instanceId: string; task: Item }> {
  const created = await owner.api.post('/api/records/lead', { company: uniqueName('View Co'), contactName: 'Han Meimei', source: 'walkIn' });
  expect(created.status).toBe(201);
  const leadId: string = created.body.id;
  let found: { instanceId: string; task: Item } | undefined;
  await waitFor(async () => {
    const [p] = (await owner.api.get(`/api/records/lead/${leadId}/processes`)).body.items as { id: string; tasks: Item[] }[];
    if (p?.tasks.length) found = { instanceId: p.id, task: p.tasks[0]! };
    return found !== undefined;
  }, 30_000);
  return { leadId, ...found! };
}

test('given a running lead-qualification, when its owner opens the instance, then it has the deployed XML, the history, the active task and no incidents', async () => {
  const { leadId, instanceId, task } = await runningLead();

  const res = await owner.api.get(`/api/process-instances/${instanceId}`);

  expect(res.status).toBe(200);
  const view = res.body;
  expect(view).toMatchObject({ id: instanceId, processDefinitionKey: 'lead-qualification', state: 'ACTIVE', businessKey: leadId, record: { entity: 'lead', id: leadId }, incidents: [] });
  expect(view.bpmnXml).toContain('id="lead-qualification"');
  expect(view.activeActivityIds).toContain(task.taskDefinitionKey);
  expect(view.activities[0].activityType).toBe('startEvent');
  expect(view.activities.some((a: { activityId: string; endTime: string | null }) => a.activityId === task.taskDefinitionKey && a.endTime === null)).toBe(true);
  expect(view.tasks.map((x: Item) => x.id)).toEqual([task.id]);
  expect(Object.keys(view.users)).toEqual(view.tasks[0].assignee ? [view.tasks[0].assignee] : []);
});

test('given a lead the user may not read, when they ask for its instance, then the answer is the 404 of an instance that does not exist', async () => {
  const { instanceId } = await runningLead();

  const hidden = await stranger.api.get(`/api/process-instances/${instanceId}`);
  const absent = await stranger.api.get('/api/process-instances/no-such-instance');

  expect(hidden.status).toBe(404);
  expect(absent.status).toBe(404);
  expect(JSON.stringify(hidden.body).split(instanceId).join('<id>')).toBe(JSON.stringify(absent.body).split('no-such-instance').join('<id>'));
});

test('given an admin, when they open any instance, then they see it', async () => {
  const { instanceId } = await runningLead();
  expect((await t.admin.get(`/api/process-instances/${instanceId}`)).status).toBe(200);
});

test('given an instance whose external task ran out of retries, when it is viewed, then the incident is listed at that activity, which is still active', async () => {
  // A server without workers: the lead's qualification waits at its first service task.
  const quiet = await startTestServer({ config: { WORKERS: 'off' } });
  try {
    const auth = { authorization: `Basic ${Buffer.from(`admin:${quiet.adminPassword}`).toString('base64')}` };
    const lead = await quiet.admin.post('/api/records/lead', { company: uniqueName('Incident Co'), contactName: 'Li Lei', source: 'walkIn' });
    expect(lead.status).toBe(201);
    let external: { id: string; activityId: string; processInstanceId: string } | undefined;
    await waitFor(async () => {
      [external] = await (await fetch(`${quiet.url}/engine-rest/external-task?processInstanceBusinessKey=${lead.body.id}`, { headers: auth })).json();
      return external !== undefined;
    }, 30_000);
    const failed = await fetch(`${quiet.url}/engine-rest/external-task/${external!.id}/retries`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ retries: 0 }),
    });
    expect(failed.status).toBe(204);

    const view = (await quiet.admin.get(`/api/process-instances/${external!.processInstanceId}`)).body;

    expect(view.incidents).toEqual([expect.objectContaining({ activityId: external!.activityId, type: 'failedExternalTask' })]);
    expect(view.activeActivityIds).toEqual([external!.activityId]);
  } finally {
    await quiet.stop();
  }
}, 60_000);
