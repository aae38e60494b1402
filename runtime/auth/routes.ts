/** /api/auth routes and the authentication middleware every other /api route sits behind. */
import { Router, type Request, type RequestHandler } from 'express';
import { UUID } from '../db/sql.js';
import { AppError } from '../errors.js';
import { AuthService, SESSION_COOKIE, type User } from './service.js';
import { LoginThrottle } from './throttle.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The signed-in user of a request that passed `authenticate`. */
export function currentUser(req: Request): User {
  if (!req.user) throw new AppError('unauthenticated', 'authentication required');
  return req.user;
}

/** Bearer API token or session cookie; otherwise 401. */
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
export function authRoutes(auth: AuthService, opts: { secureCookies: boolean; throttle?: LoginThrottle }) {
  const open = Router();
  const throttle = opts.throttle ?? new LoginThrottle();
  open.post('/login', async (req, res) => {
    const username = requireString(req.body, 'username');
    const password = requireString(req.body, 'password');
    const address = req.socket.remoteAddress ?? 'unknown';
    throttle.check(username, address);
    let session: Awaited<ReturnType<AuthService['login']>>;
    try {
      session = await auth.login(username, password);
    } catch (e) {
      if (e instanceof AppError && e.code === 'unauthenticated') throttle.failed(username, address);
      throw e;
    }
    throttle.succeeded(username);
    const { user, token, expiresAt } = session;
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, expires: expiresAt, path: '/' });
    res.json({ user });
  });

  const guarded = Router();
  guarded.get('/me', (req, res) => {
    res.json({ user: currentUser(req) });
  });
  guarded.post('/logout', async (req, res) => {
    const token = cookieValue(req, SESSION_COOKIE);
    if (token) await auth.logout(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  guarded.post('/tokens', async (req, res) => {
    const name = requireString(req.body, 'name');
    const created = await auth.createApiToken(currentUser(req).id, name);
    res.status(201).json(created);
  });
  guarded.delete('/tokens/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id) || !(await auth.revokeApiToken(currentUser(req).id, id))) throw new AppError('not-found', 'no such token');
    res.status(204).end();
  });
  return { open, guarded };
}
