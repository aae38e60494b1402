/**
 * GET /api/users: who is who, for every signed-in user — showing owners, authors and workers by
 * name, and the user pickers of forms. `isService` marks accounts no person uses (workers), e.g. not
 * to offer them as a task's delegate. `?memberOf=<candidate group id>` (`role:technician`,
 * `team:north`, … as user tasks name them: runtime/access/candidates.ts) keeps the members of that
 * group: what a form's user picker offers (forms/README.md, "Pickers"). Names and task routing
 * groups only — the org's structure itself stays with the administrators' /api/org.
 */
import type { CompiledModel } from '../../metadata/index.js';
import { candidateGroupMembersSql } from '../access/index.js';
import type { Db } from '../db/db.js';
import { Params } from '../db/sql.js';
import { AppError } from '../errors.js';

export interface UserName {
  id: string;
  username: string;
  displayName: string;
  isService: boolean;
}

export async function userNames(db: Db, model: CompiledModel, memberOf: unknown): Promise<UserName[]> {
  const p = new Params();
  let members = '';
  if (memberOf !== undefined) {
    const sql = typeof memberOf === 'string' ? candidateGroupMembersSql(model, memberOf, p) : null;
    if (sql === null) {
      const message = 'must be a candidate group id: role:, department:, team:, group:, territory: or territory-manager: and a key';
      throw new AppError('bad-request', `memberOf ${message}`, [{ path: 'memberOf', message }]);
    }
    members = ` and id in (${sql})`;
  }
  return db.query<UserName>(
    `select id, username, display_name as "displayName", is_service as "isService" from sec.user where active${members} order by username`,
    p.values,
  );
}
