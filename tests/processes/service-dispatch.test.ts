/**
 * service-dispatch end to end, on the shipped metadata, processes, forms and workers, over real HTTP
 * and PostgreSQL with a real local SMTP server, as the real people with their own sessions: an agent
 * and customer service (role customer-service), a dispatcher, two technicians, a sales rep who sees
 * none of it. Every path the issue names: solved by a knowledge article (a Chinese and an English
 * question worded differently from the article), dispatch → confirm → perform → good score →
 * closed, the confirmation SLA running out (timer job executed, never waited for) → back to the
 * dispatchers → dispatched again, a decline and a wrong person, and a low score → complaint → draft
 * knowledge article. At each step: the request's state, who sees which task, mails and in-app
 * notifications, the dispatch order, and the process history.
 */
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let mailbox: TestSmtp;
let agent: Person;
let service: Person;
let dispatcher: Person;
let tech: Person;
let tech2: Person;
let rep: Person;
const articles: Record<string, string> = {};

const KEY = 'service-dispatch';
const basic = () => `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`;
async function engine(method: string, path: string): Promise<any> {
  const res = await fetch(`${t.url}/engine-rest${path}`, { method, headers: { Authorization: basic() } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /engine-rest${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function someone(role: string, prefix: string, locale = 'zh-CN'): Promise<Person> {
  const p = await person(t, { role, prefix });
  await t.server.db.query('update sec.user set email = $2, locale = $3 where id = $1', [p.id, `${p.username.toLowerCase()}@example.com`, locale]);
  return p;
}
const emailOf = (p: Person) => `${p.username.toLowerCase()}@example.com`;

async function request(p: Person, body: Record<string, unknown>): Promise<string> {
  const res = await p.api.post('/api/records/serviceRequest', body);
  expect(res.status).toBe(201);
  expect(res.body.state).toBe('new');
  return res.body.id;
}

const record = async (entity: string, id: string) => (await t.admin.get(`/api/records/${entity}/${id}`)).body;
async function stateBecomes(id: string, state: string): Promise<void> {
  await waitFor(async () => (await record('serviceRequest', id)).state === state, 20_000).catch(async () => {
    throw new Error(`service request ${id}: state ${(await record('serviceRequest', id)).state}, expected ${state}`);
  });
}
async function orderOf(requestId: string): Promise<any> {
  const res = await t.admin.post('/api/records/dispatchOrder/query', { filter: { field: 'request', op: 'eq', value: requestId } });
  return res.body.items[0];
}

/** The service-dispatch tasks of one request in `p`'s inbox: taskDefinitionKey → task. */
async function tasksOf(p: Person, requestId: string): Promise<Record<string, any>> {
  const res = await p.api.get(`/api/tasks?processKey=${KEY}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.items.filter((i: any) => i.businessKey === requestId).map((i: any) => [i.taskDefinitionKey, i]));
}
async function taskFor(p: Person, requestId: string, step: string): Promise<any> {
  let task: any;
  await waitFor(async () => Boolean((task = (await tasksOf(p, requestId))[step])), 20_000);
  return task;
}
/** Exactly who of everyone sees the step's task of this request. */
async function seers(requestId: string, step: string): Promise<string[]> {
  const everyone: Record<string, Person> = { agent, service, dispatcher, tech, tech2, rep };
  const out: string[] = [];
  for (const [name, p] of Object.entries(everyone)) if ((await tasksOf(p, requestId))[step]) out.push(name);
  return out;
}
async function complete(p: Person, taskId: string, data: Record<string, unknown>): Promise<void> {
  const res = await p.api.post(`/api/tasks/${taskId}/complete`, { data });
  expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ status: 200, body: null });
}

async function history(requestId: string): Promise<{ state: string; steps: string[] }> {
  const res = await t.admin.get(`/api/records/serviceRequest/${requestId}/processes`);
  expect(res.status).toBe(200);
  const [pi] = res.body.items.filter((i: any) => i.processDefinitionKey === KEY);
  return { state: pi.state, steps: pi.activities.filter((a: any) => a.activityType !== 'sequenceFlow').map((a: any) => a.activityId) };
}

async function mailed(p: Person, subject: string): Promise<void> {
  await waitFor(() => mailbox.to(emailOf(p)).some((m) => m.subject.includes(subject)), 20_000).catch(() => {
    throw new Error(`no mail "${subject}" to ${emailOf(p)}; got: ${mailbox.to(emailOf(p)).map((m) => m.subject).join(' | ') || 'none'}`);
  });
}
async function notified(p: Person, subject: string): Promise<void> {
  await waitFor(async () => ((await p.api.get('/api/notifications')).body.items ?? []).some((n: any) => String(n.subject).includes(subject)), 20_000);
}

/** Dispatch (the dispatcher claims and completes) and wait for the technician's Confirm task. */
async function dispatchTo(requestId: string, technician: Person, note = '请带上备用滤芯'): Promise<any> {
  const task = await taskFor(dispatcher, requestId, 'dispatch');
  expect((await dispatcher.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
  await complete(dispatcher, task.id, { technician: technician.id, dispatchNote: note });
  await stateBecomes(requestId, 'dispatched-unconfirmed');
  return taskFor(technician, requestId, 'confirmDispatch');
}

/** From a confirmed dispatch: perform, and wait for the return visit. */
async function perform(requestId: string, technician: Person, workLog: string): Promise<void> {
  const task = await taskFor(technician, requestId, 'performService');
  await complete(technician, task.id, { workLog, parts: [{ name: '滤芯 filter cartridge', quantity: 2 }], hours: 1.5 });
  await stateBecomes(requestId, 'return-visit');
}

beforeAll(async () => {
  mailbox = await startSmtp();
  t = await startTestServer({ config: { SMTP_URL: mailbox.url, PORTAL_RATE_LIMIT: 4 } });
  agent = await someone('customer-service', 'agent');
  service = await someone('customer-service', 'cs');
  dispatcher = await someone('dispatcher', 'dispatcher');
  tech = await someone('technician', 'tech');
  tech2 = await someone('technician', 'tech2', 'en');
  rep = await someone('sales-rep', 'rep');
  for (const [key, body] of Object.entries({
    zh: { title: '打印机卡纸处理方法', symptom: '打印时纸张卡在机器内部，面板提示卡纸', body: '打开前盖，取出硒鼓，沿出纸方向缓慢抽出被卡住的纸张；检查进纸辊是否有碎纸残留。', language: 'zh-CN' },
    en: { title: 'Printer paper jam', symptom: 'Paper gets stuck inside the printer and the panel shows a jam error', body: 'Open the front cover, remove the toner cartridge and pull the jammed sheet out slowly.', language: 'en' },
    draft: { title: '打印机卡纸的内部草稿', body: '未发布的草稿不会被推荐', language: 'zh-CN' },
  })) {
    const res = await service.api.post('/api/records/knowledgeArticle', { ...body, state: key === 'draft' ? 'draft' : 'published' });
    expect(res.status).toBe(201);
    articles[key] = res.body.id;
  }
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await mailbox?.stop();
});

describe('the customer portal (POST /api/public/service-requests)', () => {
  const post = (body: unknown, type = 'application/json') =>
    fetch(`${t.url}/api/public/service-requests`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const bySubject = async (subject: string) => (await t.admin.post('/api/records/serviceRequest/query', { filter: { field: 'subject', op: 'eq', value: subject } })).body.items;

  test('without signing in, a customer reports a problem: channel portal, no owner, the process starts; a bot, bad fields and a flood are refused', async () => {
    const subject = `Printer paper jam at the front desk ${Date.now()}`;
    const res = await post(new URLSearchParams({ subject, description: 'sheet stuck', contactName: 'Li Lei', contactEmail: 'lilei@example.com' }).toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: true });
    const [created] = await bySubject(subject);
    expect(created).toMatchObject({ channel: 'portal', ownerId: null, contactEmail: 'lilei@example.com' });
    await stateBecomes(created.id, 'kb-suggested');
    expect((await record('serviceRequest', created.id)).suggestedArticles[0].id).toBe(articles.en);

    const trapped = `bot ${Date.now()}`;
    expect((await post({ subject: trapped, website: 'http://spam.example' })).status).toBe(202);
    expect(await bySubject(trapped)).toEqual([]);
    const unknown = await post({ subject: 'x', channel: 'agent', state: 'closed' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors.map((e: any) => e.path).sort()).toEqual(['/channel', '/state']);
    const missing = await post({ description: 'no subject' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors.map((e: any) => e.path)).toContain('/subject');
    const flood = await post({ subject: 'one too many' });
    expect(flood.status).toBe(429);
    expect(await bySubject('one too many')).toEqual([]);
  });
});

describe('service-dispatch: solved by a knowledge article', () => {
  test('a Chinese question worded differently finds the Chinese article; customer service confirms it solved; the request closes', async () => {
    const id = await request(agent, { subject: '打印的时候纸卡住了拿不出来', description: '办公室打印机', channel: 'agent', contactName: '韩梅梅' });
    await stateBecomes(id, 'kb-suggested');
    const req = await record('serviceRequest', id);
    expect(req.suggestedArticles[0]).toEqual({ id: articles.zh, title: '打印机卡纸处理方法', rank: expect.any(Number) });
    expect(req.suggestedArticles.map((a: any) => a.id)).not.toContain(articles.draft);

    const task = await taskFor(service, id, 'confirmSolution');
    expect(await seers(id, 'confirmSolution')).toEqual(['agent', 'service']);
    expect(task.due).toEqual(expect.any(String));
    const detail = await service.api.get(`/api/tasks/${task.id}`);
    expect(detail.body.form.id).toBe('service-confirm-solution');
    expect(detail.body.data).toMatchObject({ solutionArticle: articles.zh, subject: '打印的时候纸卡住了拿不出来' });

    await complete(service, task.id, { solved: true, solutionArticle: articles.zh });
    await stateBecomes(id, 'closed');
    expect(await record('serviceRequest', id)).toMatchObject({ solutionArticle: articles.zh, state: 'closed' });
    expect(await orderOf(id)).toBeUndefined();
    await waitFor(async () => (await history(id)).state === 'COMPLETED');
    expect((await history(id)).steps).toEqual(
      expect.arrayContaining(['requestReceived', 'suggestArticles', 'setKbSuggested', 'confirmSolution', 'setClosedByArticle', 'closedByArticle']),
    );
    expect((await history(id)).steps).not.toContain('dispatch');
  });

  test('an English question from the API finds the English article first; the sales rep sees neither the request nor its task', async () => {
    const id = await request(agent, { subject: 'sheet stuck in the printer', channel: 'api', contactEmail: 'lilei@example.com' });
    await stateBecomes(id, 'kb-suggested');
    expect((await record('serviceRequest', id)).suggestedArticles[0].id).toBe(articles.en);
    expect((await rep.api.get(`/api/records/serviceRequest/${id}`)).status).toBe(403);
    const task = await taskFor(agent, id, 'confirmSolution');
    expect(await seers(id, 'confirmSolution')).toEqual(['agent', 'service']);
    await complete(agent, task.id, { solved: true, solutionArticle: articles.en });
    await stateBecomes(id, 'closed');
  });

  test('not solved by the article needs a comment, then goes to the dispatchers', async () => {
    const id = await request(agent, { subject: 'printer paper jam again', channel: 'phone' });
    const task = await taskFor(service, id, 'confirmSolution');
    const refused = await service.api.post(`/api/tasks/${task.id}/complete`, { data: { solved: false } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.path)).toContain('/data/solutionComment');
    expect((await record('serviceRequest', id)).state).toBe('kb-suggested');
    await complete(service, task.id, { solved: false, solutionComment: '按文章操作后仍然卡纸' });
    await stateBecomes(id, 'not-dispatched');
    await taskFor(dispatcher, id, 'dispatch');
    expect((await orderOf(id)).state).toBe('not-dispatched');
  });
});

describe('service-dispatch: dispatched to a technician', () => {
  test('dispatch → confirm → perform → good score → closed, the state mirrored at every step', async () => {
    // The customer is a sales rep's account: customer service looks it up (sharing rule service-customer-service).
    const account = await rep.api.post('/api/records/account', { name: `华东净水科技 ${Date.now()}`, industry: 'manufacturing', region: '上海' });
    expect(account.status).toBe(201);
    expect((await agent.api.get(`/api/records/account/${account.body.id}`)).status).toBe(200);
    expect((await agent.api.patch(`/api/records/account/${account.body.id}`, { region: '江苏' })).status).toBe(403);
    const id = await request(agent, { subject: '净水器漏水严重', description: '厨房净水器底部一直漏水', channel: 'agent', priority: 'high', account: account.body.id });
    await stateBecomes(id, 'not-dispatched');
    expect((await record('serviceRequest', id)).suggestedArticles).toEqual([]);
    const order = await orderOf(id);
    expect(order).toMatchObject({ state: 'not-dispatched', technician: null, dispatchCount: 0 });
    expect(order.number).toMatch(/^DO-\d{8}-/);
    await taskFor(dispatcher, id, 'dispatch');
    expect(await seers(id, 'dispatch')).toEqual(['dispatcher']);

    const confirm = await dispatchTo(id, tech);
    expect(await record('serviceRequest', id)).toMatchObject({ state: 'dispatched-unconfirmed', technician: tech.id });
    expect(await orderOf(id)).toMatchObject({ state: 'dispatched-unconfirmed', technician: tech.id, dispatcher: dispatcher.id, note: '请带上备用滤芯', dispatchCount: 1 });
    expect(await seers(id, 'confirmDispatch')).toEqual(['tech']);
    // The confirmation SLA is the task's due date: 4 hours (confirmSla = PT4H).
    const hours = (Date.parse(confirm.due) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);
    await mailed(tech, '新派工：净水器漏水严重');
    await notified(tech, '新派工');
    expect(mailbox.to(emailOf(tech2))).toEqual([]);

    await complete(tech, confirm.id, { confirmDecision: 'accept' });
    await stateBecomes(id, 'confirmed');
    expect((await orderOf(id)).state).toBe('confirmed');
    expect((await orderOf(id)).confirmedAt).toEqual(expect.any(String));
    await taskFor(tech, id, 'performService');
    expect(await seers(id, 'performService')).toEqual(['tech']);

    await perform(id, tech, '更换密封圈和滤芯，试水无渗漏');
    expect(await orderOf(id)).toMatchObject({ state: 'completed', workLog: '更换密封圈和滤芯，试水无渗漏', parts: [{ name: '滤芯 filter cartridge', quantity: 2 }], hours: 1.5 });
    expect((await record('serviceRequest', id)).resolution).toBe('更换密封圈和滤芯，试水无渗漏');

    const visit = await taskFor(service, id, 'returnVisit');
    expect(await seers(id, 'returnVisit')).toEqual(['agent', 'service']);
    const refused = await service.api.post(`/api/tasks/${visit.id}/complete`, { data: { satisfaction: 6 } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('/data/satisfaction');
    await complete(service, visit.id, { satisfaction: 5, returnVisitComment: '客户非常满意' });
    await stateBecomes(id, 'closed');
    expect(await record('serviceRequest', id)).toMatchObject({ satisfaction: 5, returnVisitNote: '客户非常满意' });
    await waitFor(async () => (await history(id)).state === 'COMPLETED');
    const { steps } = await history(id);
    expect(steps.filter((s) => ['dispatch', 'confirmDispatch', 'performService', 'returnVisit', 'setClosed', 'closed'].includes(s))).toEqual([
      'dispatch',
      'confirmDispatch',
      'performService',
      'returnVisit',
      'setClosed',
      'closed',
    ]);
    expect(steps).not.toContain('handleComplaint');
  });

  test('the confirmation SLA runs out: back to the dispatchers, who are told, and dispatch again to another technician', async () => {
    const id = await request(agent, { subject: '电梯门一直关不上', channel: 'phone' });
    const confirm = await dispatchTo(id, tech);
    const [timer] = await engine('GET', `/job?processInstanceId=${confirm.processInstanceId}&timers=true`);
    expect(timer).toBeDefined();
    await engine('POST', `/job/${timer.id}/execute`);

    await stateBecomes(id, 'not-dispatched');
    expect(await record('serviceRequest', id)).toMatchObject({ technician: null });
    expect(await orderOf(id)).toMatchObject({ state: 'not-dispatched', technician: null, dispatchCount: 1 });
    expect((await tasksOf(tech, id)).confirmDispatch).toBeUndefined();
    const again = await taskFor(dispatcher, id, 'dispatch');
    expect((await dispatcher.api.get(`/api/tasks/${again.id}`)).body.data).toMatchObject({ redispatchReason: 'not confirmed in time / 超时未确认' });
    await mailed(dispatcher, '需要重新派工：电梯门一直关不上');
    await mailed(tech, '需要重新派工：电梯门一直关不上');

    const confirm2 = await dispatchTo(id, tech2, 'urgent');
    expect(await seers(id, 'confirmDispatch')).toEqual(['tech2']);
    expect(await orderOf(id)).toMatchObject({ state: 'dispatched-unconfirmed', technician: tech2.id, dispatchCount: 2 });
    await mailed(tech2, 'New dispatch: 电梯门一直关不上');
    await complete(tech2, confirm2.id, { confirmDecision: 'accept' });
    await stateBecomes(id, 'confirmed');
    const { steps } = await history(id);
    expect(steps.filter((s) => ['dispatch', 'confirmDispatch', 'confirmOverdue', 'notifyConfirmOverdue'].includes(s))).toEqual([
      'dispatch',
      'confirmDispatch',
      'confirmOverdue',
      'notifyConfirmOverdue',
      'dispatch',
      'confirmDispatch',
    ]);
  });

  test('a technician declines with a reason, and a person who is no technician is refused: both back to the dispatchers', async () => {
    const id = await request(agent, { subject: '考勤机无法识别指纹', channel: 'web' });
    const confirm = await dispatchTo(id, tech);
    const refused = await tech.api.post(`/api/tasks/${confirm.id}/complete`, { data: { confirmDecision: 'decline' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.path)).toContain('/data/declineReason');
    await complete(tech, confirm.id, { confirmDecision: 'decline', declineReason: '今天在外地出差' });
    await stateBecomes(id, 'not-dispatched');
    const again = await taskFor(dispatcher, id, 'dispatch');
    expect((await dispatcher.api.get(`/api/tasks/${again.id}`)).body.data).toMatchObject({ redispatchReason: '今天在外地出差' });
    await mailed(dispatcher, '需要重新派工：考勤机无法识别指纹');

    // customer service is no technician: the dispatch comes straight back
    await complete(dispatcher, again.id, { technician: service.id });
    await waitFor(async () => {
      const task = (await tasksOf(dispatcher, id)).dispatch;
      return Boolean(task && task.id !== again.id);
    }, 20_000);
    expect((await record('serviceRequest', id)).state).toBe('not-dispatched');
    expect((await orderOf(id)).technician).toBeNull();
    expect(await seers(id, 'confirmDispatch')).toEqual([]);
    expect((await history(id)).steps).toContain('notifyInvalidTechnician');
  });
});

describe('service-dispatch: low satisfaction', () => {
  test('a low score opens complaint handling, then a candidate knowledge article becomes a draft', async () => {
    const id = await request(agent, { subject: '投影仪画面闪烁', description: '会议室投影仪使用十分钟后画面开始闪烁', channel: 'agent' });
    const confirm = await dispatchTo(id, tech);
    await complete(tech, confirm.id, { confirmDecision: 'accept' });
    await perform(id, tech, '更换灯泡并清洁风扇，测试两小时无闪烁');

    const visit = await taskFor(service, id, 'returnVisit');
    await complete(service, visit.id, { satisfaction: 2, returnVisitComment: '等了三天才上门' });
    await stateBecomes(id, 'complaint');
    expect((await record('serviceRequest', id)).satisfaction).toBe(2);
    await mailed(service, '客户不满意，请处理投诉：投影仪画面闪烁');
    await mailed(agent, '客户不满意，请处理投诉：投影仪画面闪烁');
    expect(mailbox.to(emailOf(dispatcher)).some((m) => m.subject.includes('投影仪画面闪烁'))).toBe(false);

    const complaint = await taskFor(service, id, 'handleComplaint');
    expect(await seers(id, 'handleComplaint')).toEqual(['agent', 'service']);
    expect((await service.api.post(`/api/tasks/${complaint.id}/complete`, { data: { complaintResolution: '  ' } })).status).toBe(400);
    await complete(service, complaint.id, { complaintResolution: '致歉并赠送一次免费保养' });
    expect((await record('serviceRequest', id)).complaintResolution).toBe('致歉并赠送一次免费保养');
    expect((await record('serviceRequest', id)).state).toBe('complaint');

    const propose = await taskFor(service, id, 'proposeArticle');
    expect(await seers(id, 'proposeArticle')).toEqual(['agent', 'service']);
    const detail = await service.api.get(`/api/tasks/${propose.id}`);
    expect(detail.body.data).toMatchObject({ articleTitle: '投影仪画面闪烁', articleSymptom: '会议室投影仪使用十分钟后画面开始闪烁', articleBody: '更换灯泡并清洁风扇，测试两小时无闪烁' });
    const refused = await service.api.post(`/api/tasks/${propose.id}/complete`, { data: { createArticle: true, articleTitle: '投影仪闪烁' } });
    expect(refused.body.errors.map((e: any) => e.path)).toContain('/data/articleBody');
    expect((await service.api.post(`/api/tasks/${propose.id}/claim`)).status).toBe(200);
    await complete(service, propose.id, { createArticle: true, articleTitle: '投影仪使用一段时间后画面闪烁', articleSymptom: '使用十分钟后闪烁', articleBody: '灯泡老化或风扇积灰导致过热：更换灯泡并清洁风扇。' });
    await stateBecomes(id, 'closed');

    const drafts = await t.admin.post('/api/records/knowledgeArticle/query', { filter: { field: 'sourceRequest', op: 'eq', value: id } });
    expect(drafts.body.items).toEqual([
      expect.objectContaining({ title: '投影仪使用一段时间后画面闪烁', state: 'draft', language: 'zh-CN', symptom: '使用十分钟后闪烁', ownerId: service.id }),
    ]);
    // a draft is not suggested to the next request until it is published
    const next = await request(agent, { subject: '投影仪画面闪烁', channel: 'portal' });
    await stateBecomes(next, 'not-dispatched');
    expect((await record('serviceRequest', next)).suggestedArticles).toEqual([]);
    const { steps } = await history(id);
    expect(steps).toEqual(expect.arrayContaining(['setComplaint', 'notifyComplaint', 'handleComplaint', 'proposeArticle', 'createDraftArticle', 'setClosedAfterComplaint']));
  });

  test('the proposal may be declined with a reason: no article, the request closes', async () => {
    const id = await request(agent, { subject: '扫码枪无法识别条码', channel: 'email' });
    const confirm = await dispatchTo(id, tech2);
    await complete(tech2, confirm.id, { confirmDecision: 'accept' });
    await perform(id, tech2, 'Reset the scanner to USB keyboard mode');
    await complete(service, (await taskFor(service, id, 'returnVisit')).id, { satisfaction: 1 });
    await complete(service, (await taskFor(service, id, 'handleComplaint')).id, { complaintResolution: 'Called back and explained' });
    const propose = await taskFor(service, id, 'proposeArticle');
    expect((await service.api.post(`/api/tasks/${propose.id}/complete`, { data: { createArticle: false } })).body.errors.map((e: any) => e.path)).toContain('/data/skipReason');
    await complete(service, propose.id, { createArticle: false, skipReason: '已有同类文章' });
    await stateBecomes(id, 'closed');
    expect((await t.admin.post('/api/records/knowledgeArticle/query', { filter: { field: 'sourceRequest', op: 'eq', value: id } })).body.items).toEqual([]);
  });
});
