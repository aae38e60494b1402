/**
 * Operaton's technical user (runtime/operaton/users.ts, made by `npm run operaton` as crmruntime):
 * created once through Operaton's identity API, in the admin group, its password verified by
 * Operaton itself (/identity/verify — on loopback Operaton does not enforce REST auth, so a call
 * succeeding would prove nothing); a second run keeps it working, a new password replaces the old.
 * A user id of its own per run, so runs sharing one Operaton do not meet.
 */
import { randomBytes } from 'node:crypto';
import { ensureOperatonUser, OPERATON_ADMIN_GROUP } from '../../runtime/operaton/users.js';

const rest = process.env.OPERATON_URL!;
const admin = { user: 'admin', password: 'conformance-admin' };
const id = `crmruntimet${randomBytes(4).toString('hex')}`;

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(rest + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json() as Promise<T>;
}
const verifies = async (password: string) => (await post<{ authenticated: boolean }>('/identity/verify', { username: id, password })).authenticated;

afterAll(async () => {
  await fetch(`${rest}/user/${id}`, { method: 'DELETE' });
});

test('the technical user is created in the admin group, authenticates with its password, and is ensured idempotently', async () => {
  expect(await ensureOperatonUser(rest, admin, { id, password: 'first-password' })).toBe('created');
  expect(await verifies('first-password')).toBe(true);
  const groups = (await (await fetch(`${rest}/group?member=${id}`)).json()) as { id: string }[];
  expect(groups.map((g) => g.id)).toEqual([OPERATON_ADMIN_GROUP]);

  expect(await ensureOperatonUser(rest, admin, { id, password: 'first-password' })).toBe('existed');
  expect(await verifies('first-password')).toBe(true);
  expect(await ensureOperatonUser(rest, admin, { id, password: 'second-password' })).toBe('existed');
  expect(await verifies('second-password')).toBe(true);
  // Last: a failed attempt makes Operaton refuse the user's logins for a few seconds (login delay).
  expect(await verifies('first-password')).toBe(false);
  expect(((await (await fetch(`${rest}/group?member=${id}`)).json()) as unknown[]).length).toBe(1);
});
