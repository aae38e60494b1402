/**
 * The Task API on the embedded engine, through real HTTP as the real users: the inbox of an
 * assignee, a candidate user and candidate groups (role, department, territory manager); a task on
 * a record the user cannot read is invisible; claim/unclaim and the 409 of a task claimed by
 * someone else; completion validates the form (400 naming the field, nothing changed), refuses
 * whoever may not act (403), and writes the record and moves the process in one transaction — a
 * record write the user may not do leaves the task open; admins may act on any task; a record's
 * processes. Fixture: tests/runtime/tasks-fixture (process task-review, form lead-review).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateGroupMembersSql } from '../../runtime/access/index.js';
import { Params } from '../../runtime/db/sql.js';
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { engineRest, str, TASK_FORMS_DIR, TASK_PROCESSES_DIR, taskMetadataDir } from '../support/tasks.js';

let t: TestServer;
let rep: Person;

const engine = (method: string, path: string, body?: unknown) => engineRest(t)(method, path, body);


/** Start task-review for a lead as the engine API allows an admin: assignee and candidates given. */
async function review(leadId: string, who: { assignee?: string; users?: string[]; groups?: string[]; score?: number }): Promise<{ pi: string; task: string }> {
  const variables: Record<string, unknown> = {
    leadId: str(leadId),
    assignee: str(who.assignee ?? null),
    candidateUsers: str((who.users ?? ['nobody']).join(',')),
    candidateGroups: str((who.groups ?? ['none:none']).join(',')),
    ...(who.score === undefined ? {} : { score: { value: who.score, type: 'Integer' } }),
  };
  const pi = await engine('POST', '/process-definition/key/task-review/start', { businessKey: leadId, variables });
  const [task] = await engine('GET', `/task?processInstanceId=${pi.id}`);
  return { pi: pi.id, task: task.id };
}

/** A lead owned by `owner` (not walk-in: no trigger starts a process for it). */
async function lead(owner: Person, company = `Lead ${randomUUID().slice(0, 8)}`): Promise<{ id: string; version: number }> {
  const res = await owner.api.post('/api/records/lead', { company, contactName: 'Han Meimei', source: 'internet' });
  expect(res.status).toBe(201);
  return res.body;
}

async function share(owner: Person, leadId: string, user: Person, access: 'read' | 'edit' = 'read') {
  const res = await owner.api.post(`/api/records/lead/${leadId}/shares`, { grantee: { kind: 'user', key: user.id }, access });
  expect([200, 201]).toContain(res.status);
}

/** The ids of `p`'s inbox among `tasks` (other tests' tasks left out). */
async function inboxOf(p: Person, tasks: string[], query = ''): Promise<string[]> {
  const res = await p.api.get(`/api/tasks${query}`);
  expect(res.status).toBe(200);
  return res.body.items.map((i: any) => i.id).filter((id: string) => tasks.includes(id));
}

const openTasks = async (pi: string) => (await engine('GET', `/task?processInstanceId=${pi}`)).map((x: any) => x.taskDefinitionKey);

beforeAll(async () => {
  t = await startTestServer({ metadataDir: taskMetadataDir(), processesDir: TASK_PROCESSES_DIR, formsDir: TASK_FORMS_DIR });
  rep = await person(t, { role: 'sales-rep', prefix: 'rep' });
});
afterAll(async () => t?.stop());

describe('inbox', () => {
  test('a walk-in lead starts task-review for its owner: in their inbox with the record preview; the task has its form and initial data', async () => {
    const created = await rep.api.post('/api/records/lead', { company: '步行客户有限公司', contactName: 'Li Lei', source: 'walkIn', score: 35 });
    expect(created.status).toBe(201);
    const mine = (await rep.api.get('/api/tasks')).body.items.filter((i: any) => i.businessKey === created.body.id);
    expect(mine).toEqual([
      expect.objectContaining({
        name: 'Review lead',
        processDefinitionKey: 'task-review',
        processDefinitionName: '线索审查 Lead review',
        taskDefinitionKey: 'Review',
        assignee: rep.id,
        formKey: 'crm:lead-review',
        businessKey: created.body.id,
        record: { entity: 'lead', id: created.body.id, display: '步行客户有限公司' },
      }),
    ]);
    expect(mine[0]).toEqual(expect.objectContaining({ id: expect.any(String), processInstanceId: expect.any(String), created: expect.any(String), priority: 50 }));
    const detail = await rep.api.get(`/api/tasks/${mine[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.form).toEqual({
      id: 'lead-review',
      title: { 'zh-CN': '审查线索', en: 'Review lead' },
      schema: expect.objectContaining({ type: 'object', required: ['decision'] }),
      uiSchema: { reason: { 'ui:widget': 'textarea' } },
    });
    // The process variables named like the form's fields: the trigger mapped the lead's score and id.
    expect(detail.body.data).toEqual({ score: 35, leadId: created.body.id });
    // Sales managers are candidates, but the task is assigned: not in their inbox.
    const manager = await person(t, { role: 'sales-manager', prefix: 'mgr' });
    expect(await inboxOf(manager, [mine[0].id])).toEqual([]);
  });

  test('candidate user, role, department (or one below) and territory manager (of it or one above) see the unassigned task; no one else does', async () => {
    const db = t.server.db;
    const [hq] = await db.query<{ id: string }>(`insert into sec.department (key, name) values ('tk-hq', 'HQ') returning id`);
    const [sales] = await db.query<{ id: string }>(`insert into sec.department (key, name, parent_id) values ('tk-sales', 'Sales', $1) returning id`, [hq.id]);
    const [china] = await db.query<{ id: string }>(`insert into sec.territory (key, name) values ('tk-china', 'China') returning id`);
    const [east] = await db.query<{ id: string }>(`insert into sec.territory (key, name, parent_id) values ('tk-east', 'East', $1) returning id`, [china.id]);
    const candidate = await person(t, { prefix: 'cand' });
    const manager = await person(t, { role: 'sales-manager', prefix: 'mgr' });
    const deptMember = await person(t, { departmentId: sales.id, prefix: 'dept' });
    const territoryManager = await person(t, { prefix: 'tmgr' });
    const territoryMember = await person(t, { prefix: 'tmem' });
    const outsider = await person(t, { prefix: 'out' });
    await db.query(`insert into sec.territory_member (territory_id, user_id, is_manager) values ($1, $2, true), ($3, $4, false)`, [china.id, territoryManager.id, east.id, territoryMember.id]);

    const l = await lead(rep);
    for (const p of [candidate, deptMember, territoryManager, territoryMember, outsider]) await share(rep, l.id, p);
    const byUser = await review(l.id, { users: [candidate.id] });
    const byRole = await review(l.id, { groups: ['role:sales-manager'] });
    const byDept = await review(l.id, { groups: ['department:tk-hq'] });
    const byTerritory = await review(l.id, { groups: ['territory-manager:tk-east'] });
    const all = [byUser, byRole, byDept, byTerritory].map((r) => r.task);

    expect(await inboxOf(candidate, all)).toEqual([byUser.task]);
    expect(await inboxOf(manager, all)).toEqual([byRole.task]);
    expect(await inboxOf(deptMember, all)).toEqual([byDept.task]);
    expect(await inboxOf(territoryManager, all)).toEqual([byTerritory.task]);
    expect(await inboxOf(territoryMember, all)).toEqual([]);
    expect(await inboxOf(outsider, all)).toEqual([]);
    expect(await inboxOf(rep, all)).toEqual([]);
    // scope and processKey narrow the inbox.
    expect(await inboxOf(candidate, all, '?scope=assigned')).toEqual([]);
    expect(await inboxOf(candidate, all, '?scope=candidate&processKey=task-review')).toEqual([byUser.task]);
    expect(await inboxOf(candidate, all, '?processKey=other-process')).toEqual([]);

    // The same groups, answered the other way round (who is in a candidate group — for notifications).
    const members = async (group: string) => {
      const p = new Params();
      const rows = await db.query<{ id: string }>(`select x.id from (${candidateGroupMembersSql(t.server.store.current, group, p)}) as x(id)`, p.values);
      return rows.map((r) => r.id);
    };
    expect(await members('department:tk-hq')).toEqual([deptMember.id]);
    expect((await members('territory:tk-east')).sort()).toEqual([territoryManager.id, territoryMember.id].sort());
    expect(await members('territory-manager:tk-east')).toEqual([territoryManager.id]);
    expect(await members('role:sales-manager')).toContain(manager.id);
    expect(await members('bogus:x').catch(() => 'none')).toBe('none');
  });

  test('a task on a record the user cannot read is neither in their inbox nor visible — until the record is shared with them', async () => {
    const stranger = await person(t, { prefix: 'stranger' });
    const l = await lead(rep);
    const { task } = await review(l.id, { users: [stranger.id] });
    expect(await inboxOf(stranger, [task])).toEqual([]);
    expect((await stranger.api.get(`/api/tasks/${task}`)).status).toBe(404);
    expect((await stranger.api.post(`/api/tasks/${task}/claim`)).status).toBe(404);
    const complete = await stranger.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve' } });
    expect(complete.status).toBe(404);
    expect(complete.body.type).toMatch(/\/not-found$/);
    await share(rep, l.id, stranger);
    expect(await inboxOf(stranger, [task])).toEqual([task]);
    expect((await stranger.api.get(`/api/tasks/${task}`)).body.record).toMatchObject({ entity: 'lead', id: l.id });
  });

  test('bad inbox queries are 400s naming the parameter; an unknown task is a 404', async () => {
    const bad = await rep.api.get('/api/tasks?scope=everything');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'scope', message: 'must be assigned, candidate or all' }]);
    expect((await rep.api.get('/api/tasks?sort=colour')).status).toBe(400);
    expect((await rep.api.get(`/api/tasks/${randomUUID()}`)).status).toBe(404);
  });
});

describe('claim and unclaim', () => {
  test('a candidate claims (again: no change); another candidate gets 409, a reader who is no candidate 403; unclaimed, it is offered again', async () => {
    const [a, b, reader] = [await person(t, { prefix: 'a' }), await person(t, { prefix: 'b' }), await person(t, { prefix: 'reader' })];
    const l = await lead(rep);
    for (const p of [a, b, reader]) await share(rep, l.id, p);
    const { task } = await review(l.id, { users: [a.id, b.id] });
    expect(await inboxOf(b, [task])).toEqual([task]);

    const claimed = await a.api.post(`/api/tasks/${task}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ id: task, assignee: a.id });
    expect((await a.api.post(`/api/tasks/${task}/claim`)).status).toBe(200);
    expect(await inboxOf(a, [task], '?scope=assigned')).toEqual([task]);
    expect(await inboxOf(b, [task])).toEqual([]);
    expect((await b.api.get(`/api/tasks/${task}`)).body.assignee).toBe(a.id);
    for (const action of ['claim', 'unclaim', 'complete']) {
      const res = await b.api.post(`/api/tasks/${task}/${action}`, action === 'complete' ? { data: { decision: 'approve' } } : {});
      expect([action, res.status, res.body.type]).toEqual([action, 409, expect.stringMatching(/\/task-claimed$/)]);
    }
    const forbidden = await reader.api.post(`/api/tasks/${task}/claim`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toMatch(/\/task-forbidden$/);

    const unclaimed = await a.api.post(`/api/tasks/${task}/unclaim`);
    expect(unclaimed.status).toBe(200);
    expect(unclaimed.body.assignee).toBeNull();
    expect(await inboxOf(b, [task])).toEqual([task]);
    expect((await reader.api.post(`/api/tasks/${task}/unclaim`)).status).toBe(200); // nothing to unclaim
  });
});

describe('complete', () => {
  test('data the form refuses is a 400 naming each field; nothing changes', async () => {
    const l = await lead(rep);
    const { pi, task } = await review(l.id, { assignee: rep.id });
    // Coded for UIs that word it themselves (invalid-value: ajv's keyword and params); the envelope's own checks are not.
    const value = (keyword: string, params: Record<string, unknown>) => ({ code: 'invalid-value', params: { keyword, ...params } });
    const cases: [unknown, { path: string; message: string }[]][] = [
      [{ data: { decision: 'reject' } }, [{ path: '/data/reason', message: 'is required', ...value('required', { missingProperty: 'reason' }) }]],
      [
        { data: { decision: 'maybe', score: 101 } },
        [
          { path: '/data/decision', message: 'must be one of: "approve", "reject"', ...value('enum', { allowedValues: ['approve', 'reject'] }) },
          { path: '/data/score', message: 'must be <= 100', ...value('maximum', { comparison: '<=', limit: 100 }) },
        ],
      ],
      [{ data: { decision: 'approve', crmCommandId: 'x' } }, [{ path: '/data/crmCommandId', message: 'unknown field', ...value('additionalProperties', { additionalProperty: 'crmCommandId' }) }]],
      [{ data: {} }, [{ path: '/data/decision', message: 'is required', ...value('required', { missingProperty: 'decision' }) }]],
      [{ data: [] }, [{ path: '/data', message: 'must be an object' }]],
      [{ decision: 'approve' }, [{ path: '/decision', message: 'unknown field' }]],
    ];
    for (const [body, errors] of cases) {
      const res = await rep.api.post(`/api/tasks/${task}/complete`, body);
      expect([body, res.status, res.body.type]).toEqual([body, 400, expect.stringMatching(/\/validation-failed$/)]);
      expect(res.body.errors).toEqual(errors);
    }
    expect(await openTasks(pi)).toEqual(['Review']);
    expect((await rep.api.get(`/api/records/lead/${l.id}`)).body).toMatchObject({ version: l.version, disqualifyReason: null });
  });

  test('ids the form refers to must be a live record the user may read, an active person, an attachment of the task\'s record: else 400 naming the field; nothing changes', async () => {
    const other = await person(t, { role: 'sales-rep', prefix: 'other' });
    const manager = await person(t, { role: 'sales-manager', prefix: 'mgr' });
    const bot = await t.server.auth.createUser({ username: `bot-${randomUUID().slice(0, 8)}`, password: 'bot-password-1', isService: true });
    const account = async (owner: Person) => (await owner.api.post('/api/records/account', { name: `Acct ${randomUUID().slice(0, 8)}` })).body.id as string;
    const [mine, theirs] = [await account(rep), await account(other)];
    const deleted = await account(rep);
    expect((await rep.api.delete(`/api/records/account/${deleted}`)).status).toBe(204);
    const l = await lead(rep);
    const elsewhere = await lead(rep);
    const token = (await rep.api.post('/api/auth/tokens', { name: 'uploads' })).body.token as string;
    const attach = async (leadId: string) => {
      const form = new FormData();
      form.append('file', new Blob(['evidence'], { type: 'text/plain' }), 'evidence.txt');
      const res = await fetch(`${t.url}/api/records/lead/${leadId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const [here, there] = [await attach(l.id), await attach(elsewhere.id)];
    const { pi, task } = await review(l.id, { assignee: rep.id });
    const noAccount = { code: 'no-reference', params: { kind: 'lookup', entity: 'account' } };
    const noPerson = { code: 'no-reference', params: { kind: 'user' } };
    const cases: [Record<string, unknown>, { path: string; message: string; code: string; params: Record<string, unknown> }[]][] = [
      [{ account: randomUUID() }, [{ path: '/data/account', message: 'no account record you may read', ...noAccount }]],
      [{ account: theirs }, [{ path: '/data/account', message: 'no account record you may read', ...noAccount }]],
      [{ account: deleted }, [{ path: '/data/account', message: 'no account record you may read', ...noAccount }]],
      [{ reviewer: randomUUID() }, [{ path: '/data/reviewer', message: 'no active person', ...noPerson }]],
      [{ reviewer: bot.id }, [{ path: '/data/reviewer', message: 'no active person', ...noPerson }]],
      [{ evidence: [here, there] }, [{ path: '/data/evidence/1', message: 'no attachment of this lead', code: 'no-reference', params: { kind: 'attachment', entity: 'lead' } }]],
    ];
    for (const [data, errors] of cases) {
      const res = await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve', ...data } });
      expect([data, res.status, res.body.errors]).toEqual([data, 400, errors]);
    }
    expect(await openTasks(pi)).toEqual(['Review']);
    const ok = await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve', account: mine, reviewer: manager.id, evidence: [here] } });
    expect(ok.status).toBe(200);
  });

  test('a reader of the record who is neither assignee nor candidate gets 403 task-forbidden', async () => {
    const reader = await person(t, { prefix: 'reader' });
    const l = await lead(rep);
    await share(rep, l.id, reader);
    const { pi, task } = await review(l.id, { users: [rep.id] });
    const res = await reader.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve' } });
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/\/task-forbidden$/);
    expect((await reader.api.get(`/api/tasks/${task}`)).status).toBe(200);
    expect(await openTasks(pi)).toEqual(['Review']);
  });

  test('completion writes the mapped record fields as the user and moves the process, in one transaction; form data become typed process variables', async () => {
    const l = await lead(rep);
    const { pi, task } = await review(l.id, { assignee: rep.id });
    const res = await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'reject', reason: '没有预算', score: 12, checklist: ['called', 'visited'] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: task, processInstanceId: pi, resolved: false, nextTaskId: null });
    const record = (await rep.api.get(`/api/records/lead/${l.id}`)).body;
    expect(record).toMatchObject({ disqualifyReason: '没有预算', score: 12, version: l.version + 1 });
    const history = (await rep.api.get(`/api/records/lead/${l.id}/history`)).body.items.filter((h: any) => h.action === 'update');
    expect(history.map((h: any) => [h.field, h.after, h.actor.id]).sort()).toEqual([
      ['disqualifyReason', '没有预算', rep.id],
      ['score', 12, rep.id],
    ]);
    const vars = Object.fromEntries((await engine('GET', `/history/variable-instance?processInstanceId=${pi}`)).map((v: any) => [v.name, [v.type, v.value]]));
    expect(vars).toMatchObject({ decision: ['String', 'reject'], reason: ['String', '没有预算'], score: ['Integer', 12], checklist: ['String', '["called","visited"]'] });
    const [instance] = (await rep.api.get(`/api/records/lead/${l.id}/processes`)).body.items.filter((p: any) => p.id === pi);
    expect(instance).toMatchObject({ processDefinitionKey: 'task-review', businessKey: l.id, state: 'COMPLETED', tasks: [] });
    expect(instance.activities.map((a: any) => a.activityId)).toEqual(['Start', 'Review', 'Decided', 'Rejected']);
    expect((await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'reject', reason: 'again' } })).status).toBe(404);
  });

  test('a read-only form field is shown, not taken: a value sent for it does not reach the process', async () => {
    const l = await lead(rep);
    const { pi, task } = await review(l.id, { assignee: rep.id });
    expect((await rep.api.get(`/api/tasks/${task}`)).body.data).toMatchObject({ leadId: l.id });
    expect((await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve', leadId: 'tampered' } })).status).toBe(200);
    const vars = (await engine('GET', `/history/variable-instance?processInstanceId=${pi}&variableName=leadId`)).map((v: any) => v.value);
    expect(vars).toEqual([l.id]);
  });

  test('approval without record fields leads to the confirmation task of the sales managers; the record is not touched', async () => {
    const manager = await person(t, { role: 'sales-manager', prefix: 'mgr' });
    const l = await lead(rep);
    const { pi, task } = await review(l.id, { assignee: rep.id });
    expect((await rep.api.post(`/api/tasks/${task}/complete`, { data: { decision: 'approve' } })).status).toBe(200);
    expect(await openTasks(pi)).toEqual(['Confirm']);
    const [confirm] = (await manager.api.get('/api/tasks?processKey=task-review')).body.items.filter((i: any) => i.processInstanceId === pi);
    expect(confirm).toMatchObject({ taskDefinitionKey: 'Confirm', formKey: null, record: { entity: 'lead', id: l.id } });
    expect((await manager.api.get(`/api/tasks/${confirm.id}`)).body).toMatchObject({ form: null, data: {} });
    // A task without a form takes no data.
    const refused = await manager.api.post(`/api/tasks/${confirm.id}/complete`, { data: { note: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: '/data/note', message: 'this task has no form: it takes no data' }]);
    expect(confirm.assignee).toBeNull();
    expect((await manager.api.post(`/api/tasks/${confirm.id}/complete`, {})).status).toBe(200);
    expect(await openTasks(pi)).toEqual([]);
    expect((await rep.api.get(`/api/records/lead/${l.id}`)).body.version).toBe(l.version);
    // The candidate who completed the unclaimed task is its assignee in history: who did it is known.
    const [done] = await engine('GET', `/history/task?taskId=${confirm.id}`);
    expect(done).toMatchObject({ assignee: manager.id, deleteReason: 'completed' });
  });

  test('a record write the user may not do (no update permission; a read-only field) refuses the completion: the task stays open, the record unchanged', async () => {
    const reader = await person(t, { role: 'task-reader', prefix: 'reader' });
    const clerk = await person(t, { role: 'task-clerk', prefix: 'clerk' });
    const l = await lead(rep);
    await share(rep, l.id, reader, 'edit');
    await share(rep, l.id, clerk, 'edit');
    const forReader = await review(l.id, { assignee: reader.id });
    const byReader = await reader.api.post(`/api/tasks/${forReader.task}/complete`, { data: { decision: 'reject', reason: 'nope', score: 3 } });
    expect(byReader.status).toBe(403);
    expect(byReader.body.type).toMatch(/\/forbidden$/);
    expect(await openTasks(forReader.pi)).toEqual(['Review']);

    const forClerk = await review(l.id, { assignee: clerk.id });
    const byClerk = await clerk.api.post(`/api/tasks/${forClerk.task}/complete`, { data: { decision: 'reject', reason: 'nope', score: 3 } });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.type).toMatch(/\/field-forbidden$/);
    expect(byClerk.body.errors).toEqual([expect.objectContaining({ path: '/data/reason', message: 'not editable for your role', code: 'field-forbidden' })]);
    expect(await openTasks(forClerk.pi)).toEqual(['Review']);
    expect((await rep.api.get(`/api/records/lead/${l.id}`)).body).toMatchObject({ version: l.version, score: null, disqualifyReason: null });

    // Data that maps to no record field needs no record write: the reader may complete.
    expect((await reader.api.post(`/api/tasks/${forReader.task}/complete`, { data: { decision: 'approve' } })).status).toBe(200);
  });

  test('an admin sees and completes any task (claimed by someone else too) but does not claim one someone holds', async () => {
    const l = await lead(rep);
    const { pi, task } = await review(l.id, { assignee: rep.id });
    expect(await inboxOf(await person(t, { prefix: 'x' }), [task])).toEqual([]);
    expect((await t.admin.get(`/api/tasks/${task}`)).body).toMatchObject({ id: task, assignee: rep.id, record: { entity: 'lead', id: l.id } });
    expect((await t.admin.post(`/api/tasks/${task}/claim`)).status).toBe(409);
    const done = await t.admin.post(`/api/tasks/${task}/complete`, { data: { decision: 'reject', reason: 'duplicate lead' } });
    expect(done.status).toBe(200);
    expect(await openTasks(pi)).toEqual([]);
    const history = (await rep.api.get(`/api/records/lead/${l.id}/history`)).body.items.filter((h: any) => h.field === 'disqualifyReason');
    expect(history.map((h: any) => h.actor.username)).toEqual(['admin']);
  });
});

describe('a record\'s processes', () => {
  test('running and ended instances with their activities and open tasks, for readers of the record only', async () => {
    const l = await lead(rep);
    const first = await review(l.id, { assignee: rep.id });
    await rep.api.post(`/api/tasks/${first.task}/complete`, { data: { decision: 'reject', reason: 'first try' } });
    const second = await review(l.id, { assignee: rep.id });
    const res = await rep.api.get(`/api/records/lead/${l.id}/processes`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: any) => [p.id, p.state, p.endTime === null])).toEqual([
      [first.pi, 'COMPLETED', false],
      [second.pi, 'ACTIVE', true],
    ]);
    expect(res.body.items[1].tasks).toEqual([expect.objectContaining({ id: second.task, assignee: rep.id, record: expect.objectContaining({ id: l.id }) })]);
    expect(res.body.items[1].activities).toEqual([
      expect.objectContaining({ activityId: 'Start', activityType: 'startEvent' }),
      expect.objectContaining({ activityId: 'Review', activityType: 'userTask', taskId: second.task, assignee: rep.id, endTime: null }),
    ]);
    const outsider = await person(t, { prefix: 'out' });
    expect((await outsider.api.get(`/api/records/lead/${l.id}/processes`)).status).toBe(404);
    expect((await rep.api.get(`/api/records/nosuch/${l.id}/processes`)).status).toBe(404);
    expect((await rep.api.get(`/api/records/lead/${randomUUID()}/processes`)).status).toBe(404);
  });
});

test('a bad form document stops start, naming the file and the JSON path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bad-forms-'));
  writeFileSync(join(dir, 'broken.json'), JSON.stringify({ 'x-crm-form': 'broken', title: { en: 'Broken' }, schema: { type: 'object', properties: {} } }));
  const err = await startTestServer({ formsDir: dir }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'metadata-invalid', errors: [{ path: 'forms/broken.json#/title/zh-CN', message: 'is required' }] });
});
