/**
 * /engine-rest on the product server: never open. HTTP Basic or a bearer token; only admins and
 * service accounts; Camunda's error shape with the exact JSON content type; a Modeler-style deploy
 * with Basic credentials works.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multipartBody } from '../engine/support.js';
import { VerifiedCredentials } from '../../runtime/engine-api/auth.js';
import { startTestServer, waitFor, type TestServer } from '../support/harness.js';

let t: TestServer;
const basic = (u: string, p: string) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64') });

beforeAll(async () => {
  t = await startTestServer();
  await t.server.auth.createUser({ username: 'rep', password: 'rep-password' });
  await t.server.auth.createUser({ username: 'worker-bot', password: 'worker-password', isService: true });
});
afterAll(async () => {
  await t?.stop();
});

test('without credentials, or with wrong ones, every engine route answers 401 in Camunda shape', async () => {
  for (const headers of [{}, basic('admin', 'nope'), { authorization: 'Bearer crmt_forged' }]) {
    const res = await fetch(`${t.url}/engine-rest/engine`, { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await res.json()).toMatchObject({ type: 'AuthenticationException', message: expect.any(String) });
  }
});

test('an employee is refused (403); an admin (Basic) and a service account (bearer token) are let in', async () => {
  const rep = await fetch(`${t.url}/engine-rest/engine`, { headers: basic('rep', 'rep-password') });
  expect(rep.status).toBe(403);
  expect(await rep.json()).toMatchObject({ type: 'AuthorizationException' });

  const admin = await fetch(`${t.url}/engine-rest/engine`, { headers: basic('admin', t.adminPassword) });
  expect(admin.status).toBe(200);
  expect(await admin.json()).toEqual([{ name: 'default' }]);

  const bot = await t.server.auth.checkPassword('worker-bot', 'worker-password');
  const { token } = await t.server.auth.createApiToken(bot!.id, 'workers');
  const viaToken = await fetch(`${t.url}/engine-rest/version`, { headers: { authorization: `Bearer ${token}` } });
  expect(viaToken.status).toBe(200);
  expect(viaToken.headers.get('content-type')).toBe('application/json');
});

test('a remembered Basic credential stops working as the password change or deactivation commits (the server hears it)', async () => {
  await t.server.auth.createUser({ username: 'ops-admin', password: 'first-password', isAdmin: true });
  const call = (password: string) => fetch(`${t.url}/engine-rest/engine`, { headers: basic('ops-admin', password) }).then((r) => r.status);
  expect(await call('first-password')).toBe(200);
  expect(await call('first-password')).toBe(200); // now served from the remembered check
  await t.server.auth.setPassword('ops-admin', 'second-password');
  // The change reaches the server as a notification on commit: milliseconds, not a minute.
  await waitFor(async () => (await call('first-password')) === 401, 5_000);
  expect(await call('second-password')).toBe(200);
  await t.server.db.query(`update sec.user set active = false where username = 'ops-admin'`);
  await waitFor(async () => (await call('second-password')) === 401, 5_000);
});

test('without change notifications (not watched, or the connection lost), a remembered credential is checked against the user on each use', async () => {
  const user = await t.server.auth.createUser({ username: 'ops-admin-2', password: 'first-password', isAdmin: true });
  const credentials = new VerifiedCredentials();
  const stamp = await t.server.auth.credentialStamp(user.id);
  credentials.remember('key', user, stamp!);
  expect(await credentials.lookup('key', t.server.auth)).toMatchObject({ id: user.id });
  await t.server.auth.setPassword('ops-admin-2', 'second-password');
  expect(await credentials.lookup('key', t.server.auth)).toBeNull();
});

test("Camunda Modeler's deploy request with Basic credentials deploys the process", async () => {
  const xml = readFileSync(new URL('./engine-api.order-approval.bpmn', import.meta.url));
  const { body, contentType } = multipartBody([
    { name: 'deployment-name', value: 'order-approval' },
    { name: 'deployment-source', value: 'Camunda Modeler' },
    { name: 'enable-duplicate-filtering', value: 'true' },
    { name: 'deploy-changed-only', value: 'true' },
    { name: 'order-approval.bpmn', value: xml, filename: 'order-approval.bpmn', contentType: 'application/octet-stream' },
  ]);
  const res = await fetch(`${t.url}/engine-rest/deployment/create`, { method: 'POST', headers: { ...basic('admin', t.adminPassword), 'content-type': contentType }, body });
  expect(res.status).toBe(200);
  const deployment = await res.json();
  expect(Object.values(deployment.deployedProcessDefinitions)).toEqual([expect.objectContaining({ key: 'order-approval', version: 1 })]);
  const defs = await (await fetch(`${t.url}/engine-rest/process-definition?key=order-approval`, { headers: basic('admin', t.adminPassword) })).json();
  expect(defs).toHaveLength(1);
});

test('the processes folder is deployed at start; a restart with unchanged models deploys nothing new', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-processes-'));
  try {
    copyFileSync(new URL('./engine-api.order-approval.bpmn', import.meta.url), join(dir, 'order-approval.bpmn'));
    writeFileSync(join(dir, 'notes.txt'), 'not a model');
    const first = await startTestServer({ processesDir: dir });
    const auth = basic('admin', first.adminPassword);
    const defs = async (url: string) => (await fetch(`${url}/engine-rest/process-definition?key=order-approval`, { headers: auth })).json();
    expect((await defs(first.url)).map((d: { version: number }) => d.version)).toEqual([1]);
    await first.stop();
    const again = await startTestServer({ processesDir: dir, databaseUrl: first.databaseUrl, adminPassword: first.adminPassword });
    try {
      expect((await defs(again.url)).map((d: { version: number }) => d.version)).toEqual([1]);
      const deployments = await (await fetch(`${again.url}/engine-rest/deployment/count`, { headers: auth })).json();
      expect(deployments).toEqual({ count: 1 });
    } finally {
      await again.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
