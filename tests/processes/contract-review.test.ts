/**
 * contract-review end to end: the shipped model, BPMN, forms, workers (in-process) and trigger on a
 * real server, PostgreSQL and a local SMTP server, driven through the HTTP API by the people who do
 * it, each with their own session — the drafter (a sales rep), their department manager, finance
 * and legal — and the escalation timers executed through the job API (never waited for).
 */
import { Variables } from 'camunda-external-task-client-js';
import createOrder from '../../processes/workers/contract-create-order.js';
import type { Task, TaskService, WorkerContext } from '../../processes/index.js';
import { startTestServer, uniqueName, waitFor, type ApiClient, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

let t: TestServer;
let smtp: TestSmtp;
let org: {
  drafter: Person;
  manager: Person;
  director: Person;
  finance: Person;
  finance2: Person;
  legal: Person;
  legalHead: Person;
  gm: Person;
  outsider: Person;
};

const TERMS = 'Delivery in 30 days; payment in three installments.';

// ------------------------------------------------------------------------------------------------
// Set-up: an organisation with a sales department (its manager reviews for the drafter), finance,
// legal with a head, a general manager (the fallback and escalation group) and an outsider.
// ------------------------------------------------------------------------------------------------

async function member(opts: { role: string; prefix: string; departmentId?: string; manager?: Person }): Promise<Person> {
  const p = await person(t, opts);
  await t.server.db.query('update sec.user set email = $2, manager_id = $3 where id = $1', [p.id, `${p.username}@example.test`, opts.manager?.id ?? null]);
  return p;
}

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ config: { SMTP_URL: smtp.url } });
  const gm = await member({ role: 'general-manager', prefix: 'gm' });
  const director = await member({ role: 'sales-director', prefix: 'director', manager: gm });
  const manager = await member({ role: 'sales-manager', prefix: 'manager', manager: director });
  const dept = await t.admin.post('/api/org/departments', { key: uniqueName('sales').toLowerCase().replace(/_/g, '-'), name: 'Sales East', managerId: manager.id });
  expect(dept.status).toBe(201);
  await t.server.db.query('update sec.user set department_id = $2 where id = $1', [manager.id, dept.body.id]);
  const legalHead = await member({ role: 'legal', prefix: 'legalhead', manager: gm });
  org = {
    gm,
    director,
    manager,
    legalHead,
    drafter: await member({ role: 'sales-rep', prefix: 'rep', departmentId: dept.body.id, manager }),
    finance: await member({ role: 'finance', prefix: 'finance', manager: gm }),
    finance2: await member({ role: 'finance', prefix: 'finance2', manager: gm }),
    legal: await member({ role: 'legal', prefix: 'legal', manager: legalHead }),
    outsider: await member({ role: 'sales-rep', prefix: 'outsider' }),
  };
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

// ------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------

const basic = () => `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`;
async function engine<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${t.url}/engine-rest${path}`, {
    method,
    headers: { authorization: basic(), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** An account and an opportunity at `stage`, made by `api`'s user. */
async function opportunity(api: ApiClient, stage: string) {
  const account = await api.post('/api/records/account', { name: uniqueName('Account') });
  expect(account.status).toBe(201);
  const opp = await api.post('/api/records/opportunity', { name: uniqueName('Deal'), account: account.body.id, amount: 120000, stage });
  expect(opp.status).toBe(201);
  return { accountId: account.body.id as string, opportunityId: opp.body.id as string };
}

/** The drafter (or `by`) drafts a contract of a signed opportunity and submits it: the trigger starts the review. */
async function submitContract(opts: { by?: Person; stage?: string } = {}): Promise<string> {
  const api = (opts.by ?? org.drafter).api;
  const { accountId, opportunityId } = await opportunity(api, opts.stage ?? 'signed');
  const created = await api.post('/api/records/contract', { name: uniqueName('Contract'), account: accountId, opportunity: opportunityId, amount: 120000, installments: 3, terms: TERMS });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ state: 'draft' });
  expect((await api.patch(`/api/records/contract/${created.body.id}`, { submitForReview: true })).status).toBe(200);
  return created.body.id;
}

const contract = async (id: string) => (await t.admin.get(`/api/records/contract/${id}`)).body;
const untilState = (id: string, state: string) => waitFor(async () => (await contract(id)).state === state, 20_000);

const inbox = async (p: Person, scope = 'all') => (await p.api.get(`/api/tasks?processKey=contract-review&scope=${scope}`)).body.items as any[];
/** The contract's open tasks in `p`'s inbox, by task definition key. */
const tasksOf = async (p: Person, id: string) => (await inbox(p)).filter((x) => x.businessKey === id).map((x) => x.taskDefinitionKey).sort();

/** Wait until `p` sees the contract's task `key`, and return it. */
async function taskFor(p: Person, id: string, key: string): Promise<any> {
  let found: any;
  await waitFor(async () => (found = (await inbox(p)).find((x) => x.businessKey === id && x.taskDefinitionKey === key)) !== undefined, 20_000);
  return found;
}

async function decide(p: Person, id: string, key: string, decision: string, comment?: string) {
  const task = await taskFor(p, id, key);
  const res = await p.api.post(`/api/tasks/${task.id}/complete`, { data: { decision, ...(comment === undefined ? {} : { comment }) } });
  expect(res.status).toBe(200);
}

const REVIEWERS = () => [
  [org.manager, 'ManagerReview'],
  [org.finance, 'FinanceReview'],
  [org.legal, 'LegalReview'],
] as const;

const versions = async (id: string) => (await t.admin.post('/api/records/contractVersion/query', { filter: { field: 'contract', op: 'eq', value: id }, sort: 'versionNumber' })).body.items as any[];
const orders = async (id: string) => (await t.admin.post('/api/records/salesOrder/query', { filter: { field: 'contract', op: 'eq', value: id } })).body.items as any[];
const installments = async (orderId: string) =>
  (await t.admin.post('/api/records/paymentPlan/query', { filter: { field: 'salesOrder', op: 'eq', value: orderId }, sort: 'sequence' })).body.items as any[];
const processes = async (id: string) => (await t.admin.get(`/api/records/contract/${id}/processes`)).body.items as any[];
const mailsTo = (p: Person, subject: RegExp) => smtp.to(`${p.username}@example.test`).filter((m) => subject.test(m.subject));

// ------------------------------------------------------------------------------------------------
// Scenarios
// ------------------------------------------------------------------------------------------------

test('given a submitted contract, each reviewer sees exactly their own review task, and nobody else sees any', async () => {
  const id = await submitContract();
  await untilState(id, 'in-review');
  expect(await contract(id)).toMatchObject({ currentVersion: 1, submitForReview: false });

  const manager = await taskFor(org.manager, id, 'ManagerReview');
  expect(manager).toMatchObject({ assignee: org.manager.id, formKey: 'crm:contract-review', record: { entity: 'contract', id } });
  expect(Date.parse(manager.due) - Date.parse(manager.created)).toBeCloseTo(2 * 24 * 3600 * 1000, -5); // reviewSla P2D
  expect(await tasksOf(org.manager, id)).toEqual(['ManagerReview']);
  await taskFor(org.finance, id, 'FinanceReview');
  expect(await tasksOf(org.finance, id)).toEqual(['FinanceReview']);
  expect(await tasksOf(org.finance2, id)).toEqual(['FinanceReview']);
  await taskFor(org.legal, id, 'LegalReview');
  expect(await tasksOf(org.legal, id)).toEqual(['LegalReview']);
  for (const p of [org.drafter, org.director, org.gm, org.outsider]) expect(await tasksOf(p, id)).toEqual([]);
  // The reviewers read the contract (the manager by a share the process made, finance and legal by sharing rules); the outsider cannot.
  for (const p of [org.manager, org.finance, org.legal]) expect((await p.api.get(`/api/records/contract/${id}`)).status).toBe(200);
  expect((await org.outsider.api.get(`/api/records/contract/${id}`)).status).toBe(404);

  // The review form, with its bilingual labels; the manager cannot act on finance's task.
  const detail = await org.finance.api.get(`/api/tasks/${(await taskFor(org.finance, id, 'FinanceReview')).id}`);
  expect(detail.body.form).toMatchObject({ id: 'contract-review', title: { 'zh-CN': '合同审核', en: 'Review the contract' } });
  expect((await org.manager.api.post(`/api/tasks/${detail.body.id}/complete`, { data: { decision: 'approve' } })).status).toBe(403);

  // A finance user claims it: it leaves the other's candidate inbox, and the other cannot complete it.
  expect((await org.finance.api.post(`/api/tasks/${detail.body.id}/claim`)).status).toBe(200);
  expect(await tasksOf(org.finance2, id)).toEqual([]);
  expect((await org.finance2.api.post(`/api/tasks/${detail.body.id}/complete`, { data: { decision: 'approve' } })).status).toBe(409);
  expect(await tasksOf(org.finance, id)).toEqual(['FinanceReview']);
});

test('given a reviewer who rejects or requests changes, a comment is required (400 naming it) and the task stays open', async () => {
  const id = await submitContract();
  const task = await taskFor(org.legal, id, 'LegalReview');
  for (const data of [{ decision: 'reject' }, { decision: 'request-changes', comment: '   ' }]) {
    const res = await org.legal.api.post(`/api/tasks/${task.id}/complete`, { data });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/data/comment' })]);
  }
  expect((await org.legal.api.post(`/api/tasks/${task.id}/complete`, { data: { decision: 'maybe', comment: 'x' } })).status).toBe(400);
  expect(await tasksOf(org.legal, id)).toEqual(['LegalReview']);
  expect((await contract(id)).state).toBe('in-review');
});

test('given all three approve, the contract is signed and its order with a payment plan is created exactly once', async () => {
  const id = await submitContract();
  for (const [p, key] of REVIEWERS()) await decide(p, id, key, 'approve', key === 'LegalReview' ? 'Standard terms.' : undefined);
  await untilState(id, 'signed');
  await waitFor(async () => (await processes(id))[0]?.state === 'COMPLETED', 20_000);

  expect(await versions(id)).toEqual([
    expect.objectContaining({ versionNumber: 1, terms: TERMS, amount: 120000, reviewOutcome: 'approved', managerDecision: 'approve', financeDecision: 'approve', legalDecision: 'approve', legalComment: 'Standard terms.', managerComment: null }),
  ]);
  const [order, ...more] = await orders(id);
  expect(more).toEqual([]);
  expect(order).toMatchObject({ amount: 120000, state: 'open', ownerId: org.drafter.id, account: (await contract(id)).account });
  const plan = await installments(order.id);
  expect(plan.map((p) => [p.sequence, p.amount, p.paid, p.ownerId])).toEqual([
    [1, 40000, false, org.drafter.id],
    [2, 40000, false, org.drafter.id],
    [3, 40000, false, org.drafter.id],
  ]);
  expect(plan.map((p) => p.dueDate)).toEqual([...plan.map((p) => p.dueDate)].sort());
  // The drafter sees their order and plan; finance may mark an installment paid, the drafter may not.
  expect((await org.drafter.api.get(`/api/records/salesOrder/${order.id}`)).status).toBe(200);
  expect((await org.finance.api.patch(`/api/records/paymentPlan/${plan[0].id}`, { paid: true, paidDate: '2026-12-01' })).status).toBe(200);
  expect((await org.drafter.api.patch(`/api/records/paymentPlan/${plan[1].id}`, { paid: true })).status).toBe(403);

  await waitFor(() => mailsTo(org.drafter, /Contract signed|合同已签订/).some((m) => m.text.includes(order.name)));
  const history = (await processes(id))[0];
  expect(history.activities.map((a: any) => a.activityId)).toEqual(expect.arrayContaining(['OpenReview', 'ManagerReview', 'FinanceReview', 'LegalReview', 'RecordReview', 'MarkSigned', 'CreateOrder', 'NotifySigned', 'Signed']));
  expect(history.tasks).toEqual([]);

  // The order step run again, as a retried task would be: it finds what it made and creates nothing.
  const completed: Record<string, unknown>[] = [];
  await createOrder.handler(await fakeTask(id, { contractVersion: 1, drafterId: org.drafter.id, firstPaymentAfter: 'P30D', paymentInterval: 'P1M' }), fakeTaskService(completed), await serviceContext());
  expect(completed).toEqual([{ orderId: order.id, orderName: order.name, installmentCount: 3 }]);
  expect((await orders(id)).map((o) => o.id)).toEqual([order.id]);
  expect((await installments(order.id)).map((p) => p.id)).toEqual(plan.map((p) => p.id));
});

test('given change requests, the drafter sees every comment, revises into version 2, and the second round signs it', async () => {
  const id = await submitContract();
  await decide(org.manager, id, 'ManagerReview', 'request-changes', 'Payment terms too long.');
  await decide(org.finance, id, 'FinanceReview', 'approve');
  // Two of three decided: the contract stays in review and the last reviewer still has the task.
  expect((await contract(id)).state).toBe('in-review');
  await decide(org.legal, id, 'LegalReview', 'request-changes', 'Add a liability cap.');
  await untilState(id, 'changes-requested');

  const revise = await taskFor(org.drafter, id, 'Revise');
  expect(revise.assignee).toBe(org.drafter.id);
  const detail = (await org.drafter.api.get(`/api/tasks/${revise.id}`)).body;
  expect(detail.form.id).toBe('contract-revise');
  expect(detail.data).toMatchObject({
    managerDecision: 'request-changes',
    managerComment: 'Payment terms too long.',
    financeDecision: 'approve',
    legalDecision: 'request-changes',
    legalComment: 'Add a liability cap.',
    terms: TERMS,
  });
  await waitFor(() => mailsTo(org.drafter, /returned|退回/).some((m) => m.text.includes('Add a liability cap.') && m.text.includes('Payment terms too long.')));
  expect((await versions(id))[0]).toMatchObject({ versionNumber: 1, reviewOutcome: 'changes-requested', managerComment: 'Payment terms too long.', legalComment: 'Add a liability cap.' });

  // A revision needs new terms and a change note.
  const bad = await org.drafter.api.post(`/api/tasks/${revise.id}/complete`, { data: { resolution: 'revise', terms: 'New terms' } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/data/changeNote' })]);
  // The drafter lowers the amount on the record, then revises.
  expect((await org.drafter.api.patch(`/api/records/contract/${id}`, { amount: 100000 })).status).toBe(200);
  const terms2 = 'Payment within 60 days; liability capped at the contract amount.';
  expect((await org.drafter.api.post(`/api/tasks/${revise.id}/complete`, { data: { resolution: 'revise', terms: terms2, changeNote: 'Shorter payment terms, liability cap.' } })).status).toBe(200);

  await waitFor(async () => (await contract(id)).currentVersion === 2);
  expect(await contract(id)).toMatchObject({ state: 'in-review', currentVersion: 2, terms: terms2 });
  expect((await versions(id)).map((v) => [v.versionNumber, v.amount, v.changeNote, v.reviewOutcome])).toEqual([
    [1, 120000, null, 'changes-requested'],
    [2, 100000, 'Shorter payment terms, liability cap.', null],
  ]);
  for (const [p, key] of REVIEWERS()) await decide(p, id, key, 'approve');
  await untilState(id, 'signed');
  await waitFor(async () => (await orders(id)).length === 1);
  expect((await orders(id))[0].amount).toBe(100000);
  expect((await versions(id))[1]).toMatchObject({ versionNumber: 2, reviewOutcome: 'approved', managerDecision: 'approve' });
});

test('given a rejection while the others still review, all finish first; the drafter then abandons it with a failure reason', async () => {
  const id = await submitContract();
  await decide(org.legal, id, 'LegalReview', 'reject', 'We cannot accept unlimited liability.');
  // The rejection cancels nothing: the manager and finance still review.
  expect(await tasksOf(org.manager, id)).toEqual(['ManagerReview']);
  expect(await tasksOf(org.finance, id)).toEqual(['FinanceReview']);
  expect((await contract(id)).state).toBe('in-review');
  await decide(org.manager, id, 'ManagerReview', 'approve');
  await decide(org.finance, id, 'FinanceReview', 'request-changes', 'Invoice schedule missing.');
  await untilState(id, 'rejected');
  expect((await versions(id))[0]).toMatchObject({ reviewOutcome: 'rejected', legalDecision: 'reject', financeDecision: 'request-changes', managerDecision: 'approve' });

  const revise = await taskFor(org.drafter, id, 'Revise');
  const missing = await org.drafter.api.post(`/api/tasks/${revise.id}/complete`, { data: { resolution: 'abandon' } });
  expect(missing.status).toBe(400);
  expect(missing.body.errors).toEqual([expect.objectContaining({ path: '/data/failureReason' })]);
  expect((await org.drafter.api.post(`/api/tasks/${revise.id}/complete`, { data: { resolution: 'abandon', failureReason: 'Customer insists on unlimited liability.' } })).status).toBe(200);
  await untilState(id, 'failed');
  expect((await contract(id)).failureReason).toBe('Customer insists on unlimited liability.');
  await waitFor(async () => (await processes(id))[0]?.state === 'COMPLETED');
  expect((await processes(id))[0].activities.map((a: any) => a.activityId)).toEqual(expect.arrayContaining(['MarkRejected', 'Revise', 'MarkFailed', 'Abandoned']));
  expect(await orders(id)).toEqual([]);
  // A failed contract is final: it cannot be submitted again.
  expect((await org.drafter.api.patch(`/api/records/contract/${id}`, { submitForReview: true })).status).toBe(200);
  expect((await processes(id)).length).toBe(1);
});

test('given reviews past their SLA, each timer alerts the manager of whoever holds the review — or the escalation group when nobody does — and the reviews go on', async () => {
  const id = await submitContract();
  const claimed = await taskFor(org.legal, id, 'LegalReview');
  expect((await org.legal.api.post(`/api/tasks/${claimed.id}/claim`)).status).toBe(200);
  const [instance] = await processes(id);
  const timer = async (activityId: string) => {
    const jobs = await engine<{ id: string }[]>('GET', `/job?processInstanceId=${instance.id}&timers=true&activityId=${activityId}`);
    expect(jobs).toHaveLength(1);
    await engine('POST', `/job/${jobs[0].id}/execute`);
  };
  const overdue = /overdue|超时/;
  const { name } = await contract(id);

  await timer('ManagerOverdue'); // held by the department manager → their manager, the director
  await waitFor(() => mailsTo(org.director, overdue).some((m) => m.subject.includes(name) && /department manager's review|部门经理审核/.test(m.text)));
  await timer('LegalOverdue'); // claimed by legal → the legal head
  await waitFor(() => mailsTo(org.legalHead, overdue).some((m) => /legal review|法务审核/.test(m.text) && m.text.includes(org.legal.username)));
  await timer('FinanceOverdue'); // nobody claimed it → the escalation group (general managers)
  await waitFor(() => mailsTo(org.gm, overdue).some((m) => /finance review|财务审核/.test(m.text) && m.text.includes('role:finance')));

  expect(mailsTo(org.finance, overdue)).toEqual([]);
  expect(mailsTo(org.drafter, overdue)).toEqual([]);
  // Non-interrupting: all three reviews are still open, with their reviewers.
  expect(await tasksOf(org.manager, id)).toEqual(['ManagerReview']);
  expect(await tasksOf(org.finance, id)).toEqual(['FinanceReview']);
  expect(await tasksOf(org.legal, id)).toEqual(['LegalReview']);
  const activities = (await processes(id))[0].activities.map((a: any) => a.activityId);
  expect(activities).toEqual(expect.arrayContaining(['ManagerOverdue', 'FindManagerEscalation', 'NotifyManagerEscalation', 'ManagerEscalated', 'LegalEscalated', 'FinanceEscalated']));
  // The in-app notification reaches the director too, in their inbox of notifications.
  const notes = (await org.director.api.get('/api/notifications')).body.items as any[];
  expect(notes.some((n) => overdue.test(n.subject))).toBe(true);
});

test('given a drafter with neither department manager nor manager, the department review is offered to the fallback group', async () => {
  const loner = await member({ role: 'sales-rep', prefix: 'loner' });
  const id = await submitContract({ by: loner });
  const task = await taskFor(org.gm, id, 'ManagerReview');
  expect(task.assignee).toBeNull();
  expect(await tasksOf(org.manager, id)).toEqual([]);
});

test('given a contract whose opportunity is not signed, submitting it keeps it a draft and tells the drafter why', async () => {
  const id = await submitContract({ stage: 'negotiation' });
  await waitFor(async () => (await processes(id))[0]?.state === 'COMPLETED', 20_000);
  expect(await contract(id)).toMatchObject({ state: 'draft', submitForReview: false, currentVersion: null });
  expect((await processes(id))[0].activities.map((a: any) => a.activityId)).toEqual(expect.arrayContaining(['Ineligible', 'NotifyIneligible', 'NotEligible']));
  await waitFor(() => mailsTo(org.drafter, /cannot be reviewed|无法提交审核/).length > 0);
  expect(await versions(id)).toEqual([]);
});

test('given the review started twice for one submission (a second trigger), the second instance ends without touching the contract', async () => {
  const id = await submitContract();
  await taskFor(org.manager, id, 'ManagerReview'); // the first instance opened its round
  const variables = { drafterId: { value: org.drafter.id, type: 'String' }, contractName: { value: 'again', type: 'String' } };
  const second = await engine<{ id: string }>('POST', '/process-definition/key/contract-review/start', { businessKey: id, variables });
  await waitFor(async () => (await engine<{ state: string }>('GET', `/history/process-instance/${second.id}`)).state === 'COMPLETED', 20_000);
  const ended = await engine<{ activityId: string }[]>('GET', `/history/activity-instance?processInstanceId=${second.id}`);
  expect(ended.map((a) => a.activityId)).toEqual(expect.arrayContaining(['NotSubmitted', 'AlreadyReviewing']));
  expect(await contract(id)).toMatchObject({ state: 'in-review', currentVersion: 1 });
  expect((await versions(id)).length).toBe(1);
  expect(await tasksOf(org.manager, id)).toEqual(['ManagerReview']);
});

test('given PDF files of a contract and of a version, the reviewers can download them and nobody else can; the version stays read-only', async () => {
  const id = await submitContract();
  await taskFor(org.manager, id, 'ManagerReview'); // the round is open: version 1 exists and is the drafter's
  const [version] = await versions(id);
  const token = async (p: Person) => (await p.api.post('/api/auth/tokens', { name: uniqueName('pdf') })).body.token as string;
  const upload = async (p: Person, path: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(`%PDF-1.7 ${name}`)], { type: 'application/pdf' }), name);
    return fetch(`${t.url}/api${path}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await token(p)}` }, body: form });
  };
  expect((await upload(org.drafter, `/records/contract/${id}`, '合同全文.pdf')).status).toBe(201);
  expect((await upload(org.drafter, `/records/contractVersion/${version.id}`, 'contract-v1.pdf')).status).toBe(201);
  // A reviewer reads, but adds nothing to the drafter's version; a stranger does not even see it.
  expect((await upload(org.legal, `/records/contractVersion/${version.id}`, 'legal.pdf')).status).toBe(403);
  expect((await upload(org.outsider, `/records/contract/${id}`, 'x.pdf')).status).toBe(404);
  for (const p of [org.manager, org.finance, org.legal]) {
    const listed = (await p.api.get(`/api/records/contractVersion/${version.id}/attachments`)).body.items as any[];
    expect(listed.map((a) => [a.name, a.mimeType])).toEqual([['contract-v1.pdf', 'application/pdf']]);
    const got = await fetch(`${t.url}/api/attachments/${listed[0].id}/content`, { headers: { authorization: `Bearer ${await token(p)}` } });
    expect(Buffer.from(await got.arrayBuffer()).toString()).toBe('%PDF-1.7 contract-v1.pdf');
    expect(((await p.api.get(`/api/records/contract/${id}/attachments`)).body.items as any[]).map((a) => a.name)).toEqual(['合同全文.pdf']);
  }
  expect((await org.outsider.api.get(`/api/records/contractVersion/${version.id}/attachments`)).status).toBe(404);
  // May attach to the version (update) — but change none of what was reviewed.
  const edit = await org.drafter.api.patch(`/api/records/contractVersion/${version.id}`, { terms: 'changed after review' });
  expect(edit.status).toBe(403);
  expect(edit.body.errors).toEqual([expect.objectContaining({ path: '/terms' })]);
});

// ------------------------------------------------------------------------------------------------
// Running a worker's handler directly, as the host would on a retry
// ------------------------------------------------------------------------------------------------

async function fakeTask(businessKey: string, values: Record<string, unknown>): Promise<Task> {
  const variables = new Variables();
  for (const [k, v] of Object.entries(values)) variables.set(k, v);
  return { id: uniqueName('fake'), topicName: 'test', workerId: 'test', businessKey, processInstanceId: 'none', retries: null, variables } as Task;
}

function fakeTaskService(completed: Record<string, unknown>[]): TaskService {
  return {
    complete: async (_task: Task, v?: Variables) => {
      completed.push(v?.getAll() ?? {});
    },
  } as unknown as TaskService;
}

async function serviceContext(): Promise<WorkerContext> {
  const { token } = await t.server.auth.ensureServiceToken('crm-workers', uniqueName('retry'));
  const apiUrl = `${t.url}/api`;
  return {
    apiUrl,
    apiToken: token,
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (init.body != null) headers.set('content-type', 'application/json');
      return fetch(apiUrl + path, { ...init, headers });
    },
    log: Object.assign(() => {}, { warn: () => {}, info: () => {}, debug: () => {} }),
  };
}
