/**
 * The generic workers `notify` and `record-update` on a real server (embedded engine, PostgreSQL)
 * with a real SMTP server on 127.0.0.1: a fixture process started by an account's creation tells
 * the owner and a team (in-app, and by mail to those with an address, each in their language),
 * then writes two fields to the account. A worker process killed while mailing and started again
 * (`npm run workers`) stores no second notification and mails only what was not mailed.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../../runtime/config/index.js';
import { startTestServer, uniqueName, waitFor, type TestServer } from '../../support/harness.js';
import { person, type Person } from '../../support/people.js';
import { startSmtp, type TestSmtp } from '../../support/smtp.js';
import { workersProcess, type WorkersChild } from '../../support/workers-fixture.js';

const FIXTURE = fileURLToPath(new URL('./notify-fixture/', import.meta.url));
const MAIL_FROM = 'CRM Test <crm@test.example>';
let metadataDir: string;

/** The shipped model with only the fixture's trigger and template. */
beforeAll(() => {
  metadataDir = mkdtempSync(join(tmpdir(), 'crm-notify-'));
  const shipped = fileURLToPath(new URL('../../../metadata/', import.meta.url));
  for (const kind of ['entities', 'views', 'roles', 'sharing', 'meta-schemas']) cpSync(join(shipped, kind), join(metadataDir, kind), { recursive: true });
  for (const kind of ['triggers', 'templates']) mkdirSync(join(metadataDir, kind));
  cpSync(join(FIXTURE, 'account-created.json'), join(metadataDir, 'triggers', 'account-created.json'));
  cpSync(join(FIXTURE, 'account-welcome.json'), join(metadataDir, 'templates', 'account-welcome.json'));
});
afterAll(() => rmSync(metadataDir, { recursive: true, force: true }));

interface World {
  t: TestServer;
  owner: Person; // English, with an address
  member: Person; // in the team, Chinese, with an address
  quiet: Person; // in the team, no address
}

async function world(config: Partial<Config>): Promise<World> {
  const t = await startTestServer({ metadataDir, processesDir: FIXTURE, config });
  // Usernames in mailing order: the owner's message goes out first.
  const owner = await person(t, { role: 'sales-rep', prefix: 'a-owner' });
  const member = await person(t, { role: 'sales-rep', prefix: 'b-member' });
  const quiet = await person(t, { role: 'sales-rep', prefix: 'c-quiet' });
  expect((await t.admin.patch(`/api/org/users/${owner.id}`, { email: 'owner@example.com', locale: 'en', displayName: 'Olivia Owner' })).status).toBe(200);
  expect((await t.admin.patch(`/api/org/users/${member.id}`, { email: 'member@example.com', displayName: '李四' })).status).toBe(200);
  expect((await t.admin.post('/api/org/teams', { key: 'notify-fixture', name: 'Fixture team' })).status).toBe(201);
  expect((await t.admin.put('/api/org/teams/notify-fixture/members', { members: [{ userId: member.id }, { userId: quiet.id }] })).status).toBe(200);
  return { t, owner, member, quiet };
}

async function engine<T = any>(t: TestServer, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${t.url}/engine-rest${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The owner creates an account; its trigger starts the fixture process. */
async function createAccount(w: World): Promise<{ id: string; name: string; instanceId: string }> {
  const name = uniqueName('Acme');
  const res = await w.owner.api.post('/api/records/account', { name });
  expect(res.status).toBe(201);
  const [instance] = await engine<{ id: string }[]>(w.t, 'GET', `/process-instance?businessKey=${res.body.id}`);
  return { id: res.body.id, name, instanceId: instance.id };
}

const completed = async (t: TestServer, instanceId: string) => (await engine<{ state: string }>(t, 'GET', `/history/process-instance/${instanceId}`)).state === 'COMPLETED';

async function stored(t: TestServer, accountId: string) {
  return t.server.db.query<{ userId: string; subject: string; mailed: boolean }>(
    `select user_id as "userId", subject, mailed_at is not null as mailed from notify.notification where record_id = $1 order by subject`,
    [accountId],
  );
}

describe('in-process workers', () => {
  let w: World;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    w = await world({ SMTP_URL: smtp.url, MAIL_FROM });
  });
  afterAll(async () => {
    await w?.t.stop();
    await smtp?.stop();
  });

  test('given an account created, the owner and the team are told (mail where they have an address) and the account is marked', async () => {
    const account = await createAccount(w);
    await waitFor(() => completed(w.t, account.instanceId), 20_000);

    expect(smtp.to('owner@example.com')).toEqual([
      { from: 'crm@test.example', to: ['owner@example.com'], fromHeader: MAIL_FROM.replace('CRM Test', '"CRM Test"'), subject: `New account: ${account.name}`, text: `Hello Olivia Owner,\naccount ${account.name} was created (account ${account.id}).` },
    ]);
    expect(smtp.to('member@example.com')).toEqual([expect.objectContaining({ subject: `新客户：${account.name}`, text: `李四，您好：\n客户 ${account.name} 已创建（account ${account.id}）。` })]);
    expect(smtp.mails).toHaveLength(2);

    const rows = await stored(w.t, account.id);
    expect(rows.map((r) => [r.userId, r.mailed]).sort()).toEqual([[w.owner.id, true], [w.member.id, true], [w.quiet.id, false]].sort());
    const inbox = await w.quiet.api.get('/api/notifications');
    expect(inbox.body.items[0]).toMatchObject({ template: 'account-welcome', subject: `新客户：${account.name}`, record: { entity: 'account', id: account.id }, readAt: null });

    const record = await w.owner.api.get(`/api/records/account/${account.id}`);
    expect(record.body).toMatchObject({ level: 'A', region: 'East' });
    const history = await w.owner.api.get(`/api/records/account/${account.id}/history`);
    expect(JSON.stringify(history.body)).toContain('crm-workers');
  });

  test('the process entity the workers write to comes from the trigger', async () => {
    expect((await w.owner.api.get('/api/metadata/processes/notify-fixture')).body).toEqual({ key: 'notify-fixture', entity: 'account' });
    expect((await w.owner.api.get('/api/metadata/processes')).body.items).toEqual([{ key: 'notify-fixture', entity: 'account' }]);
    expect((await w.owner.api.get('/api/metadata/processes/nothing-starts-this')).status).toBe(404);
  });
});

describe('a worker killed while mailing, then started again', () => {
  let w: World;
  let smtp: TestSmtp;
  const children: WorkersChild[] = [];
  let heldOnce = false;
  beforeAll(async () => {
    // The first mail to the member is never answered: the worker waits on it until it is killed.
    smtp = await startSmtp({ hold: (mail) => mail.to.includes('member@example.com') && !heldOnce && (heldOnce = true) });
    w = await world({ WORKERS: 'off' });
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await w?.t.stop();
    await smtp?.stop();
  });

  test('stores no second notification and mails only the messages not mailed before', async () => {
    const { token } = await w.t.server.auth.ensureServiceToken('crm-fleet', 'fleet');
    const env = { ENGINE_URL: `${w.t.url}/engine-rest`, ENGINE_TOKEN: token, API_URL: `${w.t.url}/api`, SMTP_URL: smtp.url, MAIL_FROM };
    const account = await createAccount(w);

    const first = workersProcess(env);
    children.push(first);
    await waitFor(() => smtp.held.length === 1 || first.child.exitCode !== null, 30_000);
    expect(smtp.held).toHaveLength(1);
    expect(smtp.to('owner@example.com')).toHaveLength(1);
    first.child.kill('SIGKILL');
    await first.exited;
    const afterCrash = await stored(w.t, account.id);
    expect(afterCrash.map((r) => [r.userId, r.mailed]).sort()).toEqual([[w.owner.id, true], [w.member.id, false], [w.quiet.id, false]].sort());

    // The dead worker's lock would last its lock duration: release it, as an operator would.
    const [task] = await engine<{ id: string; topicName: string }[]>(w.t, 'GET', `/external-task?processInstanceId=${account.instanceId}`);
    expect(task.topicName).toBe('notify');
    await engine(w.t, 'POST', `/external-task/${task.id}/unlock`);

    const second = workersProcess(env);
    children.push(second);
    await waitFor(() => completed(w.t, account.instanceId), 30_000);
    second.child.kill('SIGTERM');
    await second.exited;

    expect(smtp.to('owner@example.com')).toHaveLength(1);
    expect(smtp.to('member@example.com')).toHaveLength(1);
    const rows = await stored(w.t, account.id);
    expect(rows.map((r) => [r.userId, r.mailed]).sort()).toEqual([[w.owner.id, true], [w.member.id, true], [w.quiet.id, false]].sort());
    expect((await w.owner.api.get(`/api/records/account/${account.id}`)).body).toMatchObject({ level: 'A', region: 'East' });
  });
});
