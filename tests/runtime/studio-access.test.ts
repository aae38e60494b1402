/**
 * Who may use the studio: administrators, and users whose role says `studio: true` (the shipped
 * analyst role). Sign-in and /me tell the UI so (with the user's memberships); the server refuses
 * studio writes to everyone else whatever the UI shows.
 */
import { loadMetadataDir, DEFAULT_METADATA_DIR, documentsOf } from '../../metadata/index.js';
import { ApiClient, startTestServer, type TestServer } from '../support/harness.js';
import { person } from '../support/people.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const shipped = () => documentsOf(loadMetadataDir(DEFAULT_METADATA_DIR));

test('sign-in and /me answer the same user, with memberships and capabilities', async () => {
  const analyst = await person(t, { role: 'analyst', prefix: 'studio-analyst' });
  const client = new ApiClient(t.url);
  const login = await client.login(analyst.username, `${analyst.username}-password`);
  const me = await client.get('/api/auth/me');
  expect(login.body.user.memberships.role).toBe('analyst');
  expect(login.body.user).toEqual(me.body.user);
  expect(login.body.capabilities).toEqual({ studio: true, admin: false });
  expect(me.body.capabilities).toEqual({ studio: true, admin: false });
  expect((await t.admin.get('/api/auth/me')).body.capabilities).toEqual({ studio: true, admin: true });
  const rep = await person(t, { role: 'sales-rep', prefix: 'studio-rep' });
  expect((await rep.api.get('/api/auth/me')).body.capabilities).toEqual({ studio: false, admin: false });
});

test('an analyst may publish metadata; a rep may not, and nothing changes', async () => {
  const analyst = await person(t, { role: 'analyst', prefix: 'studio-publisher' });
  const rep = await person(t, { role: 'sales-rep', prefix: 'studio-refused' });
  const before = (await t.admin.get('/api/metadata/versions')).body.items.length;
  const refused = await rep.api.post('/api/metadata/publish', { ...shipped(), dryRun: true });
  expect(refused.status).toBe(403);
  expect(refused.body.detail ?? refused.body.title).toMatch(/analysts and administrators/);
  const dry = await analyst.api.post('/api/metadata/publish', { ...shipped(), dryRun: true });
  expect(dry.status).toBe(200);
  expect(dry.body.dryRun).toBe(true);
  expect((await t.admin.get('/api/metadata/versions')).body.items.length).toBe(before);
  // The role list says which roles open the studio.
  const roles = (await rep.api.get('/api/metadata/roles')).body.roles as { key: string; studio: boolean }[];
  expect(roles.find((r) => r.key === 'analyst')?.studio).toBe(true);
  expect(roles.find((r) => r.key === 'sales-rep')?.studio).toBe(false);
});
