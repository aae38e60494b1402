/**
 * The inbox's Task API additions on the embedded engine, through real HTTP as real users: the
 * lists (mine, group, delegated, overdue) paged with a cursor that neither repeats nor skips, their
 * counts, filters and search; delegation with Camunda's semantics (the owner keeps it, the delegate
 * resolves it back); due and follow-up dates; saved filters; the live stream telling a candidate of
 * a new task; completion naming the next task of the same record; every bad input a 400 naming
 * its field. Fixture: tests/runtime/tasks-fixture (process task-review, form lead-review).
 */
import { randomUUID } from 'node:crypto';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { engineRest, str, TASK_FORMS_DIR, TASK_PROCESSES_DIR, taskMetadataDir } from '../support/tasks.js';

let t: TestServer;
let rep: Person;

const engine = (method: string, path: string, body?: unknown) => engineRest(t)(method, path, body);

/** task-review for a lead: its Review task assigned or offered as given. */
async function review(leadId: string, who: { assignee?: string; users?: string[]; groups?: string[] }): Promise<string> {
  const variables = {
    leadId: str(leadId),
    assignee: str(who.assignee ?? null),
    candidateUsers: str((who.users ?? ['nobody']).join(',')),
    candidateGroups: str((who.groups ?? ['none:none']).join(',')),
  };
  const pi = await engine('POST', '/process-definition/key/task-review/start', { businessKey: leadId, variables });
  const [task] = await engine('GET', `/task?processInstanceId=${pi.id}`);
  return task.id;
}

async function lead(owner: Person): Promise<string> {
  const res = await owner.api.post('/api/records/lead', { company: `Lead ${randomUUID().slice(0, 8)}`, contactName: 'Han Meimei', source: 'internet' });
  expect(res.status).toBe(201);
  return res.body.id;
}
const share = async (leadId: string, user: Person, access: 'read' | 'edit' = 'read') =>
  expect((await rep.api.post(`/api/records/lead/${leadId}/shares`, { grantee: { kind: 'user', key: user.id }, access })).status).toBeLessThan(300);

/** A user in a department of their own: `department:<key>` is a candidate group of theirs alone. */
async function departmentMember(): Promise<{ p: Person; group: string }> {
  const key = uniqueName('dept');
  const [d] = await t.server.db.query<{ id: string }>(`insert into sec.department (key, name) values ($1, $1) returning id`, [key]);
  return { p: await person(t, { departmentId: d.id, prefix: 'member' }), group: `department:${key}` };
}

/** Every page of a list, following nextCursor. */
async function allPages(p: Person, query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: any } = await p.api.get(`/api/tasks?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    pages.push(res.body.items.map((i: any) => i.id));
    cursor = res.body.nextCursor;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

const day = (n: number) => new Date(Date.UTC(2030, 0, 1 + n)).toISOString();

beforeAll(async () => {
  t = await startTestServer({ metadataDir: taskMetadataDir(), processesDir: TASK_PROCESSES_DIR, formsDir: TASK_FORMS_DIR });
  rep = await person(t, { role: 'sales-rep', prefix: 'rep' });
});
afterAll(async () => t?.stop());

describe('lists, paging and counts', () => {
  test('the group list merges candidate-user and candidate-group tasks in due order, page by page, none twice, none missed; counts per list', async () => {
    const { p, group } = await departmentMember();
    const l = await lead(rep);
    await share(l, p, 'edit');
    // Given: three tasks offered to the user's department, two to the user, one assigned to them.
    const byGroup = [await review(l, { groups: [group] }), await review(l, { groups: [group] }), await review(l, { groups: [group] })];
    const byUser = [await review(l, { users: [p.id] }), await review(l, { users: [p.id] })];
    const mine = await review(l, { assignee: p.id });
    // Due dates interleaving the two streams: user, group, user, group, group.
    const order = [byUser[0], byGroup[0], byUser[1], byGroup[1], byGroup[2]];
    for (const [i, id] of order.entries()) expect((await p.api.patch(`/api/tasks/${id}`, { due: day(i) })).status).toBe(200);

    // When: the group list is read two at a time.
    const pages = await allPages(p, 'list=group&limit=2&sort=due');
    // Then: every offered task once, in due order, in pages of two.
    expect(pages).toEqual([order.slice(0, 2), order.slice(2, 4), order.slice(4)]);
    expect((await p.api.get('/api/tasks?list=mine')).body.items.map((i: any) => i.id)).toEqual([mine]);
    expect((await p.api.get('/api/tasks?list=group&sort=due:desc')).body.items.map((i: any) => i.id)).toEqual([...order].reverse());
    const counts = await p.api.get('/api/tasks/counts');
    expect(counts.body).toEqual({ mine: 1, group: 5, delegated: 0, overdue: 0 });
  });

  test('overdue: tasks past due that are mine or offered to me; filters by process, record, priority and search narrow a list', async () => {
    const { p, group } = await departmentMember();
    const [l1, l2] = [await lead(rep), await lead(rep)];
    for (const l of [l1, l2]) await share(l, p, 'edit');
    const late = await review(l1, { groups: [group] });
    const lateMine = await review(l2, { assignee: p.id });
    const future = await review(l2, { assignee: p.id });
    await p.api.patch(`/api/tasks/${late}`, { due: '2020-01-01T00:00:00Z' });
    await p.api.patch(`/api/tasks/${lateMine}`, { due: '2021-01-01' });
    await p.api.patch(`/api/tasks/${future}`, { due: day(1), followUp: day(0) });

    const ids = async (q: string) => (await p.api.get(`/api/tasks?${q}`)).body.items.map((i: any) => i.id);
    expect(await ids('list=overdue')).toEqual([late, lateMine]);
    expect((await p.api.get('/api/tasks/counts')).body).toMatchObject({ mine: 2, group: 1, overdue: 2 });
    expect(await ids(`list=all&record=${l2}`)).toEqual([lateMine, future]);
    expect(await ids(`list=all&processKey=task-review&q=${encodeURIComponent('Review')}`)).toHaveLength(3);
    expect(await ids('list=all&q=nothing-like-this')).toEqual([]);
    expect(await ids('list=all&minPriority=60')).toEqual([]);
    expect(await ids('list=all&name=Review%20lead&maxPriority=50')).toHaveLength(3);
    expect((await p.api.get(`/api/tasks/counts?record=${l1}`)).body).toMatchObject({ mine: 0, group: 1, overdue: 1 });
    const item = (await p.api.get(`/api/tasks?list=mine&record=${l2}&sort=due`)).body.items[1];
    expect(item).toMatchObject({ id: future, due: expect.stringMatching(/^2030-01-02T00:00:00/), followUp: expect.stringMatching(/^2030-01-01T00:00:00/) });
  });

  test('a task offered to the user both personally and through their group is listed and counted once', async () => {
    const { p, group } = await departmentMember();
    const l = await lead(rep);
    await share(l, p, 'edit');
    const both = await review(l, { users: [p.id], groups: [group] });
    const byGroup = await review(l, { groups: [group] });
    const late = await review(l, { users: [p.id], groups: [group] });
    await p.api.patch(`/api/tasks/${late}`, { due: '2020-01-01T00:00:00Z' });
    const listed = (await p.api.get('/api/tasks?list=group')).body.items.map((i: any) => i.id);
    expect([...listed].sort()).toEqual([both, byGroup, late].sort());
    expect((await p.api.get('/api/tasks/counts')).body).toEqual({ mine: 0, group: 3, delegated: 0, overdue: 1 });
  });

  test('bad list parameters are a 400 naming each of them', async () => {
    const res = await rep.api.get('/api/tasks?list=everything&sort=colour&limit=0&dueBefore=tomorrow&minPriority=high&cursor=zzz&colour=red');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['colour', 'dueBefore', 'list', 'minPriority', 'sort']);
    const paging = await rep.api.get('/api/tasks?list=mine&limit=500&cursor=zzz');
    expect(paging.status).toBe(400);
    expect(paging.body.errors.map((e: any) => e.path).sort()).toEqual(['cursor', 'limit']);
    expect((await rep.api.get('/api/tasks/counts?list=nope')).body.errors[0].path).toBe('list');
  });
});

describe('delegation and dates', () => {
  test('the assignee delegates: the delegate may act and sees it as theirs, the owner in "delegated"; completing it resolves it back to the owner', async () => {
    const owner = await person(t, { role: 'sales-rep', prefix: 'owner' });
    const delegate = await person(t, { role: 'sales-rep', prefix: 'delegate' });
    const stranger = await person(t, { role: 'sales-rep', prefix: 'stranger' });
    const l = await lead(rep);
    await share(l, owner, 'edit');
    await share(l, delegate, 'edit');
    const task = await review(l, { assignee: owner.id });

    // Bad input and those who may not delegate change nothing.
    expect((await owner.api.post(`/api/tasks/${task}/delegate`, {})).body.errors).toEqual([{ path: '/userId', message: 'must be the id of a user' }]);
    expect((await owner.api.post(`/api/tasks/${task}/delegate`, { userId: randomUUID() })).body.errors[0]).toMatchObject({ path: '/userId', message: 'is no active user' });
    expect((await owner.api.post(`/api/tasks/${task}/delegate`, { userId: stranger.id })).body.errors[0]).toMatchObject({ path: '/userId', message: "may not read the task's record" });
    expect((await owner.api.post(`/api/tasks/${task}/delegate`, { userId: delegate.id, note: 'x' })).body.errors[0].path).toBe('/note');
    expect((await owner.api.post(`/api/tasks/${task}/delegate`, { userId: owner.id })).body.errors[0]).toMatchObject({ path: '/userId', message: 'must be someone else' });
    expect((await delegate.api.post(`/api/tasks/${task}/delegate`, { userId: delegate.id })).status).toBe(403);
    await share(l, stranger);
    expect((await stranger.api.post(`/api/tasks/${task}/delegate`, { userId: delegate.id })).status).toBe(403);

    const res = await owner.api.post(`/api/tasks/${task}/delegate`, { userId: delegate.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignee: delegate.id, owner: owner.id, delegationState: 'PENDING' });
    expect((await delegate.api.get('/api/tasks?list=mine')).body.items.map((i: any) => i.id)).toContain(task);
    expect((await owner.api.get('/api/tasks?list=delegated')).body.items.map((i: any) => i.id)).toEqual([task]);
    expect((await owner.api.get('/api/tasks/counts')).body).toMatchObject({ delegated: 1, mine: 0 });

    // The delegate completes: the task is resolved, back with its owner, still open.
    const done = await delegate.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'reject', reason: 'not a fit' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ resolved: true, nextTaskId: null });
    const back = await owner.api.get(`/api/tasks/${task}`);
    expect(back.body).toMatchObject({ assignee: owner.id, owner: owner.id, delegationState: 'RESOLVED' });
    expect((await owner.api.get('/api/tasks?list=delegated')).body.items).toEqual([]);
  });

  test('due and follow-up dates: set and cleared by whoever may act; bad dates a 400 naming the field; others 403', async () => {
    const l = await lead(rep);
    const task = await review(l, { assignee: rep.id });
    expect((await rep.api.patch(`/api/tasks/${task}`, { due: 'soon', followUp: 3 })).body.errors.map((e: any) => e.path)).toEqual(['/due', '/followUp']);
    expect((await rep.api.patch(`/api/tasks/${task}`, {})).status).toBe(400);
    expect((await rep.api.patch(`/api/tasks/${task}`, { due: day(5) })).body).toMatchObject({ due: expect.stringMatching(/^2030-01-06/), followUp: null });
    expect((await rep.api.patch(`/api/tasks/${task}`, { followUp: day(2) })).body).toMatchObject({ due: expect.stringMatching(/^2030-01-06/), followUp: expect.stringMatching(/^2030-01-03/) });
    expect((await rep.api.patch(`/api/tasks/${task}`, { due: null })).body).toMatchObject({ due: null });
    const other = await person(t, { role: 'sales-rep', prefix: 'other' });
    await share(l, other);
    expect((await other.api.patch(`/api/tasks/${task}`, { due: day(1) })).status).toBe(403);
  });
});

describe('saved filters', () => {
  test('saved per user, checked as the list checks its parameters, a name once', async () => {
    const p = await person(t, { role: 'sales-rep', prefix: 'saver' });
    const bad = await p.api.post('/api/tasks/filters', { name: '', query: { list: 'nope', sort: 'due:up' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['/name', '/query/list', '/query/sort']);
    const saved = await p.api.post('/api/tasks/filters', { name: '逾期报价', query: { list: 'overdue', processKey: 'quote-routing', sort: 'priority' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: '逾期报价', query: { list: 'overdue', processKey: 'quote-routing', sort: 'priority', order: 'desc' } });
    expect((await p.api.post('/api/tasks/filters', { name: '逾期报价', query: { list: 'mine' } })).status).toBe(409);
    expect((await p.api.get('/api/tasks/filters')).body.items.map((f: any) => f.name)).toEqual(['逾期报价']);
    expect((await rep.api.get('/api/tasks/filters')).body.items).toEqual([]);
    expect((await rep.api.delete(`/api/tasks/filters/${saved.body.id}`)).status).toBe(404);
    expect((await p.api.delete(`/api/tasks/filters/${saved.body.id}`)).status).toBe(204);
    expect((await p.api.get('/api/tasks/filters')).body.items).toEqual([]);
  });
});

describe('form validators for the browser', () => {
  test("a form's schema precompiled as an ES module (no eval needed in the page); an unknown form is a 404", async () => {
    const res = await rep.api.get('/api/tasks/forms/lead-review/validator.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.body).toMatch(/^export default function \(require\) \{\nconst exports = \{\};/);
    expect(res.body).not.toMatch(/new Function|eval\(/);
    expect((await rep.api.get('/api/tasks/forms/no-such-form/validator.js')).status).toBe(404);
  });
});

describe('live updates and the next task', () => {
  test('the stream tells a candidate of a new task offered to them', async () => {
    const { p, group } = await departmentMember();
    const l = await lead(rep);
    await share(l, p);
    const abort = new AbortController();
    const res = await p.api.open('/api/tasks/stream', abort.signal);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // Connected (the first comment) before the task is made, so its event cannot be missed.
    while (!text.includes('connected')) text += decoder.decode((await reader.read()).value);
    const task = await review(l, { groups: [group] });
    while (!text.includes(task)) text += decoder.decode((await reader.read()).value);
    abort.abort();
    expect(text).toContain(`event: task\ndata: {"kind":"created","id":"${task}"}`);
  });

  test('completing a task answers the next task of the same record that is the user’s', async () => {
    const manager = await person(t, { role: 'sales-manager', prefix: 'mgr' });
    const l = await lead(rep);
    const task = await review(l, { groups: ['role:sales-manager'] });
    expect((await manager.api.post(`/api/tasks/${task}/claim`)).status).toBe(200);
    const done = await manager.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve' } });
    expect(done.status).toBe(200);
    const [confirm] = await engine('GET', `/task?processInstanceBusinessKey=${l}&taskDefinitionKey=Confirm`);
    expect(done.body).toMatchObject({ resolved: false, nextTaskId: confirm.id });
  });
});
