/**
 * The optional demo organisation (`npm start -- --demo` or `DEMO=true`): departments, a territory,
 * one user per published role with a password generated once, and sample records — created through
 * the product's own HTTP API (the org API as admin, the records API as each record's user), so
 * owners, audit, triggers and the processes they start are exactly what real use gives.
 *
 * Seeded once per database: the `demo.seeded` audit event marks it done. A start interrupted while
 * seeding leaves what it made and says so; the next start does not seed over it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AuthService } from '../auth/service.js';
import { auditEvent } from '../audit/events.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../log.js';

interface DemoDepartment {
  key: string;
  name: string;
  parent?: string;
  manager?: string;
}
interface DemoUser {
  username: string;
  displayName: string;
  role: string;
  department?: string;
  manager?: string;
}
interface DemoTerritory {
  key: string;
  name: string;
  regions: string[];
  industries: string[];
  members: { user: string; manager?: boolean }[];
}
interface DemoRecord {
  as: string;
  entity: string;
  ref?: string;
  /** Change the record made earlier with this `ref` (PATCH) instead of creating one — e.g. submit a claim once its lines exist. */
  update?: string;
  body: Record<string, unknown>;
}
export interface DemoData {
  departments: DemoDepartment[];
  users: DemoUser[];
  territories: DemoTerritory[];
  records: DemoRecord[];
}

export const DEMO_DATA: DemoData = JSON.parse(readFileSync(new URL('./demo.json', import.meta.url), 'utf8'));

/** A demo user as `npm start` prints it (once, when it was made). */
export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  displayName: string;
}

export type DemoOutcome = { seeded: true; logins: DemoLogin[] } | { seeded: false; reason: 'done' | 'interrupted' };

const SEEDED_EVENT = 'demo.seeded';

/** Readable, typeable and strong enough for a demo: 12 characters of [a-z2-9] minus look-alikes. */
function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Users for `roles`: the demo file's users whose role is published, then `demo.<role>` for every
 * published role the file leaves without one (its manager: the user of the parent role).
 */
export function demoUsers(data: DemoData, roles: Record<string, { parent?: string | null }>): DemoUser[] {
  const users = data.users.filter((u) => Object.hasOwn(roles, u.role));
  const byRole = new Map(users.map((u) => [u.role, u.username]));
  for (const role of Object.keys(roles).sort()) {
    if (byRole.has(role)) continue;
    byRole.set(role, `demo.${role}`);
    users.push({ username: `demo.${role}`, displayName: `demo ${role}`, role });
  }
  return users.map((u) => {
    const parent = roles[u.role]?.parent;
    return u.manager === undefined && parent && byRole.has(parent) ? { ...u, manager: byRole.get(parent) } : u;
  });
}

class DemoApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`demo: ${method} /api${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** Replace every `{"$ref": name}` in a record body with the id of the record made with that ref. */
function resolveRefs(v: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, ids));
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  if (typeof o.$ref === 'string' && Object.keys(o).length === 1) {
    const id = ids.get(o.$ref);
    if (!id) throw new Error(`demo: no record with ref "${o.$ref}" before its use`);
    return id;
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolveRefs(x, ids)]));
}

export async function seedDemo(
  env: { db: Db; auth: AuthService; url: string; roles: Record<string, { parent?: string | null }>; log: Logger },
  data: DemoData = DEMO_DATA,
): Promise<DemoOutcome> {
  const { db, auth, url, log } = env;
  if ((await db.query(`select 1 from audit.event where kind = $1 limit 1`, [SEEDED_EVENT])).length > 0) return { seeded: false, reason: 'done' };
  if ((await db.query(`select 1 from sec.user where username like 'demo.%' limit 1`)).length > 0) return { seeded: false, reason: 'interrupted' };

  const [admin] = await db.query<{ id: string }>(`select id from sec.user where username = 'admin'`);
  const tokens: { userId: string; id: string }[] = [];
  const tokenFor = async (userId: string) => {
    const t = await auth.createApiToken(userId, 'demo seeding');
    tokens.push({ userId, id: t.id });
    return new DemoApi(url, t.token);
  };
  try {
    const api = await tokenFor(admin.id);
    const departmentIds = new Map<string, string>();
    for (const d of data.departments) {
      const created = await api.call<{ id: string }>('POST', '/org/departments', { key: d.key, name: d.name, parentId: d.parent ? departmentIds.get(d.parent) : null });
      departmentIds.set(d.key, created.id);
    }
    const logins: DemoLogin[] = [];
    const userIds = new Map<string, string>();
    for (const u of demoUsers(data, env.roles)) {
      const password = demoPassword();
      const created = await api.call<{ id: string }>('POST', '/org/users', {
        username: u.username,
        displayName: u.displayName,
        password,
        role: u.role,
        departmentId: u.department ? (departmentIds.get(u.department) ?? null) : null,
        managerId: u.manager ? (userIds.get(u.manager) ?? null) : null,
      });
      userIds.set(u.username, created.id);
      logins.push({ username: u.username, password, role: u.role, displayName: u.displayName });
    }
    for (const d of data.departments) {
      if (d.manager && userIds.has(d.manager)) await api.call('PATCH', `/org/departments/${d.key}`, { managerId: userIds.get(d.manager) });
    }
    for (const t of data.territories) {
      await api.call('POST', '/org/territories', { key: t.key, name: t.name, regions: t.regions, industries: t.industries });
      const members = t.members.filter((m) => userIds.has(m.user)).map((m) => ({ userId: userIds.get(m.user), manager: m.manager ?? false }));
      await api.call('PUT', `/org/territories/${t.key}/members`, { members });
    }
    const apis = new Map<string, DemoApi>();
    const recordIds = new Map<string, string>();
    for (const r of data.records) {
      const userId = userIds.get(r.as);
      if (!userId) throw new Error(`demo: record as "${r.as}", a user the demo does not have`);
      if (!apis.has(r.as)) apis.set(r.as, await tokenFor(userId));
      const body = resolveRefs(r.body, recordIds);
      if (r.update !== undefined) {
        const id = recordIds.get(r.update);
        if (!id) throw new Error(`demo: update of "${r.update}", a record the demo has not made`);
        await apis.get(r.as)!.call('PATCH', `/records/${r.entity}/${id}`, body);
        continue;
      }
      const created = await apis.get(r.as)!.call<{ id: string }>('POST', `/records/${r.entity}`, body);
      if (r.ref) recordIds.set(r.ref, created.id);
    }
    await auditEvent(db, { actorId: admin.id, kind: SEEDED_EVENT, detail: { users: logins.map((l) => l.username), records: data.records.length } });
    return { seeded: true, logins };
  } finally {
    for (const t of tokens) await auth.revokeApiToken(t.userId, t.id).catch((e: unknown) => log('revoking a demo seeding token failed', e));
  }
}
