/**
 * /api/auth routes and the authentication middleware every other /api route sits behind. Sign-ins
 * (also refused and throttled ones), sign-outs and API token changes are audited (audit.event), each
 * with the change it records in one transaction.
 */
import { Router, type Request, type RequestHandler } from 'express';
import { auditEvent } from '../audit/events.js';
import type { Db } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError } from '../errors.js';
import { AuthService, SESSION_COOKIE, type User } from './service.js';
import { assertCsrf, clearSessionCookies, cookieValue, csrfTokenFor, setSessionCookies } from './session-cookies.js';
import { LoginThrottle } from './throttle.js';

export { cookieValue };

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

/** The signed-in user of a request that passed `authenticate`. */
export function currentUser(req: Request): User {
  if (!req.user) throw new AppError('unauthenticated', 'authentication required');
  return req.user;
}

/** The signed-in user if an administrator; else 403 saying who may `what`. */
export function currentAdmin(req: Request, what: string): User {
  const user = currentUser(req);
  if (!user.isAdmin) throw new AppError('forbidden', `only administrators may ${what}`);
  return user;
}

/** Bearer API token or session cookie; otherwise 401. A write with the cookie needs the CSRF header. */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const user = await auth.userForApiToken(header.slice(7).trim());
      if (!user) throw new AppError('unauthenticated', 'invalid or revoked API token');
      req.user = user;
      return next();
    }
    const token = cookieValue(req, SESSION_COOKIE);
    const user = token ? await auth.userForSession(token) : null;
    if (!user) throw new AppError('unauthenticated', 'authentication required');
    assertCsrf(req);
    req.user = user;
    next();
  };
}

function requireString(body: unknown, field: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof v !== 'string' || v.length === 0) throw new AppError('validation-failed', `${field} is required`, [{ path: '/' + field, message: 'must be a non-empty string' }]);
  return v;
}

/** Routes that work without a session (login) and those that need one (mounted after `authenticate`). */
/** What the signed-in user may use beyond records (the UI shows the studio and admin areas from it; the server checks again). */
export interface Capabilities {
  studio: boolean;
  admin: boolean;
}

export function authRoutes(
  auth: AuthService,
  opts: { db: Db; secureCookies: boolean; throttle?: LoginThrottle; capabilities?: (user: User) => Capabilities; layout?: (user: User) => unknown },
) {
  const { db, secureCookies } = opts;
  const capabilities = opts.capabilities ?? ((user: User): Capabilities => ({ studio: user.isAdmin, admin: user.isAdmin }));
  const open = Router();
  const throttle = opts.throttle ?? new LoginThrottle();

  /** A refused sign-in: audited with the user's id when the username exists, never the password. */
  const refused = async (kind: 'login.failed' | 'login.throttled', username: string, address: string, detail: Record<string, unknown> = {}) => {
    await auditEvent(db, { actorId: await auth.userIdOf(username), kind, detail: { username, ...detail }, address });
  };

  open.post('/login', async (req, res) => {
    const username = requireString(req.body, 'username');
    const password = requireString(req.body, 'password');
    const address = req.socket.remoteAddress ?? 'unknown';
    try {
      throttle.check(username, address);
    } catch (e) {
      if (e instanceof AppError && throttle.firstRefusal(username, address)) await refused('login.throttled', username, address, { retryAfter: e.extra?.retryAfter });
      throw e;
    }
    // The password is checked (scrypt, slow) before the transaction, which holds a connection.
    const user = await auth.checkPassword(username, password);
    if (!user) {
      throttle.failed(username, address);
      await refused('login.failed', username, address);
      throw new AppError('unauthenticated', 'wrong username or password');
    }
    throttle.succeeded(username);
    const { token, expiresAt } = await db.tx(async (q) => {
      const session = await auth.in(q).openSession(user.id);
      await auditEvent(q, { actorId: user.id, kind: 'login', target: `user:${user.id}`, address });
      return session;
    });
    const csrfToken = setSessionCookies(res, token, expiresAt, secureCookies);
    res.json({ user, capabilities: capabilities(user), layout: opts.layout?.(user) ?? null, csrfToken });
  });

  const guarded = Router();
  guarded.get('/me', (req, res) => {
    const user = currentUser(req);
    res.json({ user, capabilities: capabilities(user), layout: opts.layout?.(user) ?? null, csrfToken: csrfTokenFor(req, res, secureCookies) });
  });
  guarded.post('/logout', async (req, res) => {
    const token = cookieValue(req, SESSION_COOKIE);
    const user = currentUser(req);
    if (token)
      await db.tx(async (q) => {
        await auth.in(q).logout(token);
        await auditEvent(q, { actorId: user.id, kind: 'logout', target: `user:${user.id}` });
      });
    clearSessionCookies(res, secureCookies);
    res.status(204).end();
  });
  guarded.post('/tokens', async (req, res) => {
    const name = requireString(req.body, 'name');
    const user = currentUser(req);
    const created = await db.tx(async (q) => {
      const t = await auth.in(q).createApiToken(user.id, name);
      await auditEvent(q, { actorId: user.id, kind: 'token.create', target: `token:${t.id}`, detail: { name } });
      return t;
    });
    res.status(201).json(created);
  });
  guarded.delete('/tokens/:id', async (req, res) => {
    const id = String(req.params.id);
    const user = currentUser(req);
    const revoked =
      UUID.test(id) &&
      (await db.tx(async (q) => {
        if (!(await auth.in(q).revokeApiToken(user.id, id))) return false;
        await auditEvent(q, { actorId: user.id, kind: 'token.revoke', target: `token:${id}` });
        return true;
      }));
    if (!revoked) throw new AppError('not-found', 'no such token');
    res.status(204).end();
  });
  return { open, guarded };
}
