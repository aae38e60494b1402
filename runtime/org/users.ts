/**
 * User administration (administrators only, see users-routes.ts): people's accounts, their place in
 * the organisation (department, manager, role), admin rights, (de)activation and passwords. Every
 * change writes its audit event in its own transaction. Deactivating a user or setting their
 * password ends their access at once: sessions deleted, API tokens revoked.
 */
import { auditEvent } from '../audit/events.js';
import { hashPassword } from '../auth/passwords.js';
import type { AuthService, User } from '../auth/service.js';
import type { Db, PgError, Queryable } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { bool, invalid, name, nullableId, parseObject, type Check } from './input.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$';
export const PASSWORD_MIN = 8;

/** A user as the administration API shows it. */
export interface OrgUser {
  id: string;
  username: string;
  displayName: string;
  /** Where notifications are mailed (null: in-app only). */
  email: string | null;
  locale: string;
  role: string | null;
  department: { id: string; key: string; name: string } | null;
  manager: { id: string; username: string; displayName: string } | null;
  active: boolean;
  isAdmin: boolean;
  isService: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the use cases need besides the database: who acts, the sign-in service, the published roles. */
export interface UserAdminContext {
  actor: User;
  auth: AuthService;
  /** Role keys of the current model (`store.current.security.roles`). */
  roles: Record<string, unknown>;
}

// ---- input ----

const USERNAME = new RegExp(USERNAME_PATTERN);
/** One address, no display name: what nodemailer sends to. */
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
const password: Check = (v) => (typeof v === 'string' && v.length >= PASSWORD_MIN && v.length <= 200 ? null : `must be a string of ${PASSWORD_MIN} to 200 characters`);

const FIELDS: Record<string, Check> = {
  username: (v) => (typeof v === 'string' && USERNAME.test(v) ? null : 'must be 1 to 64 letters, digits or . _ @ -, starting with a letter or digit'),
  displayName: name,
  password,
  locale: (v) => ((LOCALES as readonly unknown[]).includes(v) ? null : `must be one of: ${LOCALES.join(', ')}`),
  email: (v) => (v === null || (typeof v === 'string' && v.length <= 254 && EMAIL.test(v)) ? null : 'must be an e-mail address or null'),
  departmentId: nullableId,
  managerId: nullableId,
  role: (v) => (v === null || (typeof v === 'string' && v.length > 0) ? null : 'must be a role key or null (the default role)'),
  active: bool,
  isAdmin: bool,
};

const checksOf = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, FIELDS[f]]));
const CREATE_CHECKS = checksOf(['username', 'displayName', 'password', 'email', 'locale', 'departmentId', 'managerId', 'role', 'isAdmin']);
const UPDATE_CHECKS = checksOf(['displayName', 'email', 'locale', 'departmentId', 'managerId', 'role', 'active', 'isAdmin']);
const UPDATE_FIXED = { username: 'cannot be changed', password: 'is set with POST /api/org/users/{id}/password', isService: 'cannot be changed' };

// ---- reading ----

const ORG_USER_SELECT = `
  select u.id, u.username, u.display_name as "displayName", u.email, u.locale, u.role,
         case when d.id is null then null else json_build_object('id', d.id, 'key', d.key, 'name', d.name) end as department,
         case when m.id is null then null else json_build_object('id', m.id, 'username', m.username, 'displayName', m.display_name) end as manager,
         u.active, u.is_admin as "isAdmin", u.is_service as "isService", u.created_at as "createdAt", u.updated_at as "updatedAt"
  from sec.user u left join sec.department d on d.id = u.department_id left join sec.user m on m.id = u.manager_id`;

export function listUsers(q: Queryable): Promise<OrgUser[]> {
  return q.query<OrgUser>(`${ORG_USER_SELECT} order by u.username`);
}

const notFound = (id: string) => new AppError('not-found', `no user ${id}`);

export async function getUser(q: Queryable, id: string): Promise<OrgUser> {
  const rows = UUID.test(id) ? await q.query<OrgUser>(`${ORG_USER_SELECT} where u.id = $1`, [id]) : [];
  if (!rows[0]) throw notFound(id);
  return rows[0];
}

/** The attributes an administrator changes, by API name → column. */
const COLUMNS: Record<string, string> = {
  displayName: 'display_name',
  email: 'email',
  locale: 'locale',
  departmentId: 'department_id',
  managerId: 'manager_id',
  role: 'role',
  active: 'active',
  isAdmin: 'is_admin',
};

type Attributes = Record<string, unknown> & { username: string; isService: boolean };

/** A user's attributes, the row locked for the rest of the transaction; 404 when there is none. */
async function lockedAttributes(q: Queryable, id: string): Promise<Attributes> {
  const cols = Object.entries(COLUMNS).map(([name, col]) => `${col} as "${name}"`);
  const rows = UUID.test(id) ? await q.query<Attributes>(`select username, is_service as "isService", ${cols.join(', ')} from sec.user where id = $1 for update`, [id]) : [];
  if (!rows[0]) throw notFound(id);
  return rows[0];
}

const pick = (from: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, from[k] ?? null]));

// ---- checks of references ----

/** Manager changes are serialised, so two concurrent changes cannot close a loop neither sees. */
const MANAGER_LOCK = 727_002;

async function exists(q: Queryable, table: 'sec.user' | 'sec.department', id: string): Promise<boolean> {
  return (await q.query(`select 1 from ${table} where id = $1`, [id])).length > 0;
}

/** Whether `userId` is `managerId` or above it in the manager chain (so managing them would loop). */
async function isAboveOrSame(q: Queryable, userId: string, managerId: string): Promise<boolean> {
  const rows = await q.query<{ loops: boolean }>(
    `with recursive chain(id) as (
       select $1::uuid
       union
       select u.manager_id from sec.user u join chain c on u.id = c.id where u.manager_id is not null
     ) select exists (select 1 from chain where id = $2::uuid) as loops`,
    [managerId, userId],
  );
  return rows[0].loops;
}

/** Role, department and manager given in `input` exist, and the manager chain stays a tree. Names each bad field (400). */
async function checkReferences(q: Queryable, roles: Record<string, unknown>, userId: string | null, input: Record<string, unknown>): Promise<void> {
  const errors: FieldError[] = [];
  const { role, departmentId, managerId } = input;
  if (typeof role === 'string' && !Object.hasOwn(roles, role)) errors.push({ path: '/role', message: `no role '${role}' in the published metadata` });
  if (typeof departmentId === 'string' && !(await exists(q, 'sec.department', departmentId))) errors.push({ path: '/departmentId', message: 'no such department' });
  if (typeof managerId === 'string') {
    if (managerId === userId) errors.push({ path: '/managerId', message: 'a user cannot be their own manager' });
    else if (!(await exists(q, 'sec.user', managerId))) errors.push({ path: '/managerId', message: 'no such user' });
    else if (userId) {
      await q.query('select pg_advisory_xact_lock($1)', [MANAGER_LOCK]);
      if (await isAboveOrSame(q, userId, managerId)) errors.push({ path: '/managerId', message: 'the manager chain would loop: this user is above that manager' });
    }
  }
  if (errors.length) invalid(errors);
}

/** A department or manager deleted between the check and the write: the same 400 as the check. */
function mapForeignKey(e: unknown): never {
  const pg = e as PgError;
  if (pg.code === '23503' && pg.constraint === 'user_department_id_fkey') throw new AppError('validation-failed', 'no such department', [{ path: '/departmentId', message: 'no such department' }]);
  if (pg.code === '23503' && pg.constraint === 'user_manager_id_fkey') throw new AppError('validation-failed', 'no such user', [{ path: '/managerId', message: 'no such user' }]);
  throw e;
}

// ---- use cases ----

export async function createUser(db: Db, ctx: UserAdminContext, body: unknown): Promise<OrgUser> {
  const input = parseObject(body, CREATE_CHECKS, ['username', 'password']);
  const hash = await hashPassword(input.password as string);
  return db.tx(async (q) => {
    await checkReferences(q, ctx.roles, null, input);
    const rows = await q
      .query<{ id: string }>(
        `insert into sec.user (username, display_name, password_hash, locale, department_id, manager_id, role, is_admin, email)
         values ($1, $2, $3, coalesce($4, 'zh-CN'), $5, $6, $7, coalesce($8, false), $9) on conflict (username) do nothing returning id`,
        [input.username, input.displayName ?? input.username, hash, input.locale, input.departmentId, input.managerId, input.role, input.isAdmin, input.email ?? null],
      )
      .catch(mapForeignKey);
    if (!rows[0]) throw new AppError('unique-violation', `user ${String(input.username)} exists`, [{ path: '/username', message: 'already taken', code: 'taken', params: { value: input.username } }]);
    const id = rows[0].id;
    const stored = await lockedAttributes(q, id);
    const detail = { username: stored.username, ...pick(stored, ['displayName', 'email', 'locale', 'departmentId', 'managerId', 'role', 'isAdmin']) };
    await auditEvent(q, { actorId: ctx.actor.id, kind: 'user.create', target: `user:${id}`, detail });
    return getUser(q, id);
  });
}

/** Change some attributes; `active: false` deactivates (access ends at once), `active: true` activates. */
export async function updateUser(db: Db, ctx: UserAdminContext, id: string, body: unknown): Promise<OrgUser> {
  const input = parseObject(body, UPDATE_CHECKS, [], UPDATE_FIXED);
  return db.tx(async (q) => {
    const before = await lockedAttributes(q, id);
    if (id === ctx.actor.id && input.active === false) throw new AppError('validation-failed', 'you cannot deactivate yourself', [{ path: '/active', message: 'cannot deactivate yourself' }]);
    if (id === ctx.actor.id && input.isAdmin === false) throw new AppError('validation-failed', 'you cannot take your own admin rights', [{ path: '/isAdmin', message: 'cannot take your own admin rights' }]);
    const changed = Object.keys(input).filter((k) => input[k] !== (before[k] ?? null));
    await checkReferences(q, ctx.roles, id, pick(input, changed));
    if (changed.length === 0) return getUser(q, id);
    const sets = changed.map((k, i) => `${COLUMNS[k]} = $${i + 2}`);
    await q.query(`update sec.user set ${sets.join(', ')}, updated_at = now() where id = $1`, [id, ...changed.map((k) => input[k])]).catch(mapForeignKey);
    const target = `user:${id}`;
    const attributes = changed.filter((k) => k !== 'active');
    if (attributes.length) await auditEvent(q, { actorId: ctx.actor.id, kind: 'user.update', target, detail: { before: pick(before, attributes), after: pick(input, attributes) } });
    if (changed.includes('active')) {
      const detail = input.active ? {} : await ctx.auth.in(q).endAccess(id);
      await auditEvent(q, { actorId: ctx.actor.id, kind: input.active ? 'user.activate' : 'user.deactivate', target, detail });
    }
    return getUser(q, id);
  });
}

/** A new password for a person (not a service account: those sign in with API tokens only). */
export async function setUserPassword(db: Db, ctx: UserAdminContext, id: string, body: unknown): Promise<void> {
  const input = parseObject(body, { password }, ['password']);
  const hash = await hashPassword(input.password as string);
  await db.tx(async (q) => {
    const user = await lockedAttributes(q, id);
    if (user.isService)
      throw new AppError('forbidden', `${user.username} is a service account: it signs in with API tokens only, never a password`, [{ path: '/password', message: 'service accounts have no password' }]);
    await q.query('update sec.user set password_hash = $2, updated_at = now() where id = $1', [id, hash]);
    const ended = await ctx.auth.in(q).endAccess(id);
    await auditEvent(q, { actorId: ctx.actor.id, kind: 'password.change', target: `user:${id}`, detail: ended });
  });
}
