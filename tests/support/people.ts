/**
 * Signed-in people for access tests: a user made with the auth service, placed (role, department)
 * straight in sec.user — the same columns the user administration API writes — and logged in.
 */
import { ApiClient, uniqueName, type TestServer } from './harness.js';

export interface Person {
  id: string;
  username: string;
  api: ApiClient;
}

export async function person(t: TestServer, opts: { role?: string; departmentId?: string; prefix?: string } = {}): Promise<Person> {
  const username = uniqueName(opts.prefix ?? 'user');
  const password = `${username}-password`;
  const { id } = await t.server.auth.createUser({ username, password });
  if (opts.role !== undefined || opts.departmentId !== undefined)
    await t.server.db.query('update sec.user set role = coalesce($2, role), department_id = coalesce($3::uuid, department_id) where id = $1', [id, opts.role ?? null, opts.departmentId ?? null]);
  const api = new ApiClient(t.url);
  const res = await api.login(username, password);
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status}`);
  return { id, username, api };
}

/** The security events of one kind and target, oldest first. */
export async function events(t: TestServer, kind: string, target: string): Promise<{ actorId: string | null; detail: any }[]> {
  return t.server.db.query(`select actor_id as "actorId", detail from audit.event where kind = $1 and target = $2 order by id`, [kind, target]);
}
