/**
 * Resource transfer (POST /api/transfer): a departing user's records (soft-deleted ones too), open
 * user tasks and manual shares move to another user in one audited transaction. A dry run answers
 * exactly what the real run then moves; afterwards the receiver sees everything and the old owner
 * only what rules still grant; bad input and failures halfway change nothing. Then the same on a
 * remote engine (ENGINE_URL, another server's embedded engine behind a proxy that loses an answer):
 * the task assignment goes through the outbox and is simply resent.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.js';
import { ApiClient, startTestServer, uniqueName, waitFor, type TestServer } from '../support/harness.js';

const MODEL = readFileSync(new URL('./transfer-fixture/owner-review.bpmn', import.meta.url));

interface Person {
  id: string;
  api: ApiClient;
}

/** A user made with the auth service (and signed in, when active and a person). */
async function person(t: TestServer, opts: { isService?: boolean; active?: boolean } = {}): Promise<Person> {
  const username = uniqueName('u');
  const password = `${username}-password`;
  const { id } = await t.server.auth.createUser({ username, password, isService: opts.isService });
  const api = new ApiClient(t.url);
  if (!opts.isService) expect((await api.login(username, password)).status).toBe(200);
  if (opts.active === false) await t.server.db.query('update sec.user set active = false where id = $1', [id]);
  return { id, api };
}

/** The embedded (or remote) engine's REST API as admin. */
function engineRest(t: TestServer) {
  const authorization = `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`;
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const init: RequestInit = { method, headers: { authorization } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { authorization, 'content-type': 'application/json' };
    }
    const res = await fetch(`${t.url}/engine-rest${path}`, init);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
}

/** Deploy owner-review and start it for `owner`: the id of its open user task. */
async function ownersTask(t: TestServer, owner: string): Promise<{ id: string; processInstanceId: string }> {
  const engine = engineRest(t);
  const form = new FormData();
  form.append('deployment-name', 'owner-review');
  form.append('enable-duplicate-filtering', 'true');
  form.append('owner-review.bpmn', new Blob([new Uint8Array(MODEL)]), 'owner-review.bpmn');
  await engine('POST', '/deployment/create', form);
  const pi = await engine('POST', '/process-definition/key/owner-review/start', { variables: { owner: { value: owner, type: 'String' } } });
  const [task] = await engine('GET', `/task?processInstanceId=${pi.id}`);
  expect(task.assignee).toBe(owner);
  return { id: task.id, processInstanceId: pi.id };
}

const sorted = (ids: string[]) => [...ids].sort();

describe('on the embedded engine', () => {
  let t: TestServer;
  let adminId: string;
  let alice: Person; // leaves: everything of hers moves
  let bob: Person; // receives
  let dave: Person; // owns records shared with alice
  let rep: Person; // not an administrator
  let bot: Person; // service account
  let gone: Person; // deactivated
  const rec: Record<string, string> = {};
  let task: { id: string; processInstanceId: string };
  let davesTask: { id: string; processInstanceId: string };
  /** Alice's lead lacks what lead-qualification needs: its "Complete lead" task is hers. */
  let leadTask: { id: string; name: string; processInstanceId: string };
  /** Alice's open tasks as a transfer lists them (by id). */
  const alicesTasks = () => [{ ...task, name: 'Review account' }, leadTask].sort((a, b) => a.id.localeCompare(b.id)).map(({ id, name, processInstanceId }) => ({ id, name, processInstanceId }));

  const created = async (p: Person, entity: string, body: Record<string, unknown>): Promise<string> => {
    const res = await p.api.post(`/api/records/${entity}`, body);
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const share = (entity: string, recordId: string, kind: string, key: string, access: 'read' | 'edit') =>
    t.server.db.query('insert into sec.share (entity, record_id, grantee_kind, grantee_key, access) values ($1, $2, $3, $4, $5)', [entity, recordId, kind, key, access]);

  /** Everything a transfer could change: owners and versions of every record, shares, task assignees, audit rows, outbox. */
  async function snapshot() {
    const q = t.server.db;
    const tables = Object.values(t.server.store.current.entities).filter((e) => e.owner);
    const records = await Promise.all(tables.map((e) => q.query(`select id, owner_id, version, updated_by from crm.${e.table} order by id`)));
    const [counts] = await q.query(
      `select (select count(*)::int from audit.change) as changes, (select count(*)::int from audit.event where kind = 'transfer') as transfers,
              (select count(*)::int from engine.command_outbox) as commands`,
    );
    return {
      records,
      counts,
      shares: await q.query('select entity, record_id, grantee_kind, grantee_key, access from sec.share order by id'),
      tasks: await q.query('select id, assignee from engine.task order by id'),
    };
  }

  beforeAll(async () => {
    t = await startTestServer();
    [{ id: adminId }] = await t.server.db.query<{ id: string }>(`select id from sec.user where username = 'admin'`);
    [alice, bob, dave, rep, bot, gone] = await Promise.all([person(t), person(t), person(t), person(t), person(t, { isService: true }), person(t, { active: false })]);
    // Alice's team: a record shared with the team stays visible to her after the transfer.
    const [team] = await t.server.db.query<{ id: string }>(`insert into sec.team (key, name) values ('alpha', 'Alpha') returning id`);
    await t.server.db.query('insert into sec.team_member (team_id, user_id) values ($1, $2)', [team.id, alice.id]);

    rec.a1 = await created(alice, 'account', { name: 'Alice Plain Ltd' });
    rec.a2 = await created(alice, 'account', { name: 'Alice Team Ltd' });
    rec.a3 = await created(alice, 'account', { name: 'Alice Deleted Ltd' });
    expect((await alice.api.delete(`/api/records/account/${rec.a3}`)).status).toBe(204);
    rec.c1 = await created(alice, 'contact', { firstName: 'Lei', lastName: 'Li' });
    rec.l1 = await created(alice, 'lead', { company: 'Alice Lead Co', contactName: 'Han Meimei' });
    rec.o1 = await created(alice, 'opportunity', { name: 'Alice Deal', account: rec.a1 });
    rec.d1 = await created(dave, 'account', { name: 'Dave Shared Ltd' });
    rec.d2 = await created(dave, 'account', { name: 'Dave Both Ltd' });
    await share('account', rec.a2, 'team', 'alpha', 'read');
    await share('account', rec.d1, 'user', alice.id, 'read');
    await share('account', rec.d2, 'user', alice.id, 'edit');
    await share('account', rec.d2, 'user', bob.id, 'read');

    task = await ownersTask(t, alice.id);
    davesTask = await ownersTask(t, dave.id);
    // The lead's process comes to rest at "Complete lead" before anything is compared.
    await waitFor(async () => {
      [leadTask] = await engineRest(t)('GET', `/task?processInstanceBusinessKey=${rec.l1}&taskDefinitionKey=completeLead`);
      return leadTask !== undefined;
    }, 30_000);
    expect(leadTask.name).toBe('完善线索 Complete lead');
  }, 60_000);
  afterAll(async () => t?.stop());

  test('bad input changes nothing: 401 signed out, 403 for non-administrators, 400 naming each bad field', async () => {
    const before = await snapshot();
    const valid = { fromUserId: alice.id, toUserId: bob.id };
    expect((await new ApiClient(t.url).post('/api/transfer', valid)).status).toBe(401);
    const refused = await rep.api.post('/api/transfer', valid);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/forbidden$/);

    const cases: [unknown, { path: string; message: string }[]][] = [
      [{}, [{ path: '/fromUserId', message: 'is required' }, { path: '/toUserId', message: 'is required' }]],
      [{ ...valid, fromUserId: 'alice' }, [{ path: '/fromUserId', message: 'must be a user id (uuid)' }]],
      [{ ...valid, fromUserId: randomUUID() }, [{ path: '/fromUserId', message: 'no such user' }]],
      [{ ...valid, toUserId: randomUUID() }, [{ path: '/toUserId', message: 'no such user' }]],
      [{ ...valid, toUserId: bot.id }, [{ path: '/toUserId', message: 'must be a person, not a service account' }]],
      [{ ...valid, toUserId: gone.id }, [{ path: '/toUserId', message: 'must be an active user' }]],
      [{ ...valid, toUserId: alice.id }, [{ path: '/toUserId', message: 'must be another user than fromUserId' }]],
      [
        { ...valid, entities: ['account', 'nope', 'product'] },
        [
          { path: '/entities/1', message: 'no entity "nope"' },
          { path: '/entities/2', message: 'product records have no owner' },
        ],
      ],
      [{ ...valid, entities: 'account' }, [{ path: '/entities', message: 'must be an array of entity names' }]],
      [{ ...valid, tasks: 'yes', dryRun: 1 }, [{ path: '/tasks', message: 'must be true or false' }, { path: '/dryRun', message: 'must be true or false' }]],
      [{ ...valid, everything: true }, [{ path: '/everything', message: 'unknown field' }]],
      [[valid], [{ path: '/', message: 'must be a JSON object' }]],
    ];
    for (const [body, errors] of cases) {
      const res = await t.admin.post('/api/transfer', body);
      expect([res.status, res.headers.get('content-type')]).toEqual([400, expect.stringContaining('application/problem+json')]);
      expect(res.body.errors).toEqual(expect.arrayContaining(errors));
      expect(res.body.errors).toHaveLength(errors.length);
    }
    expect(await snapshot()).toEqual(before);
  });

  test('a failure halfway rolls everything back: a records constraint, or a task gone before its reassignment', async () => {
    const before = await snapshot();
    const db = t.server.db;
    // The opportunity table refuses bob as owner: accounts, contacts and leads were moved before it.
    await db.query(`alter table crm.opportunity add constraint transfer_test_refuse check (owner_id <> '${bob.id}'::uuid) not valid`);
    try {
      expect((await t.admin.post('/api/transfer', { fromUserId: alice.id, toUserId: bob.id })).status).toBe(500);
    } finally {
      await db.query('alter table crm.opportunity drop constraint transfer_test_refuse');
    }
    expect(await snapshot()).toEqual(before);

    // The task is completed by someone else while the transfer runs (here: deleted when the leads move,
    // in the transfer's own transaction): its reassignment fails, and with it the whole transfer.
    await db.query(`create function transfer_test_vanish_task() returns trigger language plpgsql as $$
      begin delete from engine.task where id = '${task.id}'; return null; end $$`);
    await db.query('create trigger transfer_test_vanish after update on crm.lead for each statement execute function transfer_test_vanish_task()');
    try {
      const res = await t.admin.post('/api/transfer', { fromUserId: alice.id, toUserId: bob.id });
      expect(res.status).toBe(409);
      expect(res.body.errors).toEqual([{ path: `/tasks/${alicesTasks().findIndex((x) => x.id === task.id)}`, message: expect.stringContaining(task.id) }]);
    } finally {
      await db.query('drop trigger transfer_test_vanish on crm.lead');
      await db.query('drop function transfer_test_vanish_task()');
    }
    expect(await snapshot()).toEqual(before);
  });

  test('a dry run answers exactly what the transfer then moves, and changes nothing', async () => {
    const before = await snapshot();
    const dry = await t.admin.post('/api/transfer', { fromUserId: alice.id, toUserId: bob.id, dryRun: true });
    expect(dry.status).toBe(200);
    // Every entity with owners is listed; alice owns records of these four only.
    const owned = Object.values(t.server.store.current.entities).filter((e) => !e.hidden && e.owner).map((e) => e.name);
    expect(Object.keys(dry.body.records).sort()).toEqual(owned.sort());
    const nothing = Object.fromEntries(Object.keys(dry.body.records).map((entity) => [entity, { count: 0, ids: [] }]));
    const noCounts = Object.fromEntries(Object.keys(dry.body.records).map((entity) => [entity, 0]));
    expect(dry.body).toEqual({
      dryRun: true,
      fromUserId: alice.id,
      toUserId: bob.id,
      records: {
        ...nothing,
        account: { count: 3, ids: sorted([rec.a1, rec.a2, rec.a3]) },
        contact: { count: 1, ids: [rec.c1] },
        lead: { count: 1, ids: [rec.l1] },
        opportunity: { count: 1, ids: [rec.o1] },
        activity: { count: 0, ids: [] },
      },
      tasks: alicesTasks(),
      shares: sorted([rec.d1, rec.d2]).map((id) => ({ entity: 'account', recordId: id, access: id === rec.d1 ? 'read' : 'edit' })),
    });
    expect(await snapshot()).toEqual(before);

    const real = await t.admin.post('/api/transfer', { fromUserId: alice.id, toUserId: bob.id });
    expect(real.status).toBe(200);
    expect(real.body).toEqual({ ...dry.body, dryRun: false });

    // Audited: one ownerId change per record (by the admin), one transfer event.
    const changes = await t.server.db.query<any>(
      `select entity, record_id as "recordId", actor_id as "actorId", action, before, after from audit.change where field = 'ownerId' order by entity, record_id`,
    );
    const moved = Object.entries(dry.body.records as Record<string, { ids: string[] }>).flatMap(([entity, r]) => r.ids.map((id) => ({ entity, id })));
    expect(changes).toEqual(
      moved
        .sort((a, b) => a.entity.localeCompare(b.entity) || a.id.localeCompare(b.id))
        .map(({ entity, id }) => ({ entity, recordId: id, actorId: adminId, action: 'update', before: alice.id, after: bob.id })),
    );
    const events = await t.server.db.query<any>(`select actor_id as "actorId", target, detail from audit.event where kind = 'transfer'`);
    expect(events).toEqual([
      {
        actorId: adminId,
        target: `user:${alice.id}`,
        detail: { from: alice.id, to: bob.id, counts: { ...noCounts, account: 3, contact: 1, lead: 1, opportunity: 1 }, tasks: 2, shares: 2, dryRun: false },
      },
    ]);
    const a1 = await t.admin.get(`/api/records/account/${rec.a1}`);
    expect([a1.body.ownerId, a1.body.version, a1.body.updatedBy]).toEqual([bob.id, 2, adminId]);
    // Nothing is left to move.
    const again = await t.admin.post('/api/transfer', { fromUserId: alice.id, toUserId: bob.id, dryRun: true });
    expect(again.body.records).toEqual(nothing);
    expect([again.body.tasks, again.body.shares]).toEqual([[], []]);
  });

  test('afterwards the receiver reaches everything; the old owner only what rules and shares still grant', async () => {
    for (const [entity, id] of [['account', rec.a1], ['account', rec.a2], ['contact', rec.c1], ['lead', rec.l1], ['opportunity', rec.o1], ['account', rec.d1], ['account', rec.d2]])
      expect([entity, id, (await bob.api.get(`/api/records/${entity}/${id}`)).status]).toEqual([entity, id, 200]);
    const binOf = async (p: Person) => (await p.api.get('/api/records/account?deleted=only')).body.items.map((r: any) => r.id);
    expect(await binOf(bob)).toEqual([rec.a3]);
    expect(await binOf(alice)).toEqual([]);

    // Alice: the team share of a2 still grants it; her own records and her user shares are gone.
    expect((await alice.api.get(`/api/records/account/${rec.a2}`)).status).toBe(200);
    for (const [entity, id] of [['account', rec.a1], ['contact', rec.c1], ['lead', rec.l1], ['opportunity', rec.o1], ['account', rec.d1], ['account', rec.d2]])
      expect([entity, id, (await alice.api.get(`/api/records/${entity}/${id}`)).status]).toEqual([entity, id, 404]);

    // d2 was shared with both: one share for bob, with the higher access (edit).
    expect(await t.server.db.query(`select grantee_kind, grantee_key, access from sec.share where record_id = $1`, [rec.d2])).toEqual([
      { grantee_kind: 'user', grantee_key: bob.id, access: 'edit' },
    ]);
    expect((await bob.api.patch(`/api/records/account/${rec.d2}`, { name: 'Dave Both Ltd (edited by Bob)' })).status).toBe(200);
  });

  test("the old owner's open task is the new owner's; other tasks keep their assignee", async () => {
    const engine = engineRest(t);
    expect((await engine('GET', `/task/${task.id}`)).assignee).toBe(bob.id);
    expect((await engine('GET', `/task/${leadTask.id}`)).assignee).toBe(bob.id);
    expect((await engine('GET', `/task/${davesTask.id}`)).assignee).toBe(dave.id);
    const [historic] = await engine('GET', `/history/task?taskId=${task.id}`);
    expect(historic.assignee).toBe(bob.id);
  });

  test('10,000 records move, each audited (speed is not asserted here: one statement per entity by design)', async () => {
    const [from, to] = await Promise.all([person(t), person(t)]);
    await t.server.db.query(`insert into crm.account (owner_id, created_by, name) select $1, $1, 'Bulk ' || i from generate_series(1, 10000) i`, [from.id]);
    const before = (await t.server.db.query<{ n: number }>('select count(*)::int as n from audit.change'))[0].n;
    const res = await t.admin.post('/api/transfer', { fromUserId: from.id, toUserId: to.id, entities: ['account'], tasks: false, shares: false });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.records)).toEqual(['account']);
    expect(res.body.records.account.count).toBe(10_000);
    expect(res.body.records.account.ids).toHaveLength(1000);
    expect((await t.server.db.query<{ n: number }>('select count(*)::int as n from audit.change'))[0].n - before).toBe(10_000);
    expect((await t.server.db.query<{ n: number }>('select count(*)::int as n from crm.account where owner_id = $1', [to.id]))[0].n).toBe(10_000);
  }, 30_000);
});

describe('on a remote engine (ENGINE_URL)', () => {
  let engineSrv: TestServer;
  let proxy: FlakyProxy;
  let runtime: TestServer;

  beforeAll(async () => {
    engineSrv = await startTestServer();
    proxy = await startFlakyProxy({ host: '127.0.0.1', port: engineSrv.server.port });
    runtime = await startTestServer({ config: { ENGINE_URL: `http://127.0.0.1:${proxy.port}/engine-rest`, ENGINE_USER: 'admin', ENGINE_PASSWORD: engineSrv.adminPassword } });
  }, 60_000);
  afterAll(async () => {
    await runtime?.stop();
    await proxy?.close();
    await engineSrv?.stop();
  });

  test('the task is reassigned through the outbox after commit; an answer lost on the way is simply resent', async () => {
    const [from, to] = await Promise.all([person(runtime), person(runtime)]);
    const account = (await from.api.post('/api/records/account', { name: 'Remote Ltd' })).body.id;
    const task = await ownersTask(engineSrv, from.id);
    proxy.dropResponses(1, /^POST \/engine-rest\/task\/[^/ ]+\/assignee /);

    const res = await runtime.admin.post('/api/transfer', { fromUserId: from.id, toUserId: to.id });
    expect(res.status).toBe(200);
    expect(res.body.records.account).toEqual({ count: 1, ids: [account] });
    expect(res.body.tasks).toEqual([{ id: task.id, name: 'Review account', processInstanceId: task.processInstanceId }]);

    const row = async () =>
      (
        await runtime.server.db.query<any>(
          `select business_key as "businessKey", command, attempts, result, delivered_time is not null as delivered from engine.command_outbox where command->>'type' = 'setAssignee'`,
        )
      )[0];
    await waitFor(async () => (await row())?.delivered === true, 20_000);
    expect(await row()).toEqual({
      businessKey: `task:${task.id}`,
      command: { type: 'setAssignee', taskId: task.id, userId: to.id },
      attempts: 2,
      result: { assigned: to.id },
      delivered: true,
    });
    expect(proxy.dropped).toBe(1);
    expect((await engineRest(engineSrv)('GET', `/task/${task.id}`)).assignee).toBe(to.id);
  }, 30_000);
});
