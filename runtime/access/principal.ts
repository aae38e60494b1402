/**
 * A user's place in the organisation, as the access builder needs it: the role assigned, the
 * department chain, teams, explicit groups and territories. Read with the user on every
 * authenticated request (the columns below join the user row aliased `u`), so a membership change
 * counts from the next request on — no cache to invalidate across nodes.
 */

export interface TerritoryScope {
  key: string;
  /** The user manages this territory or one above it. */
  manager: boolean;
  /** The user is a member (or manager) of this very territory, not only of one above it. */
  direct: boolean;
  regions: string[];
  industries: string[];
}

export interface Memberships {
  /** The role key assigned (null: the default role applies). */
  role: string | null;
  /** The user's department key first, then the departments above it. */
  departments: string[];
  teams: string[];
  groups: string[];
  /** Territories the user belongs to and every territory below them. */
  territories: TerritoryScope[];
}

export const NO_MEMBERSHIPS: Memberships = { role: null, departments: [], teams: [], groups: [], territories: [] };

/**
 * Select-list columns (over `sec.user u`) that read a user's memberships in the same statement as
 * the user; decode the row with `membershipsOf`. Trees are walked at most 64 levels deep (the org
 * API refuses cycles; the bound keeps a corrupted tree from looping).
 */
export const MEMBERSHIP_COLS = `u.role as "_role",
  (with recursive d(id, key, parent_id, depth) as (
      select id, key, parent_id, 0 from sec.department where id = u.department_id
      union all select p.id, p.key, p.parent_id, d.depth + 1 from sec.department p join d on p.id = d.parent_id where d.depth < 64)
   select coalesce(array_agg(key order by depth), '{}') from d) as "_departments",
  array(select t.key from sec.team_member m join sec.team t on t.id = m.team_id where m.user_id = u.id order by t.key) as "_teams",
  array(select g.key from sec.group_member m join sec.group g on g.id = m.group_id where m.user_id = u.id order by g.key) as "_groups",
  (with recursive tr(id, key, manager, direct, regions, industries, depth) as (
      select t.id, t.key, m.is_manager, true, t.regions, t.industries, 0
        from sec.territory_member m join sec.territory t on t.id = m.territory_id where m.user_id = u.id
      union all select c.id, c.key, tr.manager, false, c.regions, c.industries, tr.depth + 1
        from sec.territory c join tr on c.parent_id = tr.id where tr.depth < 64)
   select coalesce(json_agg(json_build_object('key', key, 'manager', manager, 'direct', direct, 'regions', regions, 'industries', industries)), '[]') from tr) as "_territories"`;

interface MembershipRow {
  _role: string | null;
  _departments: string[];
  _teams: string[];
  _groups: string[];
  _territories: TerritoryScope[];
}

/** Split a row read with MEMBERSHIP_COLS into the plain row and its memberships. */
export function membershipsOf<R extends MembershipRow>(row: R): { rest: Omit<R, keyof MembershipRow>; memberships: Memberships } {
  const { _role, _departments, _teams, _groups, _territories, ...rest } = row;
  // A territory reached twice (member of it and of one above): one scope, managing if either path does.
  const byKey = new Map<string, TerritoryScope>();
  for (const t of _territories) {
    const seen = byKey.get(t.key);
    byKey.set(t.key, seen ? { ...seen, manager: seen.manager || t.manager, direct: seen.direct || t.direct } : t);
  }
  return { rest, memberships: { role: _role, departments: _departments, teams: _teams, groups: _groups, territories: [...byKey.values()] } };
}
