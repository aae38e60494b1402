/**
 * GET /api/records/:entity/aggregate over real HTTP and PostgreSQL: counts and sums grouped by
 * fields and date periods, under the list's filter — and under record access (a rep's funnel holds
 * only what they may see) and field access (a field hidden from the role cannot be summed).
 */
import { loadMetadataDir, type RoleDocument } from '../../metadata/index.js';
import { ApiClient, startTestServer, uniqueName, type TestServer } from '../support/harness.js';

let t: TestServer;
let rep: ApiClient;
let repId: string;
const tag = uniqueName('Agg');

const agg = (api: ApiClient, q: string) => api.get(`/api/records/opportunity/aggregate?${q}&filter=${encodeURIComponent(`name startsWith '${tag}'`)}`);

beforeAll(async () => {
  t = await startTestServer();
  const shipped = loadMetadataDir(new URL('../../metadata/', import.meta.url).pathname);
  const roles: RoleDocument[] = shipped.roles!.map((r) =>
    r['x-crm-role'] === 'sales-rep' ? { ...r, permissions: { ...r.permissions, opportunity: { ...r.permissions.opportunity, fields: { probability: 'hidden' } } } } : r,
  );
  expect((await t.admin.post('/api/metadata/publish', { ...shipped, roles })).status).toBe(201);
  const username = uniqueName('rep').toLowerCase().replace(/_/g, '-');
  const u = await t.server.auth.createUser({ username, password: `${username}-pw` });
  repId = u.id;
  await t.server.db.query(`update sec.user set role = 'sales-rep' where id = $1`, [u.id]);
  rep = new ApiClient(t.url);
  await rep.login(username, `${username}-pw`);
  const account = (await rep.post('/api/records/account', { name: uniqueName('Acme') })).body.id as string;
  const deal = (stage: string, amount: number, closeDate: string, api = rep) =>
    api.post('/api/records/opportunity', { name: `${tag} ${stage} ${amount}`, account, stage, amount, closeDate }).then((r) => expect(r.status).toBe(201));
  await deal('intent', 100, '2026-01-05');
  await deal('intent', 250.5, '2026-01-20');
  await deal('negotiation', 1000, '2026-02-03');
  await deal('signed', 4000, '2026-03-30');
  // The admin's own deals: not visible to the rep (opportunities are private).
  const adminAccount = (await t.admin.post('/api/records/account', { name: uniqueName('Admin Acme') })).body.id as string;
  for (const amount of [7, 8]) await t.admin.post('/api/records/opportunity', { name: `${tag} intent ${amount}`, account: adminAccount, stage: 'intent', amount, closeDate: '2026-01-10' });
});
afterAll(async () => {
  await t?.stop();
});

test('count and sum by stage, with the total over every matching record', async () => {
  const res = await agg(t.admin, 'groupBy=stage&metrics=count,sum:amount');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    groupBy: ['stage'],
    metrics: ['count', 'sum:amount'],
    groups: [
      { key: { stage: 'intent' }, values: { count: 4, 'sum:amount': 365.5 } },
      { key: { stage: 'negotiation' }, values: { count: 1, 'sum:amount': 1000 } },
      { key: { stage: 'signed' }, values: { count: 1, 'sum:amount': 4000 } },
    ],
    total: { count: 6, 'sum:amount': 5365.5 },
  });
});

test('a rep’s aggregate counts only the records they may see', async () => {
  const res = await agg(rep, 'groupBy=stage&metrics=count,sum:amount');
  expect(res.body.groups[0]).toEqual({ key: { stage: 'intent' }, values: { count: 2, 'sum:amount': 350.5 } });
  expect(res.body.total).toEqual({ count: 4, 'sum:amount': 5350.5 });
});

test('group by month and by owner; min, max and avg', async () => {
  const res = await agg(rep, 'groupBy=closeDate:month,ownerId&metrics=min:amount,max:closeDate,avg:amount');
  expect(res.status).toBe(200);
  expect(res.body.groups).toEqual([
    { key: { 'closeDate:month': '2026-01-01', ownerId: repId }, values: { 'min:amount': 100, 'max:closeDate': '2026-01-20', 'avg:amount': 175.25 } },
    { key: { 'closeDate:month': '2026-02-01', ownerId: repId }, values: { 'min:amount': 1000, 'max:closeDate': '2026-02-03', 'avg:amount': 1000 } },
    { key: { 'closeDate:month': '2026-03-01', ownerId: repId }, values: { 'min:amount': 4000, 'max:closeDate': '2026-03-30', 'avg:amount': 4000 } },
  ]);
});

test('without groupBy: the total only; no matching record: zero', async () => {
  expect((await agg(rep, 'metrics=count')).body).toEqual({ groupBy: [], metrics: ['count'], groups: [], total: { count: 4 } });
  const none = await rep.get(`/api/records/opportunity/aggregate?groupBy=stage&metrics=count,sum:amount&filter=${encodeURIComponent("name eq 'no such deal'")}`);
  expect(none.body).toEqual({ groupBy: ['stage'], metrics: ['count', 'sum:amount'], groups: [], total: { count: 0, 'sum:amount': null } });
});

test('a field hidden from the role can be neither grouped nor summed; bad parameters name themselves', async () => {
  expect((await agg(t.admin, 'groupBy=stage&metrics=avg:probability')).status).toBe(200);
  const cases: [string, string][] = [
    ['metrics=avg:probability', 'metrics/0'],
    ['groupBy=probability', 'groupBy/0'],
    ['metrics=sum:name', 'metrics/0'],
    ['metrics=median:amount', 'metrics/0'],
    ['groupBy=amount', 'groupBy/0'],
    ['groupBy=stage:month', 'groupBy/0'],
    ['groupBy=closeDate:fortnight', 'groupBy/0'],
    ['groupBy=stage,ownerId,closeDate', 'groupBy'],
    ['metrics=count,count', 'metrics'],
  ];
  for (const [q, path] of cases) {
    const res = await agg(rep, q);
    expect([q, res.status, res.body.errors?.[0]?.path]).toEqual([q, 400, path]);
  }
});

test('a role without read on the entity is refused', async () => {
  await t.admin.put('/api/metadata/roles/outsider', { label: { 'zh-CN': '外部', en: 'Outsider' }, permissions: { account: { actions: ['read'] } } });
  await t.server.db.query(`update sec.user set role = 'outsider' where id = $1`, [repId]);
  try {
    expect((await agg(rep, 'groupBy=stage')).status).toBe(403);
  } finally {
    await t.server.db.query(`update sec.user set role = 'sales-rep' where id = $1`, [repId]);
  }
});
