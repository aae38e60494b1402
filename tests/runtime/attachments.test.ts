/**
 * Attachments over real HTTP and PostgreSQL: a file stored with an account comes back byte for byte
 * (name, type, size, sha256, digest header), listed with the account; a colleague who cannot see
 * the account gets 404 for list, upload and download alike; one it is shared with read-only may
 * list and download but not upload (403); an oversized or missing file is refused and stores
 * nothing; no role reaches attachments through the records API.
 */
import { createHash, randomBytes } from 'node:crypto';
import { startTestServer, uniqueName, type TestServer } from '../support/harness.js';
import { person, type Person } from '../support/people.js';

let t: TestServer;
let owner: Person & { token: string };
let reader: Person & { token: string };
let stranger: Person & { token: string };
let accountId: string;

const MAX_MB = 1;

async function withToken(p: Person): Promise<Person & { token: string }> {
  return { ...p, token: (await t.server.auth.createApiToken(p.id, 'attachments')).token };
}

/** multipart/form-data with the file in part "file" (and other text parts), as a browser sends it. */
async function upload(token: string, path: string, file: { bytes: Buffer; name: string; type: string } | null, fields: Record<string, string> = {}) {
  const form = new FormData();
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${t.url}/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function download(token: string, id: string) {
  const res = await fetch(`${t.url}/api/attachments/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const stored = async () => (await t.server.db.query<{ n: number }>('select count(*)::int as n from files.content'))[0].n;

beforeAll(async () => {
  t = await startTestServer({ config: { ATTACHMENT_MAX_MB: MAX_MB } });
  owner = await withToken(await person(t, { role: 'sales-rep' }));
  reader = await withToken(await person(t, { role: 'sales-rep' }));
  stranger = await withToken(await person(t, { role: 'sales-rep' }));
  const account = await owner.api.post('/api/records/account', { name: uniqueName('Attach') });
  expect(account.status).toBe(201);
  accountId = account.body.id;
  expect((await owner.api.post(`/api/records/account/${accountId}/shares`, { grantee: { kind: 'user', key: reader.id }, access: 'read' })).status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
});

test('given an editable account, a file stored with it comes back byte for byte, listed newest first', async () => {
  const bytes = randomBytes(70_000);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = `/records/account/${accountId}/attachments`;
  const res = await upload(owner.token, path, { bytes, name: '报价单 v1.pdf', type: 'application/pdf' }, { description: '产品清单' });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ name: '报价单 v1.pdf', mimeType: 'application/pdf', size: 70_000, sha256, recordEntity: 'account', recordId: accountId, description: '产品清单', ownerId: owner.id });
  const second = await upload(owner.token, path, { bytes: Buffer.from('hello'), name: 'notes.txt', type: 'text/plain' }, { name: 'Notes' });
  expect(second.status).toBe(201);

  const list = await owner.api.get(`/api${path}`);
  expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['Notes', '报价单 v1.pdf']);

  const got = await download(owner.token, res.body.id);
  expect(got.status).toBe(200);
  expect(got.bytes.equals(bytes)).toBe(true);
  expect(got.headers.get('content-type')).toBe('application/pdf');
  expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('报价单 v1.pdf')}`);
  expect(got.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
  expect(got.headers.get('content-security-policy')).toContain('sandbox');

  // The upload is audited as the uploader's creation of the attachment record.
  const history = await t.admin.get(`/api/records/attachment/${res.body.id}/history`);
  expect(history.body.items ?? history.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'create' })]));
});

test('a colleague who cannot see the account gets 404 everywhere, as for an account that does not exist', async () => {
  const [attachment] = (await owner.api.get(`/api/records/account/${accountId}/attachments`)).body.items;
  const before = await stored();
  const missing = '00000000-0000-4000-8000-000000000000';
  for (const id of [accountId, missing]) {
    expect((await stranger.api.get(`/api/records/account/${id}/attachments`)).status).toBe(404);
    expect((await upload(stranger.token, `/records/account/${id}/attachments`, { bytes: Buffer.from('x'), name: 'x.txt', type: 'text/plain' })).status).toBe(404);
  }
  const hidden = await download(stranger.token, attachment.id);
  const absent = await download(stranger.token, missing);
  expect([hidden.status, absent.status]).toEqual([404, 404]);
  expect(hidden.bytes.toString().replaceAll(attachment.id, '<id>')).toBe(absent.bytes.toString().replaceAll(missing, '<id>'));
  expect(await stored()).toBe(before);
});

test('shared read-only, the account’s attachments can be listed and downloaded but not added (403)', async () => {
  const items = (await reader.api.get(`/api/records/account/${accountId}/attachments`)).body.items;
  expect(items.length).toBeGreaterThan(0);
  expect((await download(reader.token, items[0].id)).status).toBe(200);
  const refused = await upload(reader.token, `/records/account/${accountId}/attachments`, { bytes: Buffer.from('x'), name: 'x.txt', type: 'text/plain' });
  expect(refused.status).toBe(403);
});

test('an oversized file is refused naming the part and the limit, a body without a file naming /file; nothing is stored', async () => {
  const before = await stored();
  const path = `/records/account/${accountId}/attachments`;
  const big = await upload(owner.token, path, { bytes: Buffer.alloc(MAX_MB * 1024 * 1024 + 1), name: 'big.bin', type: 'application/octet-stream' });
  expect(big.status).toBe(413);
  expect(big.body.errors).toEqual([{ path: '/file', message: expect.stringContaining(`${MAX_MB} MiB`) }]);
  const none = await upload(owner.token, path, null, { description: 'no file' });
  expect(none.status).toBe(400);
  expect(none.body.errors).toEqual([{ path: '/file', message: 'is required' }]);
  const json = await owner.api.post(`/api${path}`, { name: 'x' });
  expect(json.body.errors).toEqual([{ path: '/file', message: 'is required' }]);
  const form = new FormData();
  form.append('document', new Blob(['x']), 'x.txt');
  const wrongPart = await fetch(`${t.url}/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}` }, body: form });
  expect(wrongPart.status).toBe(400);
  expect(((await wrongPart.json()) as { errors: unknown }).errors).toEqual([{ path: '/document', message: 'send one file, as part "file"' }]);
  expect(await stored()).toBe(before);
});

test('no role reaches attachments through the records API (only through their records)', async () => {
  expect((await owner.api.get('/api/records/attachment')).status).toBe(403);
  expect((await owner.api.post('/api/records/attachment', { name: 'x' })).status).toBe(403);
});
