/** The config module: defaults, conversion, and a bad value refused with the variable named. */
import { resolve } from 'node:path';
import { ConfigError, loadConfig, mailSettings } from '../../runtime/config/index.js';

test('defaults apply when nothing is set', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: resolve('.data'), SESSION_TTL_HOURS: 12, SECURE_COOKIES: false, DB_POOL_MAX: 10, LOG_LEVEL: 'info' });
  expect(c.DATABASE_URL).toBeUndefined();
});

test('values from the environment are converted and kept', () => {
  const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/crm', ADMIN_PASSWORD: 'long-enough', SECURE_COOKIES: 'true', UNRELATED: 'x' });
  expect(c).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://u:p@db:5432/crm', ADMIN_PASSWORD: 'long-enough', SECURE_COOKIES: true });
});

test('booleans take true/false and 1/0 (DEMO=1 as the README says)', () => {
  expect(loadConfig({ DEMO: '1', SECURE_COOKIES: '0' })).toMatchObject({ DEMO: true, SECURE_COOKIES: false });
  expect(loadConfig({ DEMO: 'false' }).DEMO).toBe(false);
  expect(loadConfig({}).DEMO).toBe(false);
});

test.each([
  ['PORT', 'eighty', /PORT: must be integer/],
  ['PORT', '70000', /PORT: must be <= 65535/],
  ['PORT', '3000abc', /PORT: must be integer/],
  ['DATABASE_URL', 'mysql://x', /DATABASE_URL: must match pattern/],
  ['ADMIN_PASSWORD', 'short', /ADMIN_PASSWORD: must NOT have fewer than 8 characters/],
  ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be equal to one of the allowed values/],
  ['ENGINE_URL', 'operaton:8080/engine-rest', /ENGINE_URL: must be an http:\/\/ or https:\/\/ URL/],
  ['API_URL', 'http://has space/api', /API_URL: must be an http:\/\/ or https:\/\/ URL/],
  ['WORKERS', 'remote', /WORKERS: must be equal to one of the allowed values/],
  ['SECURE_COOKIES', 'yes', /SECURE_COOKIES: must be boolean/],
  ['DEMO', '2', /DEMO: must be boolean/],
  ['ENGINE_USER', 'crmruntime', /ENGINE_PASSWORD: must have property ENGINE_PASSWORD/],
  ['SMTP_URL', 'mail.example.com:25', /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
  ['SMTP_URL', 'http://mail.example.com', /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
  ['ATTACHMENT_MAX_MB', '0', /ATTACHMENT_MAX_MB: must be >= 1/],
])('%s=%s is refused with a message naming the variable', (name, value, message) => {
  expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadConfig({ [name]: value })).toThrow(message);
});

test('every problem is reported at once', () => {
  try {
    loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
    throw new Error('expected a ConfigError');
  } catch (e) {
    expect((e as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT']);
  }
});

test('the workers run in-process by default; ENGINE_TOKEN and ENGINE_USER exclude each other', () => {
  expect(loadConfig({}).WORKERS).toBe('in-process');
  expect(loadConfig({ ENGINE_URL: 'http://operaton:8080/engine-rest', ENGINE_USER: 'crmruntime', ENGINE_PASSWORD: 'secret' })).toMatchObject({ ENGINE_USER: 'crmruntime' });
  expect(() => loadConfig({ ENGINE_TOKEN: 't', ENGINE_USER: 'u', ENGINE_PASSWORD: 'p' })).toThrow(/ENGINE_TOKEN: set either ENGINE_TOKEN or ENGINE_USER\/ENGINE_PASSWORD, not both/);
});

test('without SMTP_URL notifications are in-app only; with it the workers get the server and sender', () => {
  expect(mailSettings(loadConfig({}))).toBeUndefined();
  expect(loadConfig({}).MAIL_FROM).toBe('CRM <crm@localhost>');
  expect(mailSettings(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_FROM: 'CRM <crm@example.com>' }))).toEqual({ url: 'smtps://u:p@mail.example.com:465', from: 'CRM <crm@example.com>' });
});
