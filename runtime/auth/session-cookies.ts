/**
 * The browser session's two cookies. `crm_session` (httpOnly) carries the session token;
 * `crm_csrf` (readable by the page) carries a random token the page repeats in the `X-CSRF-Token`
 * header of every write — a double submit: another site can make the browser send both cookies,
 * but it can read neither, so it cannot send the header. Both SameSite=Lax, Path=/, Secure when
 * the server is reached over HTTPS (SECURE_COOKIES).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './service.js';

export const CSRF_COOKIE = 'crm_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: no CSRF token needed. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const options = (secure: boolean, expires?: Date): CookieOptions => ({ sameSite: 'lax', secure, path: '/', ...(expires ? { expires } : {}) });

function setCsrfCookie(res: Response, secure: boolean, expires?: Date): string {
  const token = randomBytes(32).toString('base64url');
  res.cookie(CSRF_COOKIE, token, options(secure, expires));
  return token;
}

/** After a sign-in: the session cookie and a fresh CSRF token (returned, for the login answer). */
export function setSessionCookies(res: Response, token: string, expires: Date, secure: boolean): string {
  res.cookie(SESSION_COOKIE, token, { ...options(secure, expires), httpOnly: true });
  return setCsrfCookie(res, secure, expires);
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { ...options(secure), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, options(secure));
}

/** The request's CSRF token, or a new one set as cookie (a session signed in before tokens existed). */
export function csrfTokenFor(req: Request, res: Response, secure: boolean): string {
  return cookieValue(req, CSRF_COOKIE) || setCsrfCookie(res, secure);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** A write authenticated by the session cookie must repeat the CSRF cookie in X-CSRF-Token; else 403 `csrf-failed`. */
export function assertCsrf(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const cookie = cookieValue(req, CSRF_COOKIE);
  const header = req.get(CSRF_HEADER);
  // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the cookie.
  if (!cookie || !header || !timingSafeEqual(digest(cookie), digest(header)))
    throw new AppError('csrf-failed', 'a write with the session cookie must send the crm_csrf cookie\'s value in the X-CSRF-Token header', [
      { path: 'X-CSRF-Token', message: cookie ? 'missing or different from the crm_csrf cookie' : 'no crm_csrf cookie: sign in again' },
    ]);
}
