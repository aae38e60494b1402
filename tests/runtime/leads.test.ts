/**
 * The lead endpoints of the runtime, without the qualification process (its trigger is left out of
 * this server's metadata; tests/processes/lead-qualification.test.ts runs them inside it):
 *   - POST /api/records/:entity/duplicates — the duplicate rules as a question, under read access;
 *   - POST /api/records/lead/:id/convert — account, contact and opportunity in one transaction;
 *   - POST /api/public/leads — web-to-lead: no sign-in, validated, honeypot, rate-limited.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

/** The shipped metadata without its triggers: leads start no process here. */
function metadataWithoutTriggers(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-leads-'));
  const shipped = fileURLToPath(new URL('../../metadata/', import.meta.url));
  for (const sub of ['entities', 'views', 'meta-schemas', 'roles', 'sharing', 'templates']) if (existsSync(join(shipped, sub))) cpSync(join(shipped, sub), join(dir, sub), { recursive: true });
  return dir;
}

const LIMIT = 5;
let t: TestServer;
let rep: Person;
let otherRep: Person;
let manager: Person;

beforeAll(async () => {
  t = await startTestServer({ metadataDir: metadataWithoutTriggers(), config: { WEB_LEAD_RATE_LIMIT: LIMIT, WEB_LEAD_RATE_WINDOW_S: 3600 } });
  rep = await person(t, { role: 'sales-rep' });
  otherRep = await person(t, { role: 'sales-rep' });
  manager = await person(t, { role: 'sales-manager' });
});
afterAll(async () => {
  await t?.stop();
});

/** A mobile number no other test uses (phones are a duplicate rule). */
const phone = () => `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const count = async (table: string): Promise<number> => Number((await t.server.db.query<{ n: string }>(`select count(*) as n from crm.${table}`))[0].n);

describe('POST /api/records/:entity/duplicates', () => {
  test('given an account, values that normalise alike match it — for those who may read it; nothing is written', async () => {
    const name = uniqueName('华信科技');
    const acc = await rep.api.post('/api/records/account', { name: `${name}有限公司`, phone: '021-6688 1234' });
    expect(acc.status).toBe(201);
    const asRep = await rep.api.post('/api/records/account/duplicates', { name: `  ${name} 有限公司 `, phone: '+86 (021) 66881234' });
    expect(asRep.status).toBe(200);
    expect(asRep.body.items).toEqual(
      expect.arrayContaining([
        { rule: 'sameName', id: acc.body.id, display: `${name}有限公司` },
        { rule: 'samePhone', id: acc.body.id, display: `${name}有限公司` },
      ]),
    );
    // Another rep cannot read it: no match is shown, not even its existence.
    expect((await otherRep.api.post('/api/records/account/duplicates', { name: `${name}有限公司` })).body.items).toEqual([]);
    // The record itself is left out when asked to.
    expect((await rep.api.post(`/api/records/account/duplicates?excludeId=${acc.body.id}`, { name: `${name}有限公司` })).body.items).toEqual([]);
    const bad = await rep.api.post('/api/records/account/duplicates?excludeId=nope', { name });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'excludeId', message: 'must be a record id' }]);
  });
});

describe('POST /api/records/lead/:id/convert', () => {
  const newLead = async (owner: Person, extra: Record<string, unknown> = {}) => {
    const res = await owner.api.post('/api/records/lead', { company: uniqueName('Acme Trading'), contactName: 'Li Lei', phone: phone(), email: `${uniqueName('li')}@example.com`, industry: 'trade', region: 'Pudong', source: 'tradeShow', ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; company: string; email: string; phone: string };
  };

  test('a qualified lead becomes an account, a contact and an opportunity of its owner in one step, linked from the lead; again changes nothing', async () => {
    const lead = await newLead(rep);
    // Completeness first: a new lead is not converted (the state machine says so, naming the field).
    const early = await manager.api.post(`/api/records/lead/${lead.id}/convert`, {});
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([
      {
        path: '/status',
        message: expect.stringContaining('cannot go from new to converted'),
        code: 'transition-not-allowed',
        params: { entity: 'lead', field: 'status', from: 'new', to: 'converted', allowed: expect.any(Array) },
      },
    ]);
    expect((await rep.api.patch(`/api/records/lead/${lead.id}`, { status: 'qualified' })).status).toBe(200);

    const res = await manager.api.post(`/api/records/lead/${lead.id}/convert`, { opportunity: { amount: 120000, closeDate: '2027-03-31' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ converted: true, account: { created: true }, contact: { created: true }, opportunity: { created: true } });
    const { account, contact, opportunity } = res.body;
    expect(res.body.lead).toMatchObject({ status: 'converted', convertedAccount: account.id, convertedContact: contact.id, convertedOpportunity: opportunity.id });
    // The lead's owner owns and sees them all.
    expect((await rep.api.get(`/api/records/account/${account.id}`)).body).toMatchObject({ name: lead.company, industry: 'trade', region: 'Pudong', source: 'tradeShow', ownerId: rep.id });
    expect((await rep.api.get(`/api/records/contact/${contact.id}`)).body).toMatchObject({ firstName: 'Li', lastName: 'Lei', mobile: lead.phone, email: lead.email, account: account.id, ownerId: rep.id });
    expect((await rep.api.get(`/api/records/opportunity/${opportunity.id}`)).body).toMatchObject({ name: lead.company, amount: 120000, closeDate: '2027-03-31', account: account.id, stage: 'intent', ownerId: rep.id });
    // Audited as the manager's changes.
    const history = (await t.admin.get(`/api/records/lead/${lead.id}/history`)).body.items as { field: string; after: unknown; actorId: string }[];
    expect(history).toContainEqual(expect.objectContaining({ field: 'status', after: 'converted' }));

    const before = await count('account');
    const again = await manager.api.post(`/api/records/lead/${lead.id}/convert`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ converted: false, account: { id: account.id, created: false }, contact: { id: contact.id, created: false }, opportunity: { id: opportunity.id, created: false } });
    expect(await count('account')).toBe(before);
  });

  test('a customer already in the base is linked, not created twice; a Chinese name splits family name first; no opportunity when declined', async () => {
    const existing = await rep.api.post('/api/records/account', { name: uniqueName('东方电气') + '股份有限公司' });
    const lead = await newLead(rep, { company: `${existing.body.name as string}`.replace('股份有限公司', '有限公司'), contactName: '王小明', status: 'qualified' });
    const res = await rep.api.post(`/api/records/lead/${lead.id}/convert`, { opportunity: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ account: { id: existing.body.id, created: false }, contact: { created: true }, opportunity: null });
    expect((await rep.api.get(`/api/records/contact/${res.body.contact.id}`)).body).toMatchObject({ lastName: '王', firstName: '小明', account: existing.body.id });
  });

  test('bad input is refused naming the field, and nothing is created', async () => {
    const lead = await newLead(rep, { status: 'qualified' });
    const before = [await count('account'), await count('contact'), await count('opportunity')];
    const bad = await rep.api.post(`/api/records/lead/${lead.id}/convert`, { opportunity: { amount: -5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: '/opportunity/amount', message: expect.any(String), code: 'invalid-value', params: { entity: 'opportunity', keyword: 'minimum', comparison: '>=', limit: 0 } }]);
    const unknown = await rep.api.post(`/api/records/lead/${lead.id}/convert`, { opportunities: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '/opportunities', message: 'unknown member' }]);
    expect([await count('account'), await count('contact'), await count('opportunity')]).toEqual(before);
    expect((await rep.api.get(`/api/records/lead/${lead.id}`)).body.status).toBe('qualified');
    // Someone who cannot see the lead gets 404, as for no lead at all.
    expect((await otherRep.api.post(`/api/records/lead/${lead.id}/convert`, {})).status).toBe(404);
  });
});

describe('POST /api/public/leads (web-to-lead)', () => {
  // One client address, one window: every request below counts against LIMIT.
  const post = (body: unknown, type = 'application/json') =>
    fetch(`${t.url}/api/public/leads`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  test('accepted without sign-in into the pool; bad input named; the honeypot stores nothing; then 429', async () => {
    const company = uniqueName('Web Visitor Co');
    const ok = await post({ company, contactName: 'Visitor Wang', email: 'wang@example.com', industry: 'finance', notes: 'Please call me' });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ received: true });
    const [row] = await t.server.db.query<{ owner_id: string | null; source: string; status: string; created_by: string }>(
      'select owner_id, source, status, created_by from crm.lead where company = $1',
      [company],
    );
    expect(row).toMatchObject({ owner_id: null, source: 'internet', status: 'new' });
    const [creator] = await t.server.db.query<{ username: string; is_service: boolean }>('select username, is_service from sec.user where id = $1', [row.created_by]);
    expect(creator).toEqual({ username: 'web-to-lead', is_service: true });
    // In the pool: sales managers see it, reps do not.
    const listed = async (who: Person) => (await who.api.get(`/api/records/lead?filter=${encodeURIComponent(`company eq '${company}'`)}`)).body.items.length;
    expect(await listed(manager)).toBe(1);
    expect(await listed(rep)).toBe(0);

    // An HTML form's body works too.
    const form = await post(new URLSearchParams({ company: uniqueName('Form Co'), contactName: 'Zhao', phone: '13900001111' }).toString(), 'application/x-www-form-urlencoded');
    expect(form.status).toBe(202);

    const bad = await post({ company: '', contactName: 'X', email: 'not-an-email', industry: 'space' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = await bad.json();
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/company', '/email', '/industry']);
    const unknown = await post({ company: 'X', contactName: 'Y', status: 'converted', ownerId: rep.id });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual([
      { path: '/status', message: 'not a field of this form' },
      { path: '/ownerId', message: 'not a field of this form' },
    ]);

    const botCompany = uniqueName('Bot Co');
    const bot = await post({ company: botCompany, contactName: 'Bot', website: 'http://spam.example' });
    expect(bot.status).toBe(202);
    expect(await t.server.db.query('select 1 from crm.lead where company = $1', [botCompany])).toEqual([]);

    // Five requests so far: the limit is used up for this address.
    const limited = await post({ company: uniqueName('Late Co'), contactName: 'Late' });
    expect(limited.status).toBe(429);
    expect((await limited.json()).type).toMatch(/too-many-requests$/);
  });
});
