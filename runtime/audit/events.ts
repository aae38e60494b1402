/**
 * Security events (audit.event, append-only): everything audit.change does not cover — logins,
 * password and user changes, organisation, membership and sharing changes, publishes, transfers.
 * Write the event with the same `q` as the change it records, so both commit or neither does.
 */
import type { Queryable } from '../db/db.js';

export interface AuditEvent {
  /** The user who acted; null for anonymous attempts (a failed login of an unknown user). */
  actorId: string | null;
  /** Dotted kind, e.g. `login`, `login.failed`, `user.update`, `share.create`, `metadata.publish`. */
  kind: string;
  /** What it acted on, e.g. `user:<id>`, `department:<key>`, `account:<record id>`. */
  target?: string | null;
  /** Details worth keeping: the changed values (before/after), counts, reasons. */
  detail?: Record<string, unknown>;
  /** The client address, for logins. */
  address?: string | null;
}

export async function auditEvent(q: Queryable, e: AuditEvent): Promise<void> {
  await q.query('insert into audit.event (actor_id, kind, target, detail, address) values ($1, $2, $3, $4, $5)', [
    e.actorId,
    e.kind,
    e.target ?? null,
    JSON.stringify(e.detail ?? {}),
    e.address ?? null,
  ]);
}
