/**
 * Message templates through the metadata API: an administrator adds and replaces one template at a
 * time (each change publishes a version, live at once); a bad template is refused naming its path
 * and publishes nothing; other users may neither read nor change them.
 */
import { startTestServer, type TestServer } from '../support/harness.js';
import { person } from '../support/people.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const reminder = {
  subject: { 'zh-CN': '请跟进 {{name}}', en: 'Follow up {{name}}' },
  body: { 'zh-CN': '线索 {{name}} 已等待两天。', en: 'Lead {{name}} has waited two days.' },
};

const keys = (body: { templates: { 'x-crm-template': string }[] }) => body.templates.map((x) => x['x-crm-template']);

test('given a new template key, when an admin puts it, then it is published, listed and read back', async () => {
  const before = (await t.admin.get('/api/metadata/templates')).body;
  expect(keys(before)).not.toContain('lead-reminder');
  const put = await t.admin.put('/api/metadata/templates/lead-reminder', reminder);
  expect(put.status).toBe(200);
  expect(put.body).toEqual({ version: before.version + 1, changed: true });
  expect((await t.admin.get('/api/metadata/templates/lead-reminder')).body).toEqual({ 'x-crm-template': 'lead-reminder', ...reminder });
  expect(keys((await t.admin.get('/api/metadata/templates')).body)).toEqual([...keys(before), 'lead-reminder'].sort());
  // The same template again publishes nothing.
  expect((await t.admin.put('/api/metadata/templates/lead-reminder', reminder)).body).toEqual({ version: before.version + 1, changed: false });
  expect((await t.admin.get('/api/metadata/templates/nope')).status).toBe(404);
});

test('a bad template is refused with the path of each error, and nothing is published', async () => {
  const { version } = (await t.admin.get('/api/metadata/templates')).body;
  const res = await t.admin.put('/api/metadata/templates/broken', { subject: { 'zh-CN': '主题' }, body: { 'zh-CN': '{{#a}}', en: 'ok' } });
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual(
    expect.arrayContaining([
      { path: 'templates/broken#/subject/en', message: 'is required' },
      { path: 'templates/broken#/body/zh-CN', message: expect.stringContaining('not a valid mustache template: Unclosed section "a"') },
    ]),
  );
  expect((await t.admin.get('/api/metadata/templates')).body.version).toBe(version);
  expect((await t.admin.get('/api/metadata/templates/broken')).status).toBe(404);
});

test('users who are not administrators may neither read nor change templates', async () => {
  const rep = await person(t, { role: 'sales-rep' });
  expect((await rep.api.get('/api/metadata/templates')).status).toBe(403);
  expect((await rep.api.get('/api/metadata/templates/lead-reminder')).status).toBe(403);
  expect((await rep.api.put('/api/metadata/templates/lead-reminder', reminder)).status).toBe(403);
});
