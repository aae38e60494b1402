/**
 * quote-routing end to end (docs/processes/quote-routing.md): a real server on PostgreSQL with its
 * in-process workers, a local SMTP server, and every person with their own session — the rep, the
 * industry manager of the account's territory, the commercial supervisor, a pricing and a technical
 * engineer, the general manager, and the managers overdue steps escalate to. Tasks are worked
 * through the Task API only; timers are fired by executing their job.
 */
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { person, type Person } from '../support/people.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';

let t: TestServer;
let mail: TestSmtp;
let rep: Person;
let repManager: Person;
let industry: Person;
let otherIndustry: Person;
let industryHead: Person;
let supervisor: Person;
let commercialHead: Person;
let pricing: Person;
let technical: Person;
let gm: Person;

const THRESHOLD = 1_000_000; // largeAmountThreshold of metadata/triggers/quote-created.json
const SLOW = 30_000;

async function placed(p: Person, body: Record<string, unknown>): Promise<Person> {
  const res = await t.admin.patch(`/api/org/users/${p.id}`, { email: `${p.username.toLowerCase()}@test.example`, ...body });
  expect(res.status).toBe(200);
  return p;
}

beforeAll(async () => {
  mail = await startSmtp();
  t = await startTestServer({ config: { SMTP_URL: mail.url, MAIL_FROM: 'CRM <crm@test.example>' } });
  const who = async (role: string, prefix: string) => person(t, { role, prefix });
  gm = await placed(await who('general-manager', 'gm'), {});
  commercialHead = await placed(await who('employee', 'chead'), {});
  industryHead = await placed(await who('employee', 'ihead'), {});
  repManager = await placed(await who('sales-manager', 'rmgr'), {});
  rep = await placed(await who('sales-rep', 'rep'), { managerId: repManager.id });
  industry = await placed(await who('industry-manager', 'ind'), { managerId: industryHead.id });
  otherIndustry = await placed(await who('industry-manager', 'ind2'), { managerId: industryHead.id });
  supervisor = await placed(await who('commercial-supervisor', 'sup'), { managerId: commercialHead.id });
  pricing = await placed(await who('pricing-engineer', 'price'), { managerId: supervisor.id });
  technical = await placed(await who('technical-engineer', 'tech'), { managerId: supervisor.id });
  for (const [name, industries, manager] of [
    ['mfg', ['manufacturing'], industry],
    ['fin', ['finance'], otherIndustry],
  ] as const) {
    const key = uniqueName(name).toLowerCase().replace(/_/g, '-');
    expect((await t.admin.post('/api/org/territories', { key, name, regions: [], industries })).status).toBe(201);
    expect((await t.admin.put(`/api/org/territories/${key}/members`, { members: [{ userId: manager.id, manager: true }] })).status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await t?.stop();
  await mail?.stop();
});

// ---- helpers -------------------------------------------------------------------------------

interface TaskItem {
  id: string;
  taskDefinitionKey: string;
  businessKey: string;
  assignee: string | null;
  due: string | null;
  record: { entity: string; id: string; display: string } | null;
}

/** A requested quote of the rep's: account (manufacturing, Shanghai), opportunity, quote, lines. */
async function newQuote(lines: { quantity: number; unitPrice: number; discount?: number }[]): Promise<string> {
  const account = await rep.api.post('/api/records/account', { name: uniqueName('Acme'), industry: 'manufacturing', region: '上海' });
  expect(account.status).toBe(201);
  const opp = await rep.api.post('/api/records/opportunity', { name: uniqueName('Line upgrade'), account: account.body.id, amount: 500000 });
  expect(opp.status).toBe(201);
  const quote = await rep.api.post('/api/records/quote', { name: uniqueName('Quote'), opportunity: opp.body.id, currency: 'CNY' });
  expect(quote.status).toBe(201);
  expect(quote.body).toMatchObject({ state: 'draft', account: null });
  for (const l of lines) expect((await rep.api.post('/api/records/quoteLine', { quote: quote.body.id, ...l })).status).toBe(201);
  return quote.body.id as string;
}

async function inbox(p: Person, quoteId: string): Promise<TaskItem[]> {
  const res = await p.api.get('/api/tasks?processKey=quote-routing');
  expect(res.status).toBe(200);
  return (res.body.items as TaskItem[]).filter((i) => i.businessKey === quoteId);
}

/** Waits until `p` sees the quote's task `key` in their inbox. */
async function taskOf(p: Person, quoteId: string, key: string): Promise<TaskItem> {
  let found: TaskItem | undefined;
  await waitFor(async () => {
    found = (await inbox(p, quoteId)).find((i) => i.taskDefinitionKey === key);
    return found !== undefined;
  }, SLOW);
  return found!;
}

async function keysSeenBy(p: Person, quoteId: string): Promise<string[]> {
  return (await inbox(p, quoteId)).map((i) => i.taskDefinitionKey).sort();
}

async function complete(p: Person, task: TaskItem, data: Record<string, unknown>) {
  return p.api.post(`/api/tasks/${task.id}/complete`, { data });
}

/** Claims, then completes (so the step remembers its owner); expects both to succeed. */
async function act(p: Person, quoteId: string, key: string, data: Record<string, unknown>): Promise<TaskItem> {
  const task = await taskOf(p, quoteId, key);
  if (task.assignee !== p.id) expect((await p.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
  const res = await complete(p, task, data);
  expect(res.status).toBe(200);
  return task;
}

async function quote(id: string) {
  return (await t.admin.get(`/api/records/quote/${id}`)).body as Record<string, any>;
}

async function stateBecomes(id: string, state: string): Promise<void> {
  await waitFor(async () => (await quote(id)).state === state, SLOW);
}

const tokens = new Map<string, string>();

/** A document attached to the quote by `p` (multipart upload, as the browser sends it); its attachment id. */
async function attach(p: Person, quoteId: string, name: string): Promise<string> {
  if (!tokens.has(p.id)) tokens.set(p.id, (await p.api.post('/api/auth/tokens', { name: 'uploads' })).body.token);
  const form = new FormData();
  form.append('file', new Blob([`${name} of ${quoteId}`], { type: 'text/plain' }), `${name}.txt`);
  const res = await fetch(`${t.url}/api/records/quote/${quoteId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(p.id)}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const engine = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(t.url + '/engine-rest' + path, {
    ...init,
    headers: { Authorization: `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`, 'content-type': 'application/json' },
  });
  return res.status === 204 ? null : res.json();
};

async function instanceOf(quoteId: string): Promise<{ id: string }> {
  const [pi] = (await engine(`/process-instance?businessKey=${quoteId}&processDefinitionKey=quote-routing`)) as { id: string }[];
  return pi;
}

/** Fires the overdue timer of the step `key` now (as the job executor would at its due date). */
async function fireOverdue(quoteId: string, key: string): Promise<void> {
  const pi = await instanceOf(quoteId);
  const jobs = (await engine(`/job?processInstanceId=${pi.id}&timers=true&activityId=${key}Overdue`)) as { id: string }[];
  expect(jobs).toHaveLength(1);
  expect(await engine(`/job/${jobs[0].id}/execute`, { method: 'POST' })).toBeNull();
}

const mailsTo = (p: Person, subject: RegExp) => mail.to(`${p.username.toLowerCase()}@test.example`).filter((m) => subject.test(m.subject));

async function mailArrives(p: Person, subject: RegExp): Promise<void> {
  await waitFor(() => mailsTo(p, subject).length > 0, SLOW);
}

async function ended(quoteId: string): Promise<void> {
  await waitFor(async () => (await engine(`/process-instance?businessKey=${quoteId}`)).length === 0, SLOW);
}

/** The activities (ids) the process ran, in order, from the record's process history. */
async function history(p: Person, quoteId: string): Promise<string[]> {
  const res = await p.api.get(`/api/records/quote/${quoteId}/processes`);
  expect(res.status).toBe(200);
  const [pi] = res.body.items;
  return pi.activities.map((a: { activityId: string }) => a.activityId);
}

/** Request → industry approve → supervisor approve; leaves the quote with the engineers. */
async function toEngineering(quoteId: string): Promise<void> {
  await act(rep, quoteId, 'requestQuote', { requestDecision: 'submit', requestNote: 'urgent' });
  await act(industry, quoteId, 'industryReview', { industryDecision: 'approve' });
  await act(supervisor, quoteId, 'supervisorReview', { supervisorDecision: 'approve' });
  await stateBecomes(quoteId, 'engineering');
}

async function engineersReturn(quoteId: string): Promise<void> {
  await act(pricing, quoteId, 'pricingPart', { pricingComment: 'list prices less 5 %', pricingDocuments: [await attach(pricing, quoteId, 'pricing')] });
  await act(technical, quoteId, 'technicalPart', { technicalComment: 'standard cabinet', technicalDocuments: [await attach(technical, quoteId, 'technical')] });
}

// ---- scenarios -----------------------------------------------------------------------------

describe('the happy path below the threshold', () => {
  test('request → industry → supervisor → pricing ∥ technical → consolidation → issued, the state mirrored at each step and each task seen by its people only', async () => {
    const id = await newQuote([
      { quantity: 3, unitPrice: 86000, discount: 5 },
      { quantity: 1, unitPrice: 45000 },
    ]);
    // Draft: only the rep has a task, the request; the product list goes with it as an attachment.
    expect(await keysSeenBy(rep, id)).toEqual(['requestQuote']);
    await attach(rep, id, 'product-list');
    for (const p of [industry, supervisor, pricing, technical, gm]) expect(await keysSeenBy(p, id)).toEqual([]);
    await act(rep, id, 'requestQuote', { requestDecision: 'submit' });

    // Routed to the territory's industry manager; the account, industry, region and totals filled in.
    const review = await taskOf(industry, id, 'industryReview');
    expect(review.record).toMatchObject({ entity: 'quote', id });
    expect(review.due).not.toBeNull();
    const q = await quote(id);
    expect(q).toMatchObject({ state: 'industry-review', industry: 'manufacturing', region: '上海', totalAmount: 290100 });
    expect(q.account).toEqual(expect.any(String));
    expect(q.requestedAt).toEqual(expect.any(String));
    const lines = (await rep.api.get(`/api/records/quoteLine?filter=${encodeURIComponent(`quote eq '${id}'`)}&sort=amount`)).body.items;
    expect(lines.map((l: { amount: number }) => l.amount)).toEqual([45000, 245100]);
    for (const p of [otherIndustry, supervisor, pricing, technical, gm, rep]) expect(await keysSeenBy(p, id)).toEqual([]);

    await act(industry, id, 'industryReview', { industryDecision: 'approve', industryComment: 'fits our portfolio' });
    await taskOf(supervisor, id, 'supervisorReview');
    expect((await quote(id)).state).toBe('supervisor-review');
    for (const p of [industry, pricing, technical, gm]) expect(await keysSeenBy(p, id)).toEqual([]);
    await act(supervisor, id, 'supervisorReview', { supervisorDecision: 'approve' });

    // In parallel: each engineer sees their own part only; consolidation waits for both.
    await taskOf(pricing, id, 'pricingPart');
    await taskOf(technical, id, 'technicalPart');
    expect((await quote(id)).state).toBe('engineering');
    expect(await keysSeenBy(pricing, id)).toEqual(['pricingPart']);
    expect(await keysSeenBy(technical, id)).toEqual(['technicalPart']);
    expect(await keysSeenBy(supervisor, id)).toEqual([]);
    // Engineers attach documents to the quote but change none of its fields; an industry manager only reads it.
    expect((await pricing.api.patch(`/api/records/quote/${id}`, { description: 'changed by pricing' })).status).toBe(403);
    const refused = await fetch(`${t.url}/api/records/quote/${id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${(await industry.api.post('/api/auth/tokens', { name: 'x' })).body.token}` }, body: new FormData() });
    expect(refused.status).toBe(403);
    await act(pricing, id, 'pricingPart', { pricingComment: 'list prices less 5 %', pricingDocuments: [await attach(pricing, id, 'pricing')] });
    expect(await keysSeenBy(supervisor, id)).toEqual([]);
    expect((await quote(id)).state).toBe('engineering');
    await act(technical, id, 'technicalPart', { technicalComment: 'standard cabinet', technicalDocuments: [await attach(technical, id, 'technical')] });

    const consolidation = await taskOf(supervisor, id, 'consolidation');
    const documents = (await supervisor.api.get(`/api/records/quote/${id}/attachments`)).body.items.map((a: { name: string }) => a.name);
    expect(documents.sort()).toEqual(['pricing.txt', 'product-list.txt', 'technical.txt']);
    expect((await supervisor.api.get(`/api/tasks/${consolidation.id}`)).body.data).toMatchObject({ pricingComment: 'list prices less 5 %', technicalComment: 'standard cabinet' });
    await stateBecomes(id, 'consolidation');
    await act(supervisor, id, 'consolidation', { consolidationDecision: 'approve' });

    // Below the threshold: no general-manager approval; issued, the rep told.
    await stateBecomes(id, 'issued');
    const issued = await quote(id);
    expect(issued.issuedAt).toEqual(expect.any(String));
    expect(issued.validUntil).toEqual(expect.any(String));
    await mailArrives(rep, /已出具|issued/);
    await ended(id);
    const steps = await history(rep, id);
    expect(steps).toEqual(expect.arrayContaining(['requestQuote', 'industryReview', 'supervisorReview', 'pricingPart', 'technicalPart', 'engineeringJoined', 'consolidation', 'issueQuote', 'quoteIssued']));
    expect(steps).not.toContain('gmApproval');
    expect(steps.indexOf('consolidation')).toBeGreaterThan(Math.max(steps.indexOf('pricingPart'), steps.indexOf('technicalPart')));
  });
});

describe('above the threshold', () => {
  test('the general manager approves before the quote is issued; nobody else sees that task', async () => {
    const id = await newQuote([{ quantity: 12, unitPrice: 90000 }]);
    await toEngineering(id);
    await engineersReturn(id);
    await act(supervisor, id, 'consolidation', { consolidationDecision: 'approve' });
    const approval = await taskOf(gm, id, 'gmApproval');
    expect(approval.record).toMatchObject({ id });
    await stateBecomes(id, 'gm-approval');
    expect((await quote(id)).totalAmount).toBeGreaterThanOrEqual(THRESHOLD);
    for (const p of [rep, industry, supervisor, pricing, technical]) expect(await keysSeenBy(p, id)).toEqual([]);
    await act(gm, id, 'gmApproval', { gmDecision: 'approve' });
    await stateBecomes(id, 'issued');
    expect(await history(rep, id)).toContain('gmApproval');
    await mailArrives(rep, /已出具|issued/);
  });
});

describe('returns go back to the previous owner with a required comment', () => {
  test('industry manager → the rep, who resubmits; supervisor → the industry manager; consolidation → both engineers; general manager → the supervisor', async () => {
    const id = await newQuote([{ quantity: 20, unitPrice: 60000 }]);
    await act(rep, id, 'requestQuote', { requestDecision: 'submit' });

    // Industry review: a return needs a comment.
    let task = await taskOf(industry, id, 'industryReview');
    expect((await industry.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const bare = await complete(industry, task, { industryDecision: 'reject' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/data/industryComment' })]));
    expect((await complete(industry, task, { industryDecision: 'reject', industryComment: '   ' })).status).toBe(400);
    expect((await complete(industry, task, { industryDecision: 'reject', industryComment: 'add the spare parts' })).status).toBe(200);
    await stateBecomes(id, 'returned');
    expect((await quote(id)).returnReason).toBe('add the spare parts');
    const revise = await taskOf(rep, id, 'reviseQuote');
    expect(revise.assignee).toBe(rep.id);
    expect((await rep.api.get(`/api/tasks/${revise.id}`)).body.data).toMatchObject({ industryComment: 'add the spare parts' });
    await mailArrives(rep, /退回|returned/);
    expect(mailsTo(rep, /退回|returned/)[0].text).toContain('add the spare parts');
    expect((await rep.api.post('/api/records/quoteLine', { quote: id, quantity: 10, unitPrice: 1000 })).status).toBe(201);
    await act(rep, id, 'reviseQuote', { reviseDecision: 'resubmit', reviseComment: 'spare parts added' });

    // Back through routing: the total includes the new line.
    await act(industry, id, 'industryReview', { industryDecision: 'approve' });
    await waitFor(async () => (await quote(id)).totalAmount === 1_210_000, SLOW);

    // Supervisor → the industry manager who approved it (assigned to them).
    task = await taskOf(supervisor, id, 'supervisorReview');
    expect((await complete(supervisor, task, { supervisorDecision: 'reject' })).status).toBe(400);
    await act(supervisor, id, 'supervisorReview', { supervisorDecision: 'reject', supervisorComment: 'check the industry discount' });
    const back = await taskOf(industry, id, 'industryReview');
    expect(back.assignee).toBe(industry.id);
    expect((await industry.api.get(`/api/tasks/${back.id}`)).body.data).toMatchObject({ supervisorComment: 'check the industry discount' });
    expect((await quote(id)).state).toBe('industry-review');
    await mailArrives(industry, /退回|returned/);
    await act(industry, id, 'industryReview', { industryDecision: 'approve' });
    await act(supervisor, id, 'supervisorReview', { supervisorDecision: 'approve' });
    await engineersReturn(id);

    // Consolidation → both engineers, each their own part again.
    task = await taskOf(supervisor, id, 'consolidation');
    expect((await complete(supervisor, task, { consolidationDecision: 'reject' })).status).toBe(400);
    await act(supervisor, id, 'consolidation', { consolidationDecision: 'reject', consolidationComment: 'price the spare parts separately' });
    const [p2, t2] = [await taskOf(pricing, id, 'pricingPart'), await taskOf(technical, id, 'technicalPart')];
    expect([p2.assignee, t2.assignee]).toEqual([pricing.id, technical.id]);
    expect((await pricing.api.get(`/api/tasks/${p2.id}`)).body.data).toMatchObject({ consolidationComment: 'price the spare parts separately' });
    await stateBecomes(id, 'engineering');
    await mailArrives(pricing, /退回|returned/);
    await mailArrives(technical, /退回|returned/);
    // The pricing engineer changes a line's discount; the total follows.
    const [line] = (await pricing.api.get(`/api/records/quoteLine?filter=${encodeURIComponent(`quote eq '${id}' and quantity eq 20`)}`)).body.items;
    expect((await pricing.api.patch(`/api/records/quoteLine/${line.id}`, { discount: 10 })).status).toBe(200);
    expect((await pricing.api.patch(`/api/records/quoteLine/${line.id}`, { amount: 1 })).status).toBe(403);
    await engineersReturn(id);
    await act(supervisor, id, 'consolidation', { consolidationDecision: 'approve' });

    // General manager (1,080,000 + 10,000 ≥ threshold) → the supervisor.
    task = await taskOf(gm, id, 'gmApproval');
    expect((await quote(id)).totalAmount).toBe(1_090_000);
    expect((await complete(gm, task, { gmDecision: 'reject' })).status).toBe(400);
    await act(gm, id, 'gmApproval', { gmDecision: 'reject', gmComment: 'margin too thin' });
    const cons = await taskOf(supervisor, id, 'consolidation');
    expect(cons.assignee).toBe(supervisor.id);
    await stateBecomes(id, 'consolidation');
    await mailArrives(supervisor, /退回|returned/);
    expect((await quote(id)).returnReason).toBe('margin too thin');
    await act(supervisor, id, 'consolidation', { consolidationDecision: 'approve', consolidationComment: 'margin confirmed' });
    await act(gm, id, 'gmApproval', { gmDecision: 'approve' });
    await stateBecomes(id, 'issued');
    await ended(id);

    const steps = await history(rep, id);
    for (const [step, times] of Object.entries({ industryReview: 3, supervisorReview: 2, pricingPart: 2, technicalPart: 2, consolidation: 3, gmApproval: 2, reviseQuote: 1 }))
      expect({ step, times: steps.filter((s) => s === step).length }).toEqual({ step, times });
  });

  test('the rep may withdraw a returned quote (comment required), and cancel a draft', async () => {
    const id = await newQuote([{ quantity: 1, unitPrice: 1000 }]);
    await act(rep, id, 'requestQuote', { requestDecision: 'submit' });
    await act(industry, id, 'industryReview', { industryDecision: 'reject', industryComment: 'no capacity this quarter' });
    const revise = await taskOf(rep, id, 'reviseQuote');
    expect((await complete(rep, revise, { reviseDecision: 'withdraw' })).status).toBe(400);
    expect((await complete(rep, revise, { reviseDecision: 'withdraw', reviseComment: 'customer postponed' })).status).toBe(200);
    await stateBecomes(id, 'withdrawn');

    const draft = await newQuote([]);
    await act(rep, draft, 'requestQuote', { requestDecision: 'cancel' });
    await stateBecomes(draft, 'withdrawn');
    await ended(draft);
    expect(await history(rep, draft)).toEqual(expect.arrayContaining(['requestQuote', 'setWithdrawn', 'quoteWithdrawn']));
  });
});

describe('overdue steps are handed to the owner’s manager', () => {
  test('an unclaimed industry review goes to the industry manager’s manager, who sees it, reads the quote and is mailed; overdue again, it climbs on', async () => {
    const id = await newQuote([{ quantity: 1, unitPrice: 5000 }]);
    await act(rep, id, 'requestQuote', { requestDecision: 'submit' });
    const first = await taskOf(industry, id, 'industryReview');
    expect(await keysSeenBy(industryHead, id)).toEqual([]);
    expect((await industryHead.api.get(`/api/records/quote/${id}`)).status).toBe(404);
    await fireOverdue(id, 'industryReview');

    const escalated = await taskOf(industryHead, id, 'industryReview');
    expect(escalated).toMatchObject({ assignee: industryHead.id, record: { id } });
    expect(escalated.id).not.toBe(first.id);
    expect(escalated.due).not.toBeNull();
    expect(await keysSeenBy(industry, id)).toEqual([]);
    expect((await industryHead.api.get(`/api/records/quote/${id}`)).status).toBe(200);
    await mailArrives(industryHead, /超期|overdue/);
    expect(await history(rep, id)).toEqual(expect.arrayContaining(['industryReviewOverdue', 'industryReviewEscalate', 'industryReviewEscalationNotify']));

    // Overdue again: nobody manages the head, so it goes to the fallback group (the general manager).
    expect(await keysSeenBy(gm, id)).toEqual([]);
    await fireOverdue(id, 'industryReview');
    const again = await taskOf(gm, id, 'industryReview');
    expect(again.assignee).toBe(gm.id);
    expect(await keysSeenBy(industryHead, id)).toEqual([]);
    await mailArrives(gm, /超期|overdue/);

    // The general manager hands it back to the territory's managers by unclaiming it.
    expect((await gm.api.post(`/api/tasks/${again.id}/unclaim`)).status).toBe(200);
    await act(industry, id, 'industryReview', { industryDecision: 'approve' });
    await taskOf(supervisor, id, 'supervisorReview');
  });

  test('a claimed step goes to its claimer’s manager; a step nobody is above reminds its owners', async () => {
    const id = await newQuote([{ quantity: 12, unitPrice: 90000 }]);
    await toEngineering(id);
    const part = await taskOf(pricing, id, 'pricingPart');
    expect((await pricing.api.post(`/api/tasks/${part.id}/claim`)).status).toBe(200);
    await fireOverdue(id, 'pricingPart');
    // The pricing engineer's manager is the supervisor; the parallel part is untouched.
    const escalated = await taskOf(supervisor, id, 'pricingPart');
    expect(escalated.assignee).toBe(supervisor.id);
    await mailArrives(supervisor, /超期|overdue/);
    expect(await keysSeenBy(pricing, id)).toEqual([]);
    expect(await keysSeenBy(technical, id)).toEqual(['technicalPart']);
    expect((await supervisor.api.post(`/api/tasks/${escalated.id}/unclaim`)).status).toBe(200);
    await engineersReturn(id);
    await act(supervisor, id, 'consolidation', { consolidationDecision: 'approve' });

    // Nobody manages the general manager and the fallback group is the general managers: a reminder.
    const approval = await taskOf(gm, id, 'gmApproval');
    const before = mailsTo(gm, /超期|overdue/).length;
    await fireOverdue(id, 'gmApproval');
    let reopened: TaskItem | undefined;
    await waitFor(async () => (reopened = (await inbox(gm, id)).find((i) => i.taskDefinitionKey === 'gmApproval' && i.id !== approval.id)) !== undefined, SLOW);
    expect(reopened!.assignee).toBeNull();
    await waitFor(() => mailsTo(gm, /超期|overdue/).length > before, SLOW);
    await act(gm, id, 'gmApproval', { gmDecision: 'approve' });
    await stateBecomes(id, 'issued');
  });

  test('the rep’s overdue revision goes to the rep’s manager, who may hand it back', async () => {
    const id = await newQuote([{ quantity: 1, unitPrice: 5000 }]);
    await act(rep, id, 'requestQuote', { requestDecision: 'submit' });
    await act(industry, id, 'industryReview', { industryDecision: 'reject', industryComment: 'incomplete' });
    await taskOf(rep, id, 'reviseQuote');
    await fireOverdue(id, 'reviseQuote');
    const escalated = await taskOf(repManager, id, 'reviseQuote');
    expect(escalated.assignee).toBe(repManager.id);
    expect(await keysSeenBy(rep, id)).toEqual([]);
    await mailArrives(repManager, /超期|overdue/);
    expect((await repManager.api.post(`/api/tasks/${escalated.id}/unclaim`)).status).toBe(200);
    await act(rep, id, 'reviseQuote', { reviseDecision: 'resubmit' });
    await taskOf(industry, id, 'industryReview');
  });
});
