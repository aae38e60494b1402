/**
 * Recipients of a notification: `user:<id>` or a candidate group id (`role:`, `department:`,
 * `team:`, `group:`, `territory:`, `territory-manager:` — the same ids user tasks name, see
 * runtime/access) resolved to active people (service accounts are never notified) in one statement.
 */
import type { CompiledModel } from '../../metadata/index.js';
import type { Queryable } from '../db/db.js';
import { Params, UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { candidateGroupMembersSql } from '../access/index.js';

export interface Recipient {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: string;
}

/** The people `to` names, each once, by username; 400 naming `/to/<i>` for an id of no known kind or an unknown user. */
export async function resolveRecipients(q: Queryable, model: CompiledModel, to: string[]): Promise<Recipient[]> {
  const p = new Params();
  const errors: FieldError[] = [];
  const users: string[] = [];
  const sources: string[] = [];
  to.forEach((id, i) => {
    if (id.startsWith('user:')) {
      const userId = id.slice('user:'.length);
      if (UUID.test(userId)) users.push(userId.toLowerCase());
      else errors.push({ path: `/to/${i}`, message: 'user:<id> needs a user id (uuid)' });
      return;
    }
    const members = candidateGroupMembersSql(model, id, p);
    if (members === null) errors.push({ path: `/to/${i}`, message: 'must be user:<id> or a candidate group id (role:, department:, team:, group:, territory:, territory-manager:<key>)' });
    else sources.push(members);
  });
  if (users.length) {
    const known = new Set((await q.query<{ id: string }>('select id from sec.user where id = any($1::uuid[])', [users])).map((r) => r.id));
    to.forEach((id, i) => {
      if (id.startsWith('user:') && UUID.test(id.slice(5)) && !known.has(id.slice(5).toLowerCase())) errors.push({ path: `/to/${i}`, message: 'no such user' });
    });
    sources.push(`select unnest(${p.add(users)}::uuid[])`);
  }
  if (errors.length) throw new AppError('validation-failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
  if (sources.length === 0) return [];
  return q.query<Recipient>(
    `select u.id, u.username, u.display_name as "displayName", u.email, u.locale from sec.user u
      where u.active and not u.is_service and u.id in (${sources.join(' union ')}) order by u.username`,
    p.values,
  );
}
