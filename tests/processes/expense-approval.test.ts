/**
 * expense-approval end to end: real PostgreSQL, real HTTP, the shipped BPMN, trigger and workers
 * in-process, a real local SMTP server. Every person acts through the API with their own session:
 * the claimant (a sales rep) and their management chain (manager → director → general manager),
 * finance, and a colleague who must see nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Task, TaskService, WorkerContext, WorkerModule } from '../../processes/index.js';
import budgetBook from '../../processes/workers/budget-book.js';
import budgetCheck from '../../processes/workers/budget-check.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp.js';

let t: TestServer;
let smtp: TestSmtp;
let rep: Person, manager: Person, director: Person, gm: Person, finance: Person, colleague: Person;
const everyone = () => [rep, manager, director, gm, finance, colleague];

const engine = async (path: string) => {
  const res = await fetch(t.url + '/engine-rest' + path, { headers: { Authorization: `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}` } });
  return (await res.json()) as any;
};

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ config: { SMTP_URL: smtp.url, MAIL_FROM: 'crm@example.test' } });
  // The claimant's management chain: rep → manager → director → general manager (no manager).
  gm = await person(t, { role: 'general-manager', prefix: 'gm' });
  director = await person(t, { role: 'sales-director', prefix: 'director' });
  manager = await person(t, { role: 'sales-manager', prefix: 'manager' });
  rep = await person(t, { role: 'sales-rep', prefix: 'rep' });
  finance = await person(t, { role: 'finance', prefix: 'finance' });
  colleague = await person(t, { role: 'sales-rep', prefix: 'colleague' });
  for (const [who, boss] of [[rep, manager], [colleague, manager], [manager, director], [director, gm], [finance, gm]] as const)
    expect((await t.admin.patch(`/api/org/users/${who.id}`, { managerId: boss.id })).status).toBe(200);
  for (const p of everyone()) expect((await t.admin.patch(`/api/org/users/${p.id}`, { email: `${p.username}@example.test` })).status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

// ---- the people's actions, through the API ----

const project = () => uniqueName('project');

async function newBudget(projectName: string, amount: number): Promise<string> {
  const res = await finance.api.post('/api/records/budget', { name: `Budget ${projectName}`, project: projectName, amount });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The rep writes a claim with its lines and submits it; the process starts from that change. */
async function submitClaim(projectName: string, lines: [string, number][], title = uniqueName('claim')): Promise<string> {
  const created = await rep.api.post('/api/records/expenseClaim', { title, project: projectName });
  expect(created.status).toBe(201);
  for (const [category, amount] of lines) {
    const line = await rep.api.post('/api/records/expenseLine', { claim: created.body.id, category, amount, date: '2026-11-20', description: `${category} ${amount}` });
    expect(line.status).toBe(201);
  }
  const submitted = await rep.api.patch(`/api/records/expenseClaim/${created.body.id}`, { state: 'submitted' });
  expect(submitted.status).toBe(200);
  return created.body.id;
}

/** The expense-approval tasks of this claim in someone's inbox. */
async function inbox(p: Person, claimId: string): Promise<{ id: string; taskDefinitionKey: string; assignee: string | null }[]> {
  const res = await p.api.get('/api/tasks?processKey=expense-approval');
  expect(res.status).toBe(200);
  return res.body.items.filter((i: { businessKey: string }) => i.businessKey === claimId);
}

/** Wait until `p` has the claim's task `key`, and check nobody else sees any task of the claim. */
async function turnOf(p: Person, claimId: string, key: string): Promise<string> {
  let id = '';
  await waitFor(async () => {
    const mine = (await inbox(p, claimId)).filter((i) => i.taskDefinitionKey === key);
    id = mine[0]?.id ?? '';
    return mine.length === 1;
  }, 20_000);
  for (const other of everyone().filter((o) => o !== p)) expect(await inbox(other, claimId)).toEqual([]);
  return id;
}

const complete = (p: Person, taskId: string, data: Record<string, unknown>) => p.api.post(`/api/tasks/${taskId}/complete`, { data });

async function claimOf(id: string): Promise<Record<string, any>> {
  return (await t.admin.get(`/api/records/expenseClaim/${id}`)).body;
}

async function stateBecomes(id: string, state: string): Promise<Record<string, any>> {
  await waitFor(async () => (await claimOf(id)).state === state, 20_000);
  return claimOf(id);
}

async function instanceOf(claimId: string): Promise<{ id: string; state: string }> {
  const [pi] = await engine(`/history/process-instance?processInstanceBusinessKey=${claimId}&processDefinitionKey=expense-approval`);
  return pi;
}

async function ended(claimId: string): Promise<void> {
  await waitFor(async () => (await instanceOf(claimId))?.state === 'COMPLETED', 20_000);
}

/** The activities the claim's process went through, in order, as the claimant's record page shows them (gateways and the start left out). */
async function history(claimId: string): Promise<string[]> {
  const res = await rep.api.get(`/api/records/expenseClaim/${claimId}/processes`);
  expect(res.status).toBe(200);
  const [pi] = res.body.items.filter((p: { processDefinitionKey: string }) => p.processDefinitionKey === 'expense-approval');
  return pi.activities
    .filter((a: { activityType: string }) => /task$/i.test(a.activityType) || a.activityType === 'noneEndEvent')
    .map((a: { activityId: string }) => a.activityId);
}

/** The mails the claimant got that `match`, once there is one. */
async function mailsToClaimant(match: (m: ReceivedMail) => boolean): Promise<ReceivedMail[]> {
  await waitFor(() => smtp.to(`${rep.username}@example.test`).some(match), 20_000);
  return smtp.to(`${rep.username}@example.test`).filter(match);
}

const budgetOf = async (id: string) => (await t.admin.get(`/api/records/budget/${id}`)).body;

// ---- scenarios ----

describe('given a claim within one level (≤ 5,000)', () => {
  test('the manager approves, finance approves: approved, printable, booked once, the claimant told', async () => {
    const p = project();
    const budgetId = await newBudget(p, 10_000);
    const claimId = await submitClaim(p, [['travel', 800], ['lodging', 400.5]]);

    const approve = await turnOf(manager, claimId, 'ApproveExpense');
    const checked = await claimOf(claimId);
    expect(checked).toMatchObject({ state: 'approving', amount: 1200.5, overBudget: false, budgetRemaining: 10_000, budget: budgetId, approvalLevels: 1 });
    // The approver may read the claim and its lines (shared), the colleague may not.
    expect((await manager.api.get(`/api/records/expenseClaim/${claimId}`)).status).toBe(200);
    expect((await manager.api.post('/api/records/expenseLine/query', { filter: { field: 'claim', op: 'eq', value: claimId } })).body.items).toHaveLength(2);
    expect((await colleague.api.get(`/api/records/expenseClaim/${claimId}`)).status).toBe(404);
    // Someone else cannot complete it.
    expect([403, 404]).toContain((await complete(colleague, approve, { approval: 'approve' })).status);

    expect((await complete(manager, approve, { approval: 'approve' })).status).toBe(200);
    const review = await turnOf(finance, claimId, 'FinanceReview');
    expect((await claimOf(claimId)).state).toBe('finance-review');
    expect((await complete(finance, review, { financeDecision: 'approve' })).status).toBe(200);

    await ended(claimId);
    const done = await claimOf(claimId);
    expect(done).toMatchObject({ state: 'approved', printable: true });
    expect(typeof done.bookedAt).toBe('string');
    expect(await budgetOf(budgetId)).toMatchObject({ usedAmount: 1200.5, bookings: { [claimId]: 1200.5 } });

    const mails = await mailsToClaimant((m) => m.subject.includes(done.title));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/已批准/);
    expect(await history(claimId)).toEqual(['BudgetCheck', 'ComputeApprovers', 'ApproveExpense', 'MarkFinanceReview', 'FinanceReview', 'MarkApproved', 'BookBudget', 'NotifyApproved', 'EndApproved']);
  });
});

describe('given a claim above two levels (> 50,000) and over its budget', () => {
  test('manager, director and general manager approve in turn, each seeing it only at their turn, with the over-budget flag', async () => {
    const p = project();
    const budgetId = await newBudget(p, 30_000);
    const claimId = await submitClaim(p, [['venue', 40_000], ['promotion', 20_000]]);

    for (const approver of [manager, director, gm]) {
      const task = await turnOf(approver, claimId, 'ApproveExpense');
      // The flag is on the claim the approver reads and in the task's form data.
      expect((await approver.api.get(`/api/records/expenseClaim/${claimId}`)).body).toMatchObject({ overBudget: true, budgetRemaining: 30_000, amount: 60_000, approvalLevels: 3 });
      const detail = await approver.api.get(`/api/tasks/${task}`);
      expect(detail.status).toBe(200);
      expect(detail.body.data).toMatchObject({ overBudget: true, amount: 60_000 });
      expect((await complete(approver, task, { approval: 'approve', comment: 'ok, over budget noted' })).status).toBe(200);
    }
    const review = await turnOf(finance, claimId, 'FinanceReview');
    expect((await complete(finance, review, { financeDecision: 'approve' })).status).toBe(200);
    await ended(claimId);
    expect(await claimOf(claimId)).toMatchObject({ state: 'approved', printable: true });
    expect((await budgetOf(budgetId)).usedAmount).toBe(60_000);

    const acts = await engine(`/history/activity-instance?processInstanceId=${(await instanceOf(claimId)).id}&activityId=ApproveExpense&activityType=userTask&sortBy=occurrence&sortOrder=asc`);
    expect(acts.map((a: { assignee: string }) => a.assignee)).toEqual([manager.id, director.id, gm.id]);
  });
});

describe('given a rejection at level 2', () => {
  test('a comment is required; the claimant revises and resubmits, and the smaller claim is approved at one level', async () => {
    const p = project();
    const budgetId = await newBudget(p, 100_000);
    const claimId = await submitClaim(p, [['rental', 12_000], ['pr', 8_000]]);

    expect((await complete(manager, await turnOf(manager, claimId, 'ApproveExpense'), { approval: 'approve' })).status).toBe(200);
    const level2 = await turnOf(director, claimId, 'ApproveExpense');
    const refused = await complete(director, level2, { approval: 'reject' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/comment/) })]));
    expect((await complete(director, level2, { approval: 'reject', comment: '   ' })).status).toBe(400);
    expect((await complete(director, level2, { approval: 'reject', comment: 'PR costs need receipts; split the rental' })).status).toBe(200);

    const rejected = await stateBecomes(claimId, 'rejected');
    expect(rejected.rejectionComment).toBe('PR costs need receipts; split the rental');
    const revise = await turnOf(rep, claimId, 'ReviseClaim');
    const [mail] = await mailsToClaimant((m) => m.text.includes('PR costs need receipts'));
    expect(mail.subject).toBe(`报销单被驳回：${rejected.title}`);

    // The claimant revises: drops the PR line, lowers the rental — 3,000 in all now.
    const lines = (await rep.api.post('/api/records/expenseLine/query', { filter: { field: 'claim', op: 'eq', value: claimId } })).body.items;
    for (const line of lines) {
      const res = line.category === 'pr' ? await rep.api.delete(`/api/records/expenseLine/${line.id}`) : await rep.api.patch(`/api/records/expenseLine/${line.id}`, { amount: 3_000 });
      expect([200, 204]).toContain(res.status);
    }
    expect((await complete(rep, revise, { revision: 'resubmit', reviseNote: 'receipts attached, rental split' })).status).toBe(200);

    const again = await turnOf(manager, claimId, 'ApproveExpense');
    expect(await claimOf(claimId)).toMatchObject({ state: 'approving', amount: 3_000, approvalLevels: 1 });
    expect((await complete(manager, again, { approval: 'approve' })).status).toBe(200);
    expect((await complete(finance, await turnOf(finance, claimId, 'FinanceReview'), { financeDecision: 'approve' })).status).toBe(200);
    await ended(claimId);
    expect(await claimOf(claimId)).toMatchObject({ state: 'approved', printable: true, amount: 3_000 });
    expect(await budgetOf(budgetId)).toMatchObject({ usedAmount: 3_000, bookings: { [claimId]: 3_000 } });
    const mails = await mailsToClaimant((m) => m.subject.includes(rejected.title) && m.subject.includes('批准'));
    expect(smtp.to(`${rep.username}@example.test`).filter((m) => m.subject.includes(rejected.title)).map((m) => m.subject)).toEqual([
      `报销单被驳回：${rejected.title}`,
      mails[0].subject,
    ]);
    expect(await history(claimId)).toEqual([
      'BudgetCheck', 'ComputeApprovers', 'ApproveExpense', 'ApproveExpense', 'MarkRejected', 'NotifyRejected', 'ReviseClaim',
      'BudgetCheck', 'ComputeApprovers', 'ApproveExpense', 'MarkFinanceReview', 'FinanceReview', 'MarkApproved', 'BookBudget', 'NotifyApproved', 'EndApproved',
    ]);
  });
});

describe('given a finance rejection', () => {
  test('a comment is required; the claimant withdraws the claim and nothing is booked', async () => {
    const p = project();
    const budgetId = await newBudget(p, 10_000);
    const claimId = await submitClaim(p, [['lodging', 900]]);
    expect((await complete(manager, await turnOf(manager, claimId, 'ApproveExpense'), { approval: 'approve' })).status).toBe(200);
    const review = await turnOf(finance, claimId, 'FinanceReview');
    expect((await complete(finance, review, { financeDecision: 'reject' })).status).toBe(400);
    expect((await complete(finance, review, { financeDecision: 'reject', comment: 'Hotel invoice missing' })).status).toBe(200);

    expect((await stateBecomes(claimId, 'rejected')).rejectionComment).toBe('Hotel invoice missing');
    await mailsToClaimant((m) => m.text.includes('Hotel invoice missing'));
    const revise = await turnOf(rep, claimId, 'ReviseClaim');
    expect((await complete(rep, revise, { revision: 'withdraw' })).status).toBe(200);
    await ended(claimId);
    expect(await claimOf(claimId)).toMatchObject({ state: 'withdrawn', printable: null, bookedAt: null });
    expect((await budgetOf(budgetId)).usedAmount ?? 0).toBe(0);
    expect((await history(claimId)).slice(-6)).toEqual(['FinanceReview', 'MarkRejected', 'NotifyRejected', 'ReviseClaim', 'MarkWithdrawn', 'EndWithdrawn']);
  });
});

describe('given a claimant without a manager (the general manager)', () => {
  test('no approval level: finance reviews alone', async () => {
    const created = await gm.api.post('/api/records/expenseClaim', { title: uniqueName('gm-claim') });
    await gm.api.post('/api/records/expenseLine', { claim: created.body.id, category: 'pr', amount: 700, date: '2026-11-21' });
    expect((await gm.api.patch(`/api/records/expenseClaim/${created.body.id}`, { state: 'submitted' })).status).toBe(200);
    const review = await turnOf(finance, created.body.id, 'FinanceReview');
    expect(await claimOf(created.body.id)).toMatchObject({ state: 'finance-review', approvalLevels: 0, amount: 700, overBudget: false, budget: null });
    expect((await complete(finance, review, { financeDecision: 'approve' })).status).toBe(200);
    await ended(created.body.id);
    expect(await claimOf(created.body.id)).toMatchObject({ state: 'approved', printable: true });
  });
});

describe('the workers, redelivered', () => {
  /** A worker's view of the API as a service account, and a taskService that records what it is told. */
  async function workerCall(module: WorkerModule, businessKey: string, variables: Record<string, unknown> = {}) {
    const { token } = await t.server.auth.ensureServiceToken(uniqueName('svc-test'), 'redelivery');
    const calls: string[] = [];
    const taskService = {
      complete: async () => void calls.push('complete'),
      handleBpmnError: async (_t: Task, code: string) => void calls.push(`bpmnError:${code}`),
      handleFailure: async () => void calls.push('failure'),
      extendLock: async () => {},
      unlock: async () => {},
    } as unknown as TaskService;
    const task = { id: randomBytes(8).toString('hex'), businessKey, variables: { get: (n: string) => variables[n] } } as unknown as Task;
    const ctx: WorkerContext = {
      apiUrl: `${t.url}/api`,
      apiToken: token,
      log: Object.assign(() => {}, { warn: () => {}, info: () => {}, debug: () => {} }),
      api: (path: string, init: RequestInit = {}) =>
        fetch(`${t.url}/api${path}`, { ...init, headers: { ...(init.headers as object), authorization: `Bearer ${token}`, 'content-type': 'application/json' } }),
    };
    await module.handler(task, taskService, ctx);
    return calls;
  }

  test('budget-book run again (and twice at once) on an approved claim books its amount exactly once', async () => {
    const p = project();
    const budgetId = await newBudget(p, 10_000);
    const claimId = await submitClaim(p, [['travel', 2_500]]);
    expect((await complete(manager, await turnOf(manager, claimId, 'ApproveExpense'), { approval: 'approve' })).status).toBe(200);
    expect((await complete(finance, await turnOf(finance, claimId, 'FinanceReview'), { financeDecision: 'approve' })).status).toBe(200);
    await ended(claimId);
    const booked = await claimOf(claimId);
    expect(await budgetOf(budgetId)).toMatchObject({ usedAmount: 2_500 });

    expect(await workerCall(budgetBook, claimId)).toEqual(['complete']);
    await Promise.all([workerCall(budgetBook, claimId), workerCall(budgetBook, claimId)]);
    expect(await budgetOf(budgetId)).toMatchObject({ usedAmount: 2_500, bookings: { [claimId]: 2_500 } });
    expect((await claimOf(claimId)).bookedAt).toBe(booked.bookedAt);
  });

  test('budget-check on a claim no longer submitted (a second start for one submission) answers the BPMN error and changes nothing', async () => {
    const p = project();
    await newBudget(p, 10_000);
    const claimId = await submitClaim(p, [['venue', 1_000]]);
    await turnOf(manager, claimId, 'ApproveExpense');
    const before = await claimOf(claimId);
    expect(await workerCall(budgetCheck, claimId)).toEqual(['bpmnError:claim-not-submitted']);
    expect((await claimOf(claimId)).version).toBe(before.version);
  });
});
