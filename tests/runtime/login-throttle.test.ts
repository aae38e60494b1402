/** Password guessing is throttled: per username, and (more loosely) per client address. */
import { AppError } from '../../runtime/errors.js';
import { LoginThrottle } from '../../runtime/auth/throttle.js';
import { errorOf } from '../support/errors.js';
import { ApiClient, startTestServer, type TestServer } from '../support/harness.js';

describe('LoginThrottle', () => {
  let now = 0;
  const throttle = () => new LoginThrottle(3, 60_000, () => now);

  test('the username is locked after its limit, for the rest of the window, then free again', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) {
      t.check('Li', '10.0.0.1');
      t.failed('li', '10.0.0.1');
      now += 1000;
    }
    const e = errorOf(() => t.check('li', '10.0.0.2'));
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(429);
    expect(e.extra?.retryAfter).toBe(57);
    now += 57_001;
    expect(() => t.check('li', '10.0.0.2')).not.toThrow();
  });

  test('a success clears the username; an address is limited at five times the username limit', () => {
    const t = throttle();
    t.failed('wang', 'a');
    t.failed('wang', 'a');
    t.succeeded('wang');
    t.failed('wang', 'a');
    t.failed('wang', 'a');
    expect(() => t.check('wang', 'b')).not.toThrow();
    for (let i = 0; i < 11; i++) t.failed(`user${i}`, 'a');
    expect(() => t.check('zhao', 'b')).not.toThrow();
    expect(errorOf(() => t.check('zhao', 'a')).status).toBe(429);
  });
});

describe('POST /api/auth/login', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('after 10 wrong passwords even the right one is refused with 429 and Retry-After', async () => {
    await t.server.auth.createUser({ username: 'guessme', password: 'right-password' });
    const c = new ApiClient(t.url);
    for (let i = 0; i < 10; i++) expect((await c.login('guessme', `wrong-${i}`)).status).toBe(401);
    const locked = await c.login('guessme', 'right-password');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await c.login('admin', t.adminPassword)).status).toBe(200); // other users are not locked out
  });
});
