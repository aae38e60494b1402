/**
 * Operaton's technical user for the runtime and the worker fleet (`crmruntime`): made through
 * Operaton's own identity REST API once it answers, member of its admin group, with the configured
 * (or generated) password. Idempotent: an existing user is given the password again (not verified
 * first: a failed verification would make Operaton refuse the user's logins for a while).
 */

/** Operaton's built-in administrators group (its Spring Boot starter creates it with the admin user). */
export const OPERATON_ADMIN_GROUP = 'operaton-admin';
/** Letters and digits only: Operaton's default id rule (userResourceWhitelistPattern) refuses `-`. */
export const RUNTIME_USER = 'crmruntime';

/** `restBase` is …/engine-rest; `admin` authenticates the calls (needed when Operaton enforces REST auth). */
export async function ensureOperatonUser(restBase: string, admin: { user: string; password: string }, user: { id: string; password: string }): Promise<'created' | 'existed'> {
  const base = restBase.replace(/\/+$/, '');
  const headers = { authorization: 'Basic ' + Buffer.from(`${admin.user}:${admin.password}`).toString('base64'), 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown, ok = [200, 204]): Promise<Response> => {
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!ok.includes(res.status)) throw new Error(`Operaton ${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  const id = encodeURIComponent(user.id);
  const exists = (await call('GET', `/user/${id}/profile`, undefined, [200, 404])).status === 200;
  if (exists) await call('PUT', `/user/${id}/credentials`, { password: user.password, authenticatedUserPassword: admin.password });
  else await call('POST', '/user/create', { profile: { id: user.id, firstName: 'CRM', lastName: 'runtime', email: `${user.id}@localhost` }, credentials: { password: user.password } });
  const member = (await (await call('GET', `/group/count?id=${OPERATON_ADMIN_GROUP}&member=${id}`)).json()) as { count: number };
  if (member.count === 0) await call('PUT', `/group/${OPERATON_ADMIN_GROUP}/members/${id}`);
  return exists ? 'existed' : 'created';
}
