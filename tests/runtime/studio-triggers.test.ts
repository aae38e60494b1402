/**
 * The triggers editor's server checks (runtime/triggers/deployed.ts through the draft's routes): an
 * enabled trigger must start a deployed process and correlate a message some deployed process
 * catches — reported at `/action/processKey` / `/action/messageName` by PUT, check, list and
 * validate, and publishing refused while it lasts (nothing published); a disabled trigger is not
 * held to it; a variable's source must be a field of the entity. Real server, real PostgreSQL,
 * the embedded engine; the process is deployed through the studio's deploy API.
 */
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';
import { deployDealHandover } from '../support/studio-triggers.js';

let t: TestServer;
let analyst: Person;
beforeAll(async () => {
  t = await startTestServer();
  analyst = await person(t, { role: 'analyst', prefix: 'trganalyst' });
});
afterAll(async () => t?.stop());

const revision = async (): Promise<number> => (await analyst.api.get('/api/metadata/draft')).body.revision;
const versions = async (): Promise<number> => (await analyst.api.get('/api/metadata/versions')).body.items.length;
const discard = async () => {
  const r = await revision();
  if (r > 0) expect((await analyst.api.delete(`/api/metadata/draft?revision=${r}`)).status).toBe(204);
};
afterEach(discard);

const wonDeal = (action: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  entity: 'opportunity',
  on: ['update'],
  condition: { and: [{ field: 'stage', op: 'eq', value: 'signed' }] },
  action,
  ...extra,
});
const startHandover = { type: 'start-process', processKey: 'deal-handover', variables: { dealName: 'name', dealAmount: 'amount', handoverDays: { value: 5, description: 'days delivery has to take the deal over' } } };

test('a trigger starting a process that is not deployed is an issue at its process key until the process is deployed; publishing is refused meanwhile', async () => {
  // Given a trigger naming deal-handover, which the engine does not have
  const put = await analyst.api.put('/api/metadata/draft/triggers/deal-won', { revision: await revision(), document: wonDeal(startHandover) });
  expect(put.status).toBe(200);
  expect(put.body.issues).toEqual([expect.objectContaining({ document: 'deal-won', file: 'triggers/deal-won.json', path: '/action/processKey', message: expect.stringContaining('"deal-handover"') })]);
  const listed = (await analyst.api.get('/api/metadata/draft/triggers')).body.items.find((i: { name: string }) => i.name === 'deal-won');
  expect(listed.issues.map((i: { path: string }) => i.path)).toEqual(['/action/processKey']);
  const validated = (await analyst.api.post('/api/metadata/draft/validate')).body;
  expect(validated.valid).toBe(false);
  expect(validated.issues).toEqual([expect.objectContaining({ file: 'triggers/deal-won.json', path: '/action/processKey' })]);

  // When the analyst publishes anyway: refused, naming the trigger and its process key; nothing published
  const before = await versions();
  const refused = await analyst.api.post('/api/metadata/draft/publish', { revision: put.body.revision });
  expect(refused.status).toBe(422);
  expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'triggers/deal-won.json#/action/processKey' })]);
  expect((await analyst.api.post('/api/metadata/draft/preview', {})).status).toBe(422);
  expect(await versions()).toBe(before);

  // Saved disabled, it is not held to it (prepared before the process exists)
  const disabled = await analyst.api.post('/api/metadata/draft/triggers/deal-won/check', { document: wonDeal(startHandover, { enabled: false }) });
  expect(disabled.body).toEqual(expect.objectContaining({ valid: true, issues: [] }));

  // Then, once the process is deployed, the same trigger is valid and publishes
  await deployDealHandover(analyst.api);
  expect((await analyst.api.get('/api/metadata/draft/triggers/deal-won')).body.issues).toEqual([]);
  const published = await analyst.api.post('/api/metadata/draft/publish', { revision: put.body.revision });
  expect(published.status).toBe(201);
  expect(await versions()).toBe(before + 1);
  const current = (await analyst.api.get(`/api/metadata/versions/${published.body.version}`)).body.documents.triggers;
  expect(current.find((d: { 'x-crm-trigger': string }) => d['x-crm-trigger'] === 'deal-won').action).toEqual(startHandover);
});

test('a trigger correlating a message: valid when a deployed process catches it, an issue at the message name otherwise', async () => {
  await deployDealHandover(analyst.api);
  const caught = await analyst.api.post('/api/metadata/draft/triggers/deal-confirmed/check', { document: wonDeal({ type: 'correlate-message', messageName: 'deal-handover-confirmed' }) });
  expect(caught.body).toEqual(expect.objectContaining({ valid: true, issues: [] }));

  const unknown = await analyst.api.post('/api/metadata/draft/triggers/deal-confirmed/check', { document: wonDeal({ type: 'correlate-message', messageName: 'deal-handover-confrimed' }) });
  expect(unknown.body.valid).toBe(false);
  expect(unknown.body.issues).toEqual([expect.objectContaining({ path: '/action/messageName', message: expect.stringContaining('"deal-handover-confrimed"') })]);
});

test('a variable taking a field the entity lacks is an issue at that variable, named by the field; a lookup path is followed', async () => {
  await deployDealHandover(analyst.api);
  const action = { ...startHandover, variables: { dealName: 'name', accountName: 'account.name', budget: 'budgetAmount' } };
  const checked = (await analyst.api.post('/api/metadata/draft/triggers/deal-won/check', { document: wonDeal(action) })).body;
  expect(checked.valid).toBe(false);
  expect(checked.issues).toEqual([expect.objectContaining({ path: '/action/variables/budget', field: 'budgetAmount' })]);
});

test('a condition on a field the entity lacks and an unknown process are both reported, each at its own path', async () => {
  const doc = wonDeal({ type: 'start-process', processKey: 'no-such-process' }, { condition: { and: [{ field: 'stage', op: 'eq', value: 'signed' }, { field: 'wonReason', op: 'eq', value: 'price' }] } });
  const checked = (await analyst.api.post('/api/metadata/draft/triggers/deal-bad/check', { document: doc })).body;
  expect(checked.issues.map((i: { path: string; field?: string }) => [i.path, i.field])).toEqual(
    expect.arrayContaining([
      ['/action/processKey', undefined],
      [expect.stringMatching(/^\/condition\/and\/1/), 'wonReason'],
    ]),
  );
  expect(checked.issues).toHaveLength(2);
});

test('the engine checks and a condition the records filter refuses are coded and read in Chinese when the request accepts zh-CN', async () => {
  const zh = { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' };
  // A process the engine lacks, and a stage the field does not have (the static checks pass it; the records filter refuses it)
  const doc = wonDeal({ type: 'start-process', processKey: 'no-such-process' }, { condition: { and: [{ field: 'stage', op: 'eq', value: 'singed' }] } });
  const check = async (document: object, headers?: Record<string, string>) => (await analyst.api.post('/api/metadata/draft/triggers/deal-zh/check', { document }, headers)).body.issues;
  const byPath = (issues: { path: string; code: string; message: string }[]) => Object.fromEntries(issues.map((i) => [i.path, [i.code, i.message]]));
  expect(byPath(await check(doc))).toEqual({
    '/action/processKey': ['trigger-process-not-deployed', 'no process "no-such-process" is deployed: deploy it first (Studio → Processes), or save the trigger disabled'],
    '/condition/and/0/value': ['condition-not-enum-value', `"singed" is not one of intent, negotiation, purchase, signed, lost (field 'stage' of opportunity)`],
  });
  expect(byPath(await check(doc, zh))).toEqual({
    '/action/processKey': ['trigger-process-not-deployed', '流程“no-such-process”尚未部署：请先部署它（设计工作室 → 流程），或将触发器保存为停用'],
    '/condition/and/0/value': ['condition-not-enum-value', '"singed" 不是以下取值之一：intent、negotiation、purchase、signed、lost（实体 opportunity 的字段“stage”）'],
  });
  // And a message no deployed process catches
  expect(byPath(await check(wonDeal({ type: 'correlate-message', messageName: 'nobody-listens' }), zh))).toEqual({
    '/action/messageName': ['trigger-message-not-caught', '没有已部署的流程接收消息“nobody-listens”：该触发器不会触达任何流程'],
  });
});
