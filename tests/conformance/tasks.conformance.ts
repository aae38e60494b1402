/**
 * The Task API with the runtime on Operaton (ENGINE_URL): a walk-in lead's review task (started
 * through the outbox) reaches its owner's inbox with the record preview and the form's initial
 * data; a candidate group's task reaches the sales manager's; claim and unclaim go to Operaton;
 * a completion the form refuses changes nothing; an accepted one writes the record at once and
 * completes the task on Operaton through the outbox (its variables typed as on the embedded
 * engine), and the record's processes show the ended instance.
 */
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { TASK_FORMS_DIR, TASK_PROCESSES_DIR, taskMetadataDir } from '../support/tasks.js';

const OPERATON = () => process.env.OPERATON_URL!;

async function operaton<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(OPERATON() + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

let t: TestServer;
let rep: Person;

beforeAll(async () => {
  t = await startTestServer({ metadataDir: taskMetadataDir(), processesDir: TASK_PROCESSES_DIR, formsDir: TASK_FORMS_DIR, config: { ENGINE_URL: OPERATON(), WORKERS: 'off' /* no in-process workers: on the shared Operaton their long polls would lock the corpus scenarios' tasks of the shipped topics */ } });
  rep = await person(t, { role: 'sales-rep', prefix: 'rep' });
}, 120_000);
afterAll(async () => t?.stop());

const inboxFor = async (p: Person, businessKey: string) => ((await p.api.get('/api/tasks')).body.items as any[]).filter((i) => i.businessKey === businessKey);

test('a walk-in lead: the review task in its owner\'s inbox; refused data changes nothing; completion writes the record and completes the task on Operaton', async () => {
  const created = await rep.api.post('/api/records/lead', { company: '远程步行客户', contactName: 'Li Lei', source: 'walkIn', score: 35 });
  expect(created.status).toBe(201);
  const lead = created.body;
  await waitFor(async () => (await inboxFor(rep, lead.id)).length === 1, 30_000);
  const [item] = await inboxFor(rep, lead.id);
  expect(item).toMatchObject({ processDefinitionKey: 'task-review', taskDefinitionKey: 'Review', assignee: rep.id, formKey: 'crm:lead-review', record: { entity: 'lead', id: lead.id, display: '远程步行客户' } });
  expect((await rep.api.get(`/api/tasks/${item.id}`)).body).toMatchObject({ form: { id: 'lead-review' }, data: { score: 35 } });

  const refused = await rep.api.post(`/api/tasks/${item.id}/complete`, { data: { decision: 'reject' } });
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual([{ path: '/data/reason', message: 'is required', code: 'invalid-value', params: { keyword: 'required', missingProperty: 'reason' } }]);

  const done = await rep.api.post(`/api/tasks/${item.id}/complete`, { data: { decision: 'reject', reason: '远程拒绝', score: 9, checklist: ['a'] } });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ id: item.id, processInstanceId: item.processInstanceId, resolved: false });
  expect((await rep.api.get(`/api/records/lead/${lead.id}`)).body).toMatchObject({ disqualifyReason: '远程拒绝', score: 9, version: lead.version + 1 });
  await waitFor(async () => (await operaton<unknown[]>('GET', `/task?processInstanceId=${item.processInstanceId}`)).length === 0, 30_000);
  const vars = await operaton<any[]>('GET', `/history/variable-instance?processInstanceId=${item.processInstanceId}`);
  expect(Object.fromEntries(vars.map((v) => [v.name, [v.type, v.value]]))).toMatchObject({
    decision: ['String', 'reject'],
    reason: ['String', '远程拒绝'],
    score: ['Integer', 9],
    checklist: ['String', '["a"]'],
  });
  const [instance] = (await rep.api.get(`/api/records/lead/${lead.id}/processes`)).body.items;
  expect(instance).toMatchObject({ id: item.processInstanceId, processDefinitionKey: 'task-review', state: 'COMPLETED', tasks: [] });
  expect(instance.activities.map((a: any) => a.activityId)).toEqual(['Start', 'Review', 'Decided', 'Rejected']);
});

test('a candidate group\'s task reaches the sales manager\'s inbox; claim and unclaim act on Operaton', async () => {
  const manager = await person(t, { role: 'sales-manager', prefix: 'mgr' });
  const other = await person(t, { role: 'sales-manager', prefix: 'mgr2' });
  const created = await rep.api.post('/api/records/lead', { company: 'Remote candidates', contactName: 'Han Meimei', source: 'internet' });
  const pi = await operaton<{ id: string }>('POST', '/process-definition/key/task-review/start', {
    businessKey: created.body.id,
    variables: { assignee: { value: null, type: 'Null' }, candidateUsers: { value: 'nobody', type: 'String' }, candidateGroups: { value: 'role:sales-manager', type: 'String' } },
  });
  const [item] = await inboxFor(manager, created.body.id);
  expect(item).toMatchObject({ processInstanceId: pi.id, assignee: null, record: { entity: 'lead', id: created.body.id } });
  expect((await manager.api.post(`/api/tasks/${item.id}/claim`)).body.assignee).toBe(manager.id);
  expect((await operaton<{ assignee: string }>('GET', `/task/${item.id}`)).assignee).toBe(manager.id);
  expect(await inboxFor(other, created.body.id)).toEqual([]);
  expect((await other.api.post(`/api/tasks/${item.id}/claim`)).status).toBe(409);
  expect((await manager.api.post(`/api/tasks/${item.id}/unclaim`)).body.assignee).toBeNull();
  expect((await inboxFor(other, created.body.id)).map((i) => i.id)).toEqual([item.id]);
});

test('on Operaton the inbox hears of a new task by polling, and a task offered both personally and to the user\'s role counts once', async () => {
  const manager = await person(t, { role: 'sales-manager', prefix: 'mgr-live' });
  const created = await rep.api.post('/api/records/lead', { company: 'Remote live inbox', contactName: 'Wei Hua', source: 'internet' });
  const abort = new AbortController();
  const res = await manager.api.open('/api/tasks/stream', abort.signal);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  // Connected before the task is made, so its event cannot be missed.
  while (!text.includes('connected')) text += decoder.decode((await reader.read()).value);
  const pi = await operaton<{ id: string }>('POST', '/process-definition/key/task-review/start', {
    businessKey: created.body.id,
    variables: { assignee: { value: null, type: 'Null' }, candidateUsers: { value: manager.id, type: 'String' }, candidateGroups: { value: 'role:sales-manager', type: 'String' } },
  });
  const [task] = await operaton<{ id: string }[]>('GET', `/task?processInstanceId=${pi.id}`);
  // No NOTIFY from Operaton: the feed finds the task by asking it for tasks created since its last look.
  while (!text.includes(task.id)) text += decoder.decode((await reader.read()).value);
  abort.abort();
  expect(text).toContain(`event: task\ndata: {"kind":"created","id":"${task.id}"}`);
  expect((await manager.api.get(`/api/tasks?list=group&record=${created.body.id}`)).body.items.map((i: any) => i.id)).toEqual([task.id]);
  expect((await manager.api.get(`/api/tasks/counts?record=${created.body.id}`)).body).toEqual({ mine: 0, group: 1, delegated: 0, overdue: 0 });
});
