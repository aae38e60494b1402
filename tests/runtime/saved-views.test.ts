/**
 * Saved views through the HTTP API on real PostgreSQL: a person saves, lists, changes and deletes
 * their own list views; nobody else sees or touches them (another's view answers 404 like one that
 * does not exist); a view naming an unknown field, a bad sort or mode, or an entity the role may not
 * read is refused with the path of the mistake and stores nothing; names are unique per entity. A
 * view may group its table by a field, held to the rule view documents are (metadata/checks/views.ts).
 */
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let rep: Person;
let other: Person;

beforeAll(async () => {
  t = await startTestServer();
  rep = await person(t, { role: 'sales-rep', prefix: 'sv-rep' });
  other = await person(t, { role: 'sales-rep', prefix: 'sv-other' });
});
afterAll(async () => {
  await t?.stop();
});

const uniqueViewName = () => `View ${randomUUID().slice(0, 8)}`;

const stored = async (userId: string) => (await t.server.db.query<{ n: number }>('select count(*)::int as n from workspace.saved_view where user_id = $1', [userId]))[0].n;

const pipeline = {
  entity: 'opportunity',
  name: 'My big deals',
  filter: "amount gte 10000 and stage ne 'lost'",
  sort: [{ field: 'amount', direction: 'desc' }],
  columns: ['name', 'account.name', 'amount', 'stage'],
  groupBy: null,
  mode: 'table',
};

test('given a rep, when they save a view, then it is listed, read back and can be changed and deleted', async () => {
  // When a view is saved
  const created = await rep.api.post('/api/saved-views', pipeline);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ ...pipeline, id: expect.any(String) });

  // Then it is listed for that entity (and not for another) and reads back whole
  const listed = await rep.api.get('/api/saved-views?entity=opportunity');
  expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(['My big deals']);
  expect((await rep.api.get('/api/saved-views?entity=account')).body.items).toEqual([]);
  expect((await rep.api.get(`/api/saved-views/${created.body.id}`)).body).toEqual(created.body);

  // When it is changed to a kanban with a JSON filter, then that is what is stored
  const changed = await rep.api.put(`/api/saved-views/${created.body.id}`, { ...pipeline, name: 'Pipeline board', mode: 'kanban', filter: { field: 'stage', op: 'ne', value: 'lost' }, columns: null });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ name: 'Pipeline board', mode: 'kanban', filter: { field: 'stage', op: 'ne', value: 'lost' }, columns: null });

  // When it is deleted, then it is gone
  expect((await rep.api.delete(`/api/saved-views/${created.body.id}`)).status).toBe(204);
  expect((await rep.api.get(`/api/saved-views/${created.body.id}`)).status).toBe(404);
  expect(await stored(rep.id)).toBe(0);
});

test('given one rep’s view, then another user neither lists, reads, changes nor deletes it', async () => {
  const mine = await rep.api.post('/api/saved-views', { ...pipeline, name: 'Private view' });
  expect(mine.status).toBe(201);
  const absent = randomUUID();
  expect((await other.api.get('/api/saved-views')).body.items).toEqual([]);
  for (const id of [mine.body.id, absent]) {
    const read = await other.api.get(`/api/saved-views/${id}`);
    const put = await other.api.put(`/api/saved-views/${id}`, { ...pipeline, name: 'Taken over' });
    const del = await other.api.delete(`/api/saved-views/${id}`);
    expect([read.status, put.status, del.status]).toEqual([404, 404, 404]);
    expect(JSON.stringify([read.body, put.body, del.body]).split(id).join('<id>')).not.toContain('Private view');
  }
  expect((await rep.api.get(`/api/saved-views/${mine.body.id}`)).body.name).toBe('Private view');
});

test('a view with mistakes is refused naming each one, and nothing is stored', async () => {
  const before = await stored(rep.id);
  const cases: [Record<string, unknown>, number, string][] = [
    [{ ...pipeline, name: 'Bad filter', filter: "nosuchfield eq 'x'" }, 400, '/filter'],
    [{ ...pipeline, name: 'Bad sort', sort: [{ field: 'nosuchfield', direction: 'asc' }] }, 400, '/sort'],
    [{ ...pipeline, name: 'Bad sort direction', sort: [{ field: 'amount', direction: 'up' }] }, 400, '/sort/0'],
    [{ ...pipeline, name: 'Bad column', columns: ['name', 'account.nosuchfield'] }, 400, '/columns/1'],
    [{ ...pipeline, name: 'Bad mode', mode: 'calendar' }, 400, '/mode'],
    [{ ...pipeline, name: '' }, 400, '/name'],
    [{ ...pipeline, name: 'Extra', colour: 'red' }, 400, '/colour'],
    [{ ...pipeline, name: 'No entity', entity: undefined }, 400, '/entity'],
    [{ ...pipeline, name: 'Unknown entity', entity: 'nosuchentity' }, 404, ''],
    // sales reps may not read dispatch orders
    [{ entity: 'dispatchOrder', name: 'Not mine to read' }, 403, ''],
  ];
  for (const [body, status, path] of cases) {
    const res = await rep.api.post('/api/saved-views', body);
    expect({ name: body.name, status: res.status }).toEqual({ name: body.name, status });
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    if (path) expect(res.body.errors.map((e: { path: string }) => e.path).some((p: string) => p.startsWith(path))).toBe(true);
  }
  expect(await stored(rep.id)).toBe(before);
});

test('names are unique per person and entity, ignoring case; the same name is fine for another person or entity', async () => {
  const first = await rep.api.post('/api/saved-views', { entity: 'account', name: 'Key accounts' });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ filter: null, sort: [], columns: null, groupBy: null, mode: 'table' });
  const again = await rep.api.post('/api/saved-views', { entity: 'account', name: 'KEY ACCOUNTS' });
  expect(again.status).toBe(409);
  expect(again.body.errors).toEqual([{ path: '/name', message: expect.any(String) }]);
  expect((await rep.api.post('/api/saved-views', { entity: 'contact', name: 'Key accounts' })).status).toBe(201);
  expect((await other.api.post('/api/saved-views', { entity: 'account', name: 'Key accounts' })).status).toBe(201);
  // renaming another view onto a taken name is refused too, and the view keeps its entity
  const second = await rep.api.post('/api/saved-views', { entity: 'account', name: 'Second' });
  expect((await rep.api.put(`/api/saved-views/${second.body.id}`, { entity: 'account', name: 'key accounts' })).status).toBe(409);
  expect((await rep.api.put(`/api/saved-views/${second.body.id}`, { entity: 'contact', name: 'Second' })).status).toBe(400);
  expect((await rep.api.get(`/api/saved-views/${second.body.id}`)).body).toMatchObject({ entity: 'account', name: 'Second' });
});

test('given a view grouped by a field, then the grouping is stored, read back and changed with it; a field the list cannot be grouped by is refused naming it, and nothing changes', async () => {
  // When a view grouped by stage with two sort keys is saved
  const grouped = { ...pipeline, name: 'Deals by stage', groupBy: 'stage', sort: [{ field: 'stage', direction: 'asc' }, { field: 'amount', direction: 'desc' }] };
  const created = await rep.api.post('/api/saved-views', grouped);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ groupBy: 'stage', sort: grouped.sort });
  // Then it reads back grouped, alone and in the list
  expect((await rep.api.get(`/api/saved-views/${created.body.id}`)).body).toMatchObject({ groupBy: 'stage', sort: grouped.sort });
  expect((await rep.api.get('/api/saved-views?entity=opportunity')).body.items.find((v: { id: string }) => v.id === created.body.id).groupBy).toBe('stage');
  // and the grouping changes (a lookup, the owner) and goes with a PUT
  for (const groupBy of ['account', 'ownerId', null]) {
    const changed = await rep.api.put(`/api/saved-views/${created.body.id}`, { ...grouped, groupBy });
    expect({ groupBy, status: changed.status }).toEqual({ groupBy, status: 200 });
    expect(changed.body.groupBy).toBe(groupBy);
  }
  // leaving it out of the body is no grouping
  const { groupBy: _omitted, ...ungrouped } = grouped;
  expect((await rep.api.put(`/api/saved-views/${created.body.id}`, ungrouped)).body.groupBy).toBeNull();
  expect((await rep.api.put(`/api/saved-views/${created.body.id}`, grouped)).body.groupBy).toBe('stage');

  // When the grouping names a field the list cannot be grouped by, then the view is refused at /groupBy naming the field
  const before = await stored(rep.id);
  const cases: [Record<string, unknown>, string][] = [
    [{ ...grouped, name: 'By amount', groupBy: 'amount' }, 'amount'], // a number: amounts do not repeat as headings
    [{ ...grouped, name: 'By probability', groupBy: 'probability' }, 'probability'],
    [{ ...grouped, name: 'By nothing', groupBy: 'nosuchfield' }, 'nosuchfield'],
    [{ ...grouped, name: 'By creation', groupBy: 'createdAt' }, 'createdAt'], // an instant, not a heading
    [{ ...grouped, name: 'By a number', groupBy: 7 }, ''],
    // a field the rep's role does not see is as unknown as one that does not exist
    [{ entity: 'contract', name: 'By review', groupBy: 'reviewInstanceId' }, 'reviewInstanceId'],
  ];
  for (const [body, field] of cases) {
    const res = await rep.api.post('/api/saved-views', body);
    expect({ name: body.name, status: res.status }).toEqual({ name: body.name, status: 400 });
    expect(res.body.errors).toEqual([{ path: '/groupBy', message: expect.stringContaining(field) }]);
  }
  // the same rule as a view document's groupBy: the admin, who sees the field, may group contracts by it
  const admins = await t.admin.post('/api/saved-views', { entity: 'contract', name: uniqueViewName(), groupBy: 'reviewInstanceId' });
  expect(admins.status).toBe(201);
  expect(await stored(rep.id)).toBe(before);
  // and a refused change leaves the stored view as it was
  const refused = await rep.api.put(`/api/saved-views/${created.body.id}`, { ...grouped, name: 'Renamed', groupBy: 'amount' });
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual([{ path: '/groupBy', message: expect.stringContaining('"amount"') }]);
  expect((await rep.api.get(`/api/saved-views/${created.body.id}`)).body).toMatchObject({ name: 'Deals by stage', groupBy: 'stage' });
});
