/**
 * Identity, basic: users with password login, session tokens (cookie) and API tokens (bearer).
 * Only sha256 digests of tokens are stored. Roles, groups and sharing come with [security].
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import { MEMBERSHIP_COLS, membershipsOf, type Memberships } from '../access/principal.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  isService: boolean;
  locale: string;
  /** Role, departments, teams, groups and territories, read with the user on each authenticated request (absent: none). */
  memberships?: Memberships;
}

const USER_COLS = `id, username, display_name as "displayName", is_admin as "isAdmin", is_service as "isService", locale`;

/** The same columns read through alias `u`. */
const U_COLS = USER_COLS.replace(/(^|, )(\w+)/g, '$1u.$2');

type PrincipalRow = User & Parameters<typeof membershipsOf>[0];

/** A user row read with MEMBERSHIP_COLS → the User with its memberships. */
function principal(row: PrincipalRow): User {
  const { rest, memberships } = membershipsOf(row);
  return { ...rest, memberships };
}

/** Any user by id (active or not) with their memberships — whom the access explainer and transfers reason about. */
export async function loadPrincipal(q: Queryable, id: string): Promise<User | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const rows = await q.query<PrincipalRow>(`select ${U_COLS}, ${MEMBERSHIP_COLS} from sec.user u where u.id = $1`, [id]);
  return rows[0] ? principal(rows[0]) : null;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix: string) => prefix + randomBytes(32).toString('base64url');

export const SESSION_COOKIE = 'crm_session';
const API_TOKEN_PREFIX = 'crmt_';

/** Hash computed for unknown users too, so a login's timing does not reveal whether a user exists. */
let dummyHash: Promise<string> | undefined;

export class AuthService {
  constructor(
    private readonly db: Queryable,
    private readonly sessionTtlHours: number,
  ) {}

  /** Create the first admin when there is none. Returns the generated password, if one was made. */
  async ensureAdmin(password?: string): Promise<{ created: boolean; generatedPassword?: string }> {
    const existing = await this.db.query('select 1 from sec.user where username = $1', ['admin']);
    if (existing.length > 0) return { created: false };
    const pw = password ?? generatePassword();
    await this.db.query(
      `insert into sec.user (username, display_name, password_hash, is_admin) values ('admin', 'Administrator', $1, true)
       on conflict (username) do nothing`,
      [await hashPassword(pw)],
    );
    return { created: true, generatedPassword: password ? undefined : pw };
  }

  async createUser(u: { username: string; displayName?: string; password: string; isAdmin?: boolean; isService?: boolean; locale?: string }): Promise<User> {
    const rows = await this.db.query<User>(
      `insert into sec.user (username, display_name, password_hash, is_admin, is_service, locale)
       values ($1, $2, $3, $4, $5, $6) on conflict (username) do nothing returning ${USER_COLS}`,
      [u.username, u.displayName ?? u.username, await hashPassword(u.password), u.isAdmin ?? false, u.isService ?? false, u.locale ?? 'zh-CN'],
    );
    if (rows.length === 0) throw new AppError('unique-violation', `user ${u.username} exists`, [{ path: '/username', message: 'already taken' }]);
    return rows[0];
  }

  /** Set a user's password and end their sessions (a reset locks out whoever knew the old one). */
  async setPassword(username: string, password: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>('update sec.user set password_hash = $2, updated_at = now() where username = $1 returning id', [
      username,
      await hashPassword(password),
    ]);
    if (rows.length === 0) return false;
    await this.db.query('delete from sec.session where user_id = $1', [rows[0].id]);
    return true;
  }

  /** The active user with this username and password, or null (same timing either way). */
  async checkPassword(username: string, password: string): Promise<User | null> {
    // With the memberships, so that sign-in answers the same user as /me.
    const rows = await this.db.query<PrincipalRow & { passwordHash: string }>(
      `select ${U_COLS}, ${MEMBERSHIP_COLS}, u.password_hash as "passwordHash" from sec.user u where u.username = $1 and u.active`,
      [username],
    );
    const row = rows[0];
    dummyHash ??= hashPassword(generatePassword());
    const ok = await verifyPassword(password, row?.passwordHash ?? (await dummyHash));
    if (!row || !ok) return null;
    const { passwordHash: _omit, ...user } = row;
    return principal(user);
  }

  /** A new session of a user whose password was checked (checkPassword): its token, never stored. */
  async openSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken('');
    const expiresAt = new Date(Date.now() + this.sessionTtlHours * 3600_000);
    await this.db.query('insert into sec.session (id, user_id, expires_at) values ($1, $2, $3)', [digest(token), userId, expiresAt]);
    // Expired sessions are useless: drop this user's on each sign-in, so the table does not grow.
    await this.db.query('delete from sec.session where user_id = $1 and expires_at <= now()', [userId]);
    return { token, expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.db.query('delete from sec.session where id = $1', [digest(token)]);
  }

  async userForSession(token: string): Promise<User | null> {
    const rows = await this.db.query<PrincipalRow>(
      `select ${U_COLS}, ${MEMBERSHIP_COLS} from sec.session s join sec.user u on u.id = s.user_id
       where s.id = $1 and s.expires_at > now() and u.active`,
      [digest(token)],
    );
    return rows[0] ? principal(rows[0]) : null;
  }

  async createApiToken(userId: string, name: string): Promise<{ id: string; token: string }> {
    const token = newToken(API_TOKEN_PREFIX);
    const rows = await this.db.query<{ id: string }>(
      'insert into sec.api_token (name, token_hash, user_id) values ($1, $2, $3) returning id',
      [name, digest(token), userId],
    );
    return { id: rows[0].id, token };
  }

  /**
   * Service account `username` (created when missing, with a password nobody knows: it signs in
   * with tokens only) and a new API token named `tokenName` for it — for a process that gets a token
   * of its own at each start, like the in-process workers. Earlier tokens of that name and the
   * account's revoked ones are deleted, so restarts do not pile them up. Refused when `username`
   * is a person's account.
   */
  async ensureServiceToken(username: string, tokenName: string): Promise<{ user: User; id: string; token: string }> {
    const user = await this.ensureServiceAccount(username);
    await this.db.query('delete from sec.api_token where user_id = $1 and (name = $2 or revoked_at is not null)', [user.id, tokenName]);
    return { user, ...(await this.createApiToken(user.id, tokenName)) };
  }

  /** The service account `username`, made (no usable password) when missing; refused when `username` is a person's account. */
  async ensureServiceAccount(username: string): Promise<User> {
    const find = () => this.db.query<User>(`select ${USER_COLS} from sec.user where username = $1`, [username]);
    let [user] = await find();
    if (!user) {
      await this.db.query(
        `insert into sec.user (username, display_name, password_hash, is_service) values ($1, $1, $2, true) on conflict (username) do nothing`,
        [username, await hashPassword(generatePassword())],
      );
      [user] = await find();
    }
    if (!user.isService) throw new AppError('unique-violation', `user ${username} exists and is not a service account`, [{ path: '/username', message: 'taken by a person' }]);
    return user;
  }

  async revokeApiToken(userId: string, id: string): Promise<boolean> {
    const rows = await this.db.query(
      'update sec.api_token set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id',
      [id, userId],
    );
    return rows.length > 0;
  }

  async userForApiToken(token: string): Promise<User | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const rows = await this.db.query<PrincipalRow & { tokenId: string; stale: boolean }>(
      `select ${U_COLS}, ${MEMBERSHIP_COLS}, t.id as "tokenId",
              coalesce(t.last_used_at < now() - interval '1 minute', true) as stale
       from sec.api_token t join sec.user u on u.id = t.user_id
       where t.token_hash = $1 and t.revoked_at is null and u.active`,
      [digest(token)],
    );
    const row = rows[0];
    if (!row) return null;
    // Record use at most once a minute, off the request's path: a worker's every call must not write.
    if (row.stale) void this.db.query('update sec.api_token set last_used_at = now() where id = $1', [row.tokenId]).catch(() => {});
    const { tokenId: _t, stale: _s, ...user } = row;
    return principal(user);
  }

  /** The same service on `q` (a transaction): its writes commit or roll back with the caller's. */
  in(q: Queryable): AuthService {
    return new AuthService(q, this.sessionTtlHours);
  }

  /** The id of the user named `username`, active or not (for auditing a refused sign-in), or null. */
  async userIdOf(username: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>('select id from sec.user where username = $1', [username]);
    return rows[0]?.id ?? null;
  }

  /**
   * End a user's access at once (deactivation, password reset): delete their sessions and revoke
   * their API tokens, so reactivating the account does not bring either back.
   */
  async endAccess(userId: string): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
    const sessions = await this.db.query('delete from sec.session where user_id = $1 returning 1', [userId]);
    const tokens = await this.db.query('update sec.api_token set revoked_at = now() where user_id = $1 and revoked_at is null returning 1', [userId]);
    return { sessionsEnded: sessions.length, tokensRevoked: tokens.length };
  }

  /**
   * What a cached credential check depends on — password hash, admin and service flags — while
   * the user is active; null once deactivated. A cheap query: callers that remember a verified
   * password compare stamps on each use, so a new password or a deactivation counts at once.
   */
  async credentialStamp(userId: string): Promise<string | null> {
    const rows = await this.db.query<{ stamp: string }>(
      `select password_hash || ':' || is_admin || ':' || is_service as stamp from sec.user where id = $1 and active`,
      [userId],
    );
    return rows[0]?.stamp ?? null;
  }
}
