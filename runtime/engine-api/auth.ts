/**
 * Authentication in front of /engine-rest: HTTP Basic (username/password, as Camunda Modeler's
 * deploy dialog and the external-task client's BasicAuthInterceptor send it) or a bearer API token.
 * Only administrators and service accounts (workers) may call the engine; employees act on tasks
 * through the runtime's inbox API, which applies record access. Answers in Camunda's error shape.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { sendCamundaJson } from '../../engine/index.js';
import type { AuthService, User } from '../auth/service.js';

const CACHE_MS = 60_000;

function refuse(res: Response, status: 401 | 403, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="engine-rest"');
  sendCamundaJson(res, status, { type: status === 401 ? 'AuthenticationException' : 'AuthorizationException', message });
}

export function engineAuth(auth: AuthService): RequestHandler {
  // A worker authenticates on every poll: verifying scrypt each time would burn a core, so a
  // verified Basic credential is remembered (by its digest, never in clear) for a minute — and on
  // each use checked against the user's current stamp (one indexed read), so a password change or
  // a deactivation ends it at once.
  const verified = new Map<string, { user: User; stamp: string; until: number }>();
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    let user: User | null = null;
    if (header.startsWith('Bearer ')) {
      user = await auth.userForApiToken(header.slice(7).trim());
    } else if (header.startsWith('Basic ')) {
      const key = createHash('sha256').update(header).digest('hex');
      const hit = verified.get(key);
      if (hit && hit.until > Date.now() && (await auth.credentialStamp(hit.user.id)) === hit.stamp) user = hit.user;
      else {
        verified.delete(key);
        const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        user = colon > 0 ? await auth.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
        const stamp = user && (await auth.credentialStamp(user.id));
        if (user && stamp) {
          if (verified.size > 1000) verified.clear();
          verified.set(key, { user, stamp, until: Date.now() + CACHE_MS });
        }
      }
    }
    if (!user) return refuse(res, 401, 'Authentication required: HTTP Basic (username and password) or a bearer API token.');
    if (!user.isAdmin && !user.isService) return refuse(res, 403, `User ${user.username} may not use the engine API: only administrators and service accounts may.`);
    req.user = user;
    next();
  };
}
