/**
 * lead-qualification end to end: the shipped metadata (trigger lead-created), BPMN, workers and
 * forms on a real server (PostgreSQL, HTTP, in-process workers, a local SMTP server), driven through
 * the HTTP API by the people who do the work — reps, the territory's sales manager, a web visitor —
 * each with their own session. Timers are fired through /engine-rest/job/{id}/execute, never waited.
 *
 * The organisation: territory T (one region of its own, so its round-robin sees only these tests'
 * leads) with manager `mgr` and reps `rep1`, `rep2`; `outsider` is a rep of no territory.
 */
import { startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp.js';

const WAIT = 30_000;
let smtp: TestSmtp;
let t: TestServer;
let rep1: Person;
let rep2: Person;
let mgr: Person;
let outsider: Person;
const TERRITORY = uniqueName('lq').toLowerCase().replace(/_/g, '-');
const REGION = `${TERRITORY}-region`;

/** A person with an e-mail address (where their notifications are mailed) and an English locale. */
async function staff(role: string): Promise<Person> {
  const p = await person(t, { role });
  await t.server.db.query(`update sec.user set email = $2, locale = 'en' where id = $1`, [p.id, `${p.username}@example.com`]);
  return p;
}

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ config: { SMTP_URL: smtp.url, WEB_LEAD_RATE_LIMIT: 3, WEB_LEAD_RATE_WINDOW_S: 3600 } });
  [rep1, rep2, mgr, outsider] = [await staff('sales-rep'), await staff('sales-rep'), await staff('sales-manager'), await staff('sales-rep')];
  expect((await t.admin.post('/api/org/territories', { key: TERRITORY, name: 'Lead test territory', regions: [REGION], industries: [] })).status).toBe(201);
  const members = [{ userId: mgr.id, manager: true }, { userId: rep1.id }, { userId: rep2.id }];
  expect((await t.admin.put(`/api/org/territories/${TERRITORY}/members`, { members })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

// ---------------------------------------------------------------------------------------------
// helpers

/** A mobile number no other test uses (phones are a duplicate rule). */
const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

function leadBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const company = uniqueName('Lead Co');
  return { company, contactName: 'Li Lei', title: 'Buyer', phone: phone(), email: `${uniqueName('buyer')}@example.com`, industry: 'trade', region: REGION, source: 'tradeShow', ...extra };
}

async function createLead(by: Person, extra: Record<string, unknown> = {}, query = ''): Promise<{ id: string; company: string }> {
  const res = await by.api.post(`/api/records/lead${query}`, leadBody(extra));
  if (res.status !== 201) throw new Error(`creating a lead: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const leadOf = async (id: string) => (await t.admin.get(`/api/records/lead/${id}`)).body as Record<string, any>;

/** Wait until the lead's fields hold `expected`. */
async function leadBecomes(id: string, expected: Record<string, unknown>): Promise<Record<string, any>> {
  let last: Record<string, any> = {};
  try {
    await waitFor(async () => {
      last = await leadOf(id);
      return Object.entries(expected).every(([k, v]) => JSON.stringify(last[k] ?? null) === JSON.stringify(v));
    }, WAIT);
  } catch {
    throw new Error(`lead ${id} never became ${JSON.stringify(expected)}; last: ${JSON.stringify(last)}`);
  }
  return last;
}

type Task = { id: string; taskDefinitionKey: string; businessKey: string; assignee: string | null; processInstanceId: string; due: string | null };
const inbox = async (p: Person): Promise<Task[]> => (await p.api.get('/api/tasks?processKey=lead-qualification')).body.items;

/** The open task `key` on lead `id` in p's inbox, waited for. */
async function taskOf(p: Person, id: string, key: string): Promise<Task> {
  let found: Task | undefined;
  try {
    await waitFor(async () => {
      found = (await inbox(p)).find((x) => x.businessKey === id && x.taskDefinitionKey === key);
      return found !== undefined;
    }, WAIT);
  } catch {
    throw new Error(`${key} of lead ${id} never reached ${p.username}; lead: ${JSON.stringify(await leadOf(id))}; history: ${JSON.stringify(await historyOf(id))}`);
  }
  return found!;
}

const sees = async (p: Person, id: string, key: string) => (await inbox(p)).some((x) => x.businessKey === id && x.taskDefinitionKey === key);

async function complete(p: Person, task: Task, data: Record<string, unknown>) {
  return p.api.post(`/api/tasks/${task.id}/complete`, { data });
}

async function historyOf(id: string): Promise<{ state: string; activities: { activityId: string; canceled: boolean; endTime: string | null }[] }[]> {
  return (await t.admin.get(`/api/records/lead/${id}/processes`)).body.items;
}

const activitiesOf = async (id: string) => (await historyOf(id)).flatMap((p) => p.activities.map((a) => a.activityId));

/** Fire the timer of `activityId` in the lead's process now. */
async function fireTimer(processInstanceId: string, activityId: string) {
  const auth = `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`;
  let job: { id: string } | undefined;
  await waitFor(async () => {
    const res = await fetch(`${t.url}/engine-rest/job?processInstanceId=${processInstanceId}&activityId=${activityId}&timers=true`, { headers: { authorization: auth } });
    job = ((await res.json()) as { id: string }[])[0];
    return job !== undefined;
  }, WAIT);
  const res = await fetch(`${t.url}/engine-rest/job/${job!.id}/execute`, { method: 'POST', headers: { authorization: auth } });
  expect(res.status).toBe(204);
}

/** The mail to `p` whose subject or text contains `text`, waited for. */
async function mailTo(p: Person, text: string): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await waitFor(() => {
    found = smtp.to(`${p.username}@example.com`).find((m) => `${m.subject}\n${m.text}`.includes(text));
    return found !== undefined;
  }, WAIT).catch(() => {
    throw new Error(`no mail with "${text}" to ${p.username}; mailed: ${JSON.stringify(smtp.mails.map((m) => [m.to, m.subject]))}`);
  });
  return found!;
}

const ownerHistory = async (id: string) =>
  ((await t.admin.get(`/api/records/lead/${id}/history`)).body.items as { field: string; before: unknown; after: unknown }[]).filter((h) => h.field === 'ownerId' || h.field === 'status');

// ---------------------------------------------------------------------------------------------

test('happy path: created → dedupe → score → assigned to a territory rep → qualified by the territory manager → converted into account, contact and opportunity the new owner sees', async () => {
  // Given a complete trade-show lead entered by a rep of no territory
  const lead = await createLead(outsider);

  // Then it is routed to territory T and one of its reps, who is told by e-mail
  const routed = await leadBecomes(lead.id, { status: 'assigned', territory: TERRITORY, score: 100 });
  expect([rep1.id, rep2.id]).toContain(routed.ownerId);
  const owner = routed.ownerId === rep1.id ? rep1 : rep2;
  await mailTo(owner, 'A lead was assigned to you');
  // and the territory's manager — only they — has "Qualify lead"
  const qualify = await taskOf(mgr, lead.id, 'qualifyLead');
  expect(qualify.due).not.toBeNull();
  for (const p of [rep1, rep2, outsider]) expect(await sees(p, lead.id, 'qualifyLead')).toBe(false);
  expect((await outsider.api.get(`/api/records/lead/${lead.id}`)).status).toBe(404);

  // When the manager converts it with the deal's figures
  const done = await complete(mgr, qualify, { decision: 'convert', opportunityName: 'First order', amount: 250000, closeDate: '2027-06-30' });
  expect(done.status).toBe(200);

  // Then the lead is converted and linked; account, contact and opportunity belong to the new owner
  const converted = await leadBecomes(lead.id, { status: 'converted' });
  const account = await owner.api.get(`/api/records/account/${converted.convertedAccount}`);
  expect(account.status).toBe(200);
  expect(account.body).toMatchObject({ name: lead.company, industry: 'trade', region: REGION, ownerId: owner.id });
  const contact = await owner.api.get(`/api/records/contact/${converted.convertedContact}`);
  expect(contact.body).toMatchObject({ firstName: 'Li', lastName: 'Lei', account: account.body.id, ownerId: owner.id });
  const opportunity = await owner.api.get(`/api/records/opportunity/${converted.convertedOpportunity}`);
  expect(opportunity.body).toMatchObject({ name: 'First order', amount: 250000, closeDate: '2027-06-30', account: account.body.id, stage: 'intent', ownerId: owner.id });

  // and the history shows the whole way, ended
  await waitFor(async () => (await historyOf(lead.id))[0]?.state === 'COMPLETED', WAIT).catch(async (e) => {
    throw new Error(`${String(e)}: ${JSON.stringify(await historyOf(lead.id))}`);
  });
  expect(await activitiesOf(lead.id)).toEqual(expect.arrayContaining(['leadCreated', 'dedupeLead', 'scoreLead', 'assignLead', 'notifyAssigned', 'qualifyLead', 'convertLead', 'leadConverted']));
  expect(await activitiesOf(lead.id)).not.toContain('reviewDuplicate');
});

test('incomplete: the owner gets "Complete lead" and, two days on, a reminder e-mail while the task stays; completed, the lead goes on to qualification', async () => {
  // Given a rep's lead without phone or e-mail (the default rule wants one of them)
  const lead = await createLead(rep1, { source: undefined, phone: undefined, email: undefined });
  const incomplete = await leadBecomes(lead.id, { status: 'incomplete' });
  expect(incomplete.score).toBe(75);
  const task = await taskOf(rep1, lead.id, 'completeLead');
  expect(task.assignee).toBe(rep1.id);
  expect((await rep1.api.get(`/api/tasks/${task.id}`)).body.data).toMatchObject({ missingFields: 'phone / email', contactName: 'Li Lei', industry: 'trade' });
  expect(await sees(rep2, lead.id, 'completeLead')).toBe(false);

  // When the reminder timer fires
  await fireTimer(task.processInstanceId, 'completeReminderDue');

  // Then rep1 is reminded by e-mail, and the task is still theirs
  const mail = await mailTo(rep1, 'is still incomplete');
  expect(mail.text).toContain('phone / email');
  expect(await sees(rep1, lead.id, 'completeLead')).toBe(true);
  expect(await activitiesOf(lead.id)).toEqual(expect.arrayContaining(['completeReminderDue', 'remindComplete']));

  // When rep1 fills in a phone number
  expect((await complete(rep1, task, { phone: phone() })).status).toBe(200);

  // Then the lead is complete and, rep1 being a rep of its territory, stays theirs for qualification
  await leadBecomes(lead.id, { status: 'assigned', score: 100, ownerId: rep1.id, territory: TERRITORY });
  await taskOf(mgr, lead.id, 'qualifyLead');
});

test('duplicate found: a lead matching an existing account waits for its owner’s review; discarding needs a reason and disqualifies it', async () => {
  // Given an account "<name> 有限公司" owned by someone else
  const name = uniqueName('华信科技');
  expect((await rep2.api.post('/api/records/account', { name: `${name}有限公司`, region: REGION })).status).toBe(201);

  // When rep1 enters a lead for the same company, spelt a little differently
  const lead = await createLead(rep1, { company: `${name} 有限公司` });

  // Then it is flagged and rep1 reviews it, seeing what it matches
  await leadBecomes(lead.id, { status: 'duplicate' });
  const review = await taskOf(rep1, lead.id, 'reviewDuplicate');
  expect((await rep1.api.get(`/api/tasks/${review.id}`)).body.data.duplicates).toContain(`account: ${name}有限公司 (sameName)`);

  // Discarding without a reason is refused, naming the field; nothing moves
  const refused = await complete(rep1, review, { duplicateDecision: 'discard' });
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toContainEqual(expect.objectContaining({ path: '/data/disqualifyReason' }));
  expect((await leadOf(lead.id)).status).toBe('duplicate');

  // With a reason the lead is disqualified and its process ends there
  expect((await complete(rep1, review, { duplicateDecision: 'discard', disqualifyReason: 'Same customer as the existing account' })).status).toBe(200);
  await leadBecomes(lead.id, { status: 'disqualified', disqualifyReason: 'Same customer as the existing account' });
  await waitFor(async () => (await historyOf(lead.id))[0]?.state === 'COMPLETED', WAIT);
  expect(await activitiesOf(lead.id)).toEqual(expect.arrayContaining(['reviewDuplicate', 'setDisqualified', 'leadDisqualified']));
  expect(await activitiesOf(lead.id)).not.toContain('scoreLead');

  // A second look-alike — saved although the form warned of the first — the reviewer keeps: it goes on
  const kept = await createLead(rep1, { company: `${name}有限公司` }, '?allowDuplicates=true');
  const keep = await taskOf(rep1, kept.id, 'reviewDuplicate');
  expect((await complete(rep1, keep, { duplicateDecision: 'keep' })).status).toBe(200);
  await leadBecomes(kept.id, { status: 'assigned', ownerId: rep1.id });
});

test('disqualify: the manager must give a reason (400 naming it), then the lead is disqualified with it', async () => {
  const lead = await createLead(rep2);
  const qualify = await taskOf(mgr, lead.id, 'qualifyLead');

  const refused = await complete(mgr, qualify, { decision: 'disqualify' });
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual([{ path: '/data/disqualifyReason', message: 'is required', code: 'invalid-value', params: { keyword: 'required', missingProperty: 'disqualifyReason' } }]);
  expect(await sees(mgr, lead.id, 'qualifyLead')).toBe(true);
  expect((await leadOf(lead.id)).status).toBe('assigned');

  expect((await complete(mgr, qualify, { decision: 'disqualify', disqualifyReason: 'No budget this year' })).status).toBe(200);
  await leadBecomes(lead.id, { status: 'disqualified', disqualifyReason: 'No budget this year' });
  await waitFor(async () => (await historyOf(lead.id))[0]?.state === 'COMPLETED', WAIT);
  expect(await activitiesOf(lead.id)).toContain('leadDisqualified');
});

test('nurture: the lead rests, and when the nurture timer fires it comes back to qualification', async () => {
  const lead = await createLead(rep1);
  const first = await taskOf(mgr, lead.id, 'qualifyLead');
  expect((await complete(mgr, first, { decision: 'nurture' })).status).toBe(200);
  await leadBecomes(lead.id, { status: 'nurturing' });
  expect(await sees(mgr, lead.id, 'qualifyLead')).toBe(false);

  await fireTimer(first.processInstanceId, 'nurtureWait');

  await leadBecomes(lead.id, { status: 'assigned', ownerId: rep1.id });
  const again = await taskOf(mgr, lead.id, 'qualifyLead');
  expect(again.id).not.toBe(first.id);
  const scored = (await activitiesOf(lead.id)).filter((a) => a === 'scoreLead');
  expect(scored).toHaveLength(2);
});

test('resource protection: an assignment left untouched goes back to the pool (owner cleared), the manager and the rep are told, and another rep gets it', async () => {
  const lead = await createLead(rep1);
  const qualify = await taskOf(mgr, lead.id, 'qualifyLead');
  expect((await leadOf(lead.id)).ownerId).toBe(rep1.id);

  // When the protection period runs out
  await fireTimer(qualify.processInstanceId, 'protectionExpired');

  // Then the lead went to the pool — owner cleared, status pool — and was routed to the other rep
  const rerouted = await leadBecomes(lead.id, { status: 'assigned', ownerId: rep2.id });
  expect(rerouted.territory).toBe(TERRITORY);
  const changes = await ownerHistory(lead.id);
  expect(changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ field: 'ownerId', before: rep1.id, after: null }),
      expect.objectContaining({ field: 'status', before: 'assigned', after: 'pool' }),
      expect.objectContaining({ field: 'ownerId', before: null, after: rep2.id }),
      expect.objectContaining({ field: 'status', before: 'pool', after: 'assigned' }),
    ]),
  );
  await mailTo(mgr, 'went back to the pool');
  await mailTo(rep1, 'went back to the pool');
  await mailTo(rep2, 'A lead was assigned to you');
  expect((await rep1.api.get(`/api/records/lead/${lead.id}`)).status).toBe(404);

  // The old "Qualify lead" was cut off; a new one waits for the manager
  const fresh = await taskOf(mgr, lead.id, 'qualifyLead');
  expect(fresh.id).not.toBe(qualify.id);
  const history = await historyOf(lead.id);
  expect(history[0].activities).toContainEqual(expect.objectContaining({ activityId: 'qualifyLead', canceled: true }));
  expect(history[0].activities.map((a) => a.activityId)).toEqual(expect.arrayContaining(['protectionExpired', 'releaseLead', 'notifyReleased']));
});

test('web-to-lead: a visitor’s enquiry is accepted without sign-in into the pool, completed by a sales manager and routed; bad input is a 400 naming the field; too many is 429', async () => {
  const post = (body: unknown) => fetch(`${t.url}/api/public/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const company = uniqueName('Web Co');
  // An internet lead needs contact, e-mail and industry: this one has no industry
  const accepted = await post({ company, contactName: 'Visitor Zhao', email: `${uniqueName('visitor')}@example.com`, region: REGION });
  expect(accepted.status).toBe(202);
  let id = '';
  await waitFor(async () => {
    const [row] = await t.server.db.query<{ id: string }>('select id from crm.lead where company = $1', [company]);
    id = row?.id ?? '';
    return id !== '';
  }, WAIT);
  const pooled = await leadBecomes(id, { status: 'incomplete', ownerId: null, source: 'internet' });
  expect(pooled.score).toBe(67);

  // No owner: the intake group (sales managers) has "Complete lead"; reps do not
  const task = await taskOf(mgr, id, 'completeLead');
  expect(task.assignee).toBeNull();
  expect(await sees(rep1, id, 'completeLead')).toBe(false);
  expect((await complete(mgr, task, { industry: 'finance' })).status).toBe(200);
  const routed = await leadBecomes(id, { status: 'assigned', territory: TERRITORY });
  expect([rep1.id, rep2.id]).toContain(routed.ownerId);
  await taskOf(mgr, id, 'qualifyLead');

  const bad = await post({ company: 'X', contactName: 'Y', email: 'nope' });
  expect(bad.status).toBe(400);
  expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: '/email' })]);
  const bot = await post({ company: 'X', contactName: 'Y', website: 'http://spam.example' });
  expect(bot.status).toBe(202);
  const limited = await post({ company: uniqueName('Late'), contactName: 'Late' });
  expect(limited.status).toBe(429);
});

test('round robin: leads entered by someone outside the territory go to its reps in turn', async () => {
  const a = await createLead(outsider);
  const first = (await leadBecomes(a.id, { status: 'assigned' })).ownerId;
  const b = await createLead(outsider);
  const second = (await leadBecomes(b.id, { status: 'assigned' })).ownerId;
  expect([first, second].sort()).toEqual([rep1.id, rep2.id].sort());
});
