/**
 * Candidate group ids of user tasks (`camunda:candidateGroups`), as the product names them
 * (docs/processes.md, "Tasks and forms"):
 *
 *   role:<roleKey>              users whose effective role is that role
 *   department:<key>            members of that department or of one below it
 *   team:<key>, group:<key>     members
 *   territory:<key>             members of that territory or of one above it
 *   territory-manager:<key>     managers of that territory or of one above it
 *
 * `candidateGroupsOf` answers a user's ids (for the inbox query); `candidateGroupMembersSql` the
 * users of one id (for notifications to a group). Both read the memberships the principal carries.
 */
import type { CompiledModel } from '../../metadata/index.js';
import type { User } from '../auth/service.js';
import type { Params } from '../db/sql.js';
import { effectiveRole, membersSql } from './index.js';
import { NO_MEMBERSHIPS } from './principal.js';

export const CANDIDATE_GROUP_KINDS = ['role', 'department', 'team', 'group', 'territory', 'territory-manager'] as const;
export type CandidateGroupKind = (typeof CANDIDATE_GROUP_KINDS)[number];

/** Every candidate group id that includes the user, sorted. */
export function candidateGroupsOf(user: User, model: CompiledModel): string[] {
  const m = user.memberships ?? NO_MEMBERSHIPS;
  const ids = new Set<string>();
  const role = effectiveRole(user, model);
  if (role !== null) ids.add(`role:${role}`);
  // The user's department first, then those above it: a member of each of them (or of one below).
  for (const d of m.departments) ids.add(`department:${d}`);
  for (const t of m.teams) ids.add(`team:${t}`);
  for (const g of m.groups) ids.add(`group:${g}`);
  // Territories the user belongs to and every one below them; `manager` when they manage it or one above.
  for (const t of m.territories) {
    ids.add(`territory:${t.key}`);
    if (t.manager) ids.add(`territory-manager:${t.key}`);
  }
  return [...ids].sort();
}

/** A candidate group id split into kind and key; null when it is none of the kinds above. */
export function parseCandidateGroup(id: string): { kind: CandidateGroupKind; key: string } | null {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return null;
  const kind = id.slice(0, at) as CandidateGroupKind;
  return CANDIDATE_GROUP_KINDS.includes(kind) ? { kind, key: id.slice(at + 1) } : null;
}

/** The members (user ids) of a candidate group id as SQL; null for an id of no known kind. */
export function candidateGroupMembersSql(model: CompiledModel, id: string, p: Params): string | null {
  const g = parseCandidateGroup(id);
  if (!g) return null;
  switch (g.kind) {
    case 'role':
      return membersSql(model, { role: g.key }, p);
    case 'department':
      return membersSql(model, { department: g.key, withSubdepartments: true }, p);
    case 'team':
      return membersSql(model, { team: g.key }, p);
    case 'group':
      return membersSql(model, { group: g.key }, p);
    case 'territory':
    case 'territory-manager':
      return `select m.user_id from sec.territory_member m where m.territory_id in (
        with recursive up(id, parent_id, depth) as (select id, parent_id, 0 from sec.territory where key = ${p.add(g.key)}
          union all select t.id, t.parent_id, up.depth + 1 from sec.territory t join up on t.id = up.parent_id where up.depth < 64)
        select id from up)${g.kind === 'territory-manager' ? ' and m.is_manager' : ''}`;
  }
}
