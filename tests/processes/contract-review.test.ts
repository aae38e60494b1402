/**
 * contract-review end to end: the shipped model, BPMN, workers (in-process) and trigger on a real
 * server and PostgreSQL, driven through the HTTP API by the people who do it — the drafter (a
 * sales rep), their department manager, finance and legal — each with their own session.
 */
import { startTestServer, uniqueName, waitFor, type ApiClient, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let org: { drafter: Person; manager: Person; director: Person; finance: Person; legal: Person; departmentKey: string };

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

const setManager = (user: Person, manager: Person | null) => t.server.db.query('update sec.user set manager_id = $2 where id = $1', [user.id, manager?.id ?? null]);

beforeAll(async () => {
  t = await startTestServer();
  const departmentKey = uniqueName('sales').toLowerCase().replace(/_/g, '-');
  const director = await person(t, { role: 'sales-director', prefix: 'director' });
  const manager = await person(t, { role: 'sales-manager', prefix: 'manager' });
  const dept = await t.admin.post('/api/org/departments', { key: departmentKey, name: 'Sales East', managerId: manager.id });
  expect(dept.status).toBe(201);
  const drafter = await person(t, { role: 'sales-rep', departmentId: dept.body.id, prefix: 'rep' });
  await t.server.db.query('update sec.user set department_id = $2 where id = $1', [manager.id, dept.body.id]);
  await setManager(drafter, manager);
  await setManager(manager, director);
  org = {
    drafter,
    manager,
    director,
    finance: await person(t, { role: 'finance', prefix: 'finance' }),
    legal: await person(t, { role: 'legal', prefix: 'legal' }),
    departmentKey,
  };
});
afterAll(async () => t?.stop());

/** A signed opportunity of a new account, owned by the drafter. */
async function signedOpportunity(api: ApiClient, name = uniqueName('Deal')) {
  const account = await api.post('/api/records/account', { name: uniqueName('Account') });
  expect(account.status).toBe(201);
  const opportunity = await api.post('/api/records/opportunity', { name, account: account.body.id, amount: 120000, stage: 'signed' });
  expect(opportunity.status).toBe(201);
  return { accountId: account.body.id as string, opportunityId: opportunity.body.id as string };
}

/** The drafter drafts a contract and submits it: the trigger starts the review. */
async function submitContract(extra: Record<string, unknown> = {}) {
  const api = org.drafter.api;
  const { accountId, opportunityId } = await signedOpportunity(api);
  const created = await api.post('/api/records/contract', { name: uniqueName('Contract'), account: accountId, opportunity: opportunityId, amount: 120000, installments: 3, terms: 'Delivery in 30 days; payment in three installments.', ...extra });
  expect(created.status).toBe(201);
  expect(created.body.state).toBe('draft');
  const submitted = await api.patch(`/api/records/contract/${created.body.id}`, { submitForReview: true });
  expect(submitted.status).toBe(200);
  return created.body as { id: string; name: string };
}

const contract = async (id: string) => (await t.admin.get(`/api/records/contract/${id}`)).body;

test('given a contract of a signed opportunity, submitting it opens review round 1: in review at version 1, with the three reviews', async () => {
  const c = await submitContract();
  await waitFor(async () => (await contract(c.id)).state === 'in-review');
  expect(await contract(c.id)).toMatchObject({ state: 'in-review', currentVersion: 1, submitForReview: false });
  await waitFor(async () => (await engine<unknown[]>('GET', `/task?processInstanceBusinessKey=${c.id}`)).length === 3);
  const tasks = await engine<{ taskDefinitionKey: string; assignee: string | null }[]>('GET', `/task?processInstanceBusinessKey=${c.id}&sortBy=name&sortOrder=asc`);
  expect(Object.fromEntries(tasks.map((x) => [x.taskDefinitionKey, x.assignee]))).toEqual({ ManagerReview: org.manager.id, FinanceReview: null, LegalReview: null });
  const versions = await org.drafter.api.post('/api/records/contractVersion/query', { filter: { field: 'contract', op: 'eq', value: c.id } });
  expect(versions.body.items).toEqual([expect.objectContaining({ versionNumber: 1, terms: 'Delivery in 30 days; payment in three installments.', amount: 120000, ownerId: org.drafter.id })]);
});
