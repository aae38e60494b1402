/**
 * Authentication in front of /engine-rest: HTTP Basic (username/password, as Camunda Modeler's
 * deploy dialog and the external-task client's BasicAuthInterceptor send it) or a bearer API token.
 * Only administrators and service accounts (workers) may call the engine; employees act on tasks
 * through the runtime's inbox API, which applies record access. Answers in Camunda's error shape.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { listenWithReconnect, sendCamundaJson, type NotificationListener } from '../../engine/index.js';
import type { AuthService, User } from '../auth/service.js';

const CACHE_MS = 60_000;
/** NOTIFY channel of changes to what a credential check depends on (trigger on sec.user, migration 0009). */
export const CREDENTIALS_CHANNEL = 'crm_credentials';

function refuse(res: Response, status: 401 | 403, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="engine-rest"');
  sendCamundaJson(res, status, { type: status === 401 ? 'AuthenticationException' : 'AuthorizationException', message });
}

interface Verified {
  user: User;
  stamp: string;
  until: number;
}

/**
 * Verified Basic credentials, remembered by their digest (never in clear) for a minute: a worker
 * authenticates on every poll, and verifying scrypt each time would burn a core. A password change
 * or a deactivation must end a remembered credential at once. While `watch` hears the sec.user
 * trigger's notifications, a change forgets the user's entries as it commits; otherwise (not
 * watched, or the LISTEN connection is down) each use compares the user's current stamp (one
 * indexed read), as before watching existed.
 */
export class VerifiedCredentials {
  private readonly entries = new Map<string, Verified>();
  private listener: NotificationListener | undefined;

  /** Hear changes on a dedicated connection to `url` (re-established with back-off; everything is forgotten after a reconnect). */
  async watch(url: string, log: (message: string, err?: unknown) => void): Promise<void> {
    this.listener = await listenWithReconnect(url, { [CREDENTIALS_CHANNEL]: (userId) => this.forgetUser(userId) }, { onReconnect: () => this.entries.clear(), log });
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** Whether changes are heard right now: then an entry needs no stamp check on use. */
  private get watched(): boolean {
    return this.listener?.connected() ?? false;
  }

  async lookup(key: string, auth: AuthService): Promise<User | null> {
    const hit = this.entries.get(key);
    if (!hit) return null;
    if (hit.until > Date.now() && (this.watched || (await auth.credentialStamp(hit.user.id)) === hit.stamp)) return hit.user;
    this.entries.delete(key);
    return null;
  }

  remember(key: string, user: User, stamp: string): void {
    if (this.entries.size > 1000) this.entries.clear();
    this.entries.set(key, { user, stamp, until: Date.now() + CACHE_MS });
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(key);
  }
}

export function engineAuth(auth: AuthService, verified = new VerifiedCredentials()): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    let user: User | null = null;
    if (header.startsWith('Bearer ')) {
      user = await auth.userForApiToken(header.slice(7).trim());
    } else if (header.startsWith('Basic ')) {
      const key = createHash('sha256').update(header).digest('hex');
      user = await verified.lookup(key, auth);
      if (!user) {
        const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        user = colon > 0 ? await auth.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
        const stamp = user && (await auth.credentialStamp(user.id));
        if (user && stamp) verified.remember(key, user, stamp);
      }
    }
    if (!user) return refuse(res, 401, 'Authentication required: HTTP Basic (username and password) or a bearer API token.');
    if (!user.isAdmin && !user.isService) return refuse(res, 403, `User ${user.username} may not use the engine API: only administrators and service accounts may.`);
    req.user = user;
    next();
  };
}
