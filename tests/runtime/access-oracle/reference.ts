/**
 * The reference evaluator: docs/security.md ("Roles", "Sharing", "Groups", "Record access") read
 * literally, with loops over the world's arrays — no SQL, no cleverness. The oracle test compares
 * the API with this; it must stay small enough to check against the spec by eye.
 */
import type { GroupRef, SharingRule } from '../../../metadata/index.js';
import { ROLES, type Deal, type Grantee, type World } from './world.js';

export type Level = 'none' | 'read' | 'edit' | 'full';
const ORDER: Level[] = ['none', 'read', 'edit', 'full'];
export const atLeast = (level: Level, wanted: Level) => ORDER.indexOf(level) >= ORDER.indexOf(wanted);

/** `sec.user.role`, or the role marked `"default": true`. */
export function effectiveRole(w: World, user: number): string | null {
  return w.users[user].role ?? ROLES.find((r) => r.default === true)?.['x-crm-role'] ?? null;
}

/** The roles above `role`: its parent, the parent's parent, … */
function rolesAbove(role: string): string[] {
  const above: string[] = [];
  for (let r = ROLES.find((x) => x['x-crm-role'] === role)?.parent; r !== undefined; r = ROLES.find((x) => x['x-crm-role'] === r)?.parent) above.push(r);
  return above;
}

/** The role's `permissions[entity].actions`, or its `"*"` entry's; none without an effective role. */
export function roleAllows(w: World, user: number, action: string): boolean {
  const perms = ROLES.find((r) => r['x-crm-role'] === effectiveRole(w, user))?.permissions;
  if (!perms) return false;
  return (perms.deal ?? perms['*'])?.actions.includes(action as never) ?? false;
}

/** The "Groups" table. */
export function isMember(w: World, user: number, g: GroupRef | { user: number }): boolean {
  if ('user' in g) return g.user === user;
  if ('department' in g) {
    const target = w.departments.findIndex((d) => d.key === g.department);
    for (let d = w.users[user].department; d !== null; d = w.departments[d].parent) {
      if (d === target) return true;
      if (!g.withSubdepartments) return false;
    }
    return false;
  }
  if ('role' in g) return effectiveRole(w, user) === g.role;
  if ('roleAndSubordinates' in g) {
    const role = effectiveRole(w, user);
    return role !== null && (role === g.roleAndSubordinates || rolesAbove(role).includes(g.roleAndSubordinates));
  }
  if ('team' in g) return w.teams.some((t) => t.key === g.team && t.members.includes(user));
  if ('territory' in g) return w.territories.some((t) => t.key === g.territory && t.members.some((m) => m.user === user));
  return w.groups.some((x) => x.key === g.group && x.members.includes(user));
}

/** A share's grantee as a group (a department grantee is that department only). */
const granteeGroup = (g: Grantee): GroupRef | { user: number } => (g.kind === 'user' ? { user: g.user } : ({ [g.kind]: g.key } as GroupRef));

/** The records filter's JSON forms the oracle generates: and/or/not, `{field, op, value}`, shorthand. */
export function matches(deal: Deal, f: any): boolean {
  if (f.and) return f.and.every((x: unknown) => matches(deal, x));
  if (f.or) return f.or.some((x: unknown) => matches(deal, x));
  if (f.not) return !matches(deal, f.not);
  if (typeof f.field === 'string') return test((deal as any)[f.field], f.op, f.value);
  return Object.entries(f).every(([field, spec]) =>
    typeof spec === 'object' && spec !== null ? Object.entries(spec).every(([op, v]) => test((deal as any)[field], op, v)) : test((deal as any)[field], 'eq', spec),
  );
}

/** One condition; an empty value matches only `ne` and `isNull` (records filter: `not` is the exact complement). */
function test(x: string | number | null, op: string, v: any): boolean {
  if (op === 'isNull') return (x === null) === v;
  if (op === 'ne') return x !== v;
  if (x === null) return false;
  if (op === 'eq') return x === v;
  if (op === 'in') return v.includes(x);
  if (op === 'gt') return x > v;
  if (op === 'lte') return x <= v;
  throw new Error(`the reference does not know operator ${op}`);
}

/** Territory T's records: each non-empty `regions` / `industries` list holds the record's field named in `fields`. */
function inTerritory(w: World, t: number, deal: Deal, fields: { region?: string; industry?: string }): boolean {
  const { regions, industries } = w.territories[t];
  if (regions.length === 0 && industries.length === 0) return false;
  const value = (field: string | undefined) => (field === undefined ? undefined : (deal as any)[field]);
  if (regions.length > 0 && !regions.includes(value(fields.region))) return false;
  if (industries.length > 0 && !industries.includes(value(fields.industry))) return false;
  return true;
}

/** Members (or managers only) of T or of a territory above T. */
function seesTerritory(w: World, user: number, t: number, to: 'members' | 'managers'): boolean {
  for (let x: number | null = t; x !== null; x = w.territories[x].parent)
    if (w.territories[x].members.some((m) => m.user === user && (to === 'members' || m.manager))) return true;
  return false;
}

function ruleApplies(w: World, user: number, deal: Deal, rule: SharingRule): boolean {
  if (rule.type === 'owner') return deal.owner !== null && isMember(w, deal.owner, rule.owners) && isMember(w, user, rule.to);
  if (rule.type === 'criteria') return matches(deal, rule.condition) && isMember(w, user, rule.to);
  return w.territories.some((_, t) => inTerritory(w, t, deal, rule.fields) && seesTerritory(w, user, t, rule.to));
}

/** User's access level to deal `d` — the highest grant of "Record access" — and why. */
export function accessLevel(w: World, user: number, d: number): { level: Level; why: string[] } {
  const deal = w.deals[d];
  const grants: [Level, string][] = [];
  const orgDefault = w.sharing?.default ?? 'publicReadWrite';
  if (orgDefault === 'publicRead') grants.push(['read', 'publicRead']);
  if (orgDefault === 'publicReadWrite') grants.push(['edit', 'publicReadWrite']);
  if (deal.owner === user) grants.push(['full', 'owner']);
  const ownerRole = deal.owner === null ? null : effectiveRole(w, deal.owner);
  const mine = effectiveRole(w, user);
  if ((w.sharing?.hierarchy ?? true) && ownerRole !== null && mine !== null && rolesAbove(ownerRole).includes(mine)) grants.push(['full', `hierarchy (${mine} above ${ownerRole})`]);
  for (const rule of w.sharing?.rules ?? []) if (ruleApplies(w, user, deal, rule)) grants.push([rule.access, `rule ${rule.name}`]);
  for (const s of w.shares) if (s.deal === d && isMember(w, user, granteeGroup(s.grantee))) grants.push([s.access, `share to ${s.grantee.kind}`]);
  const level = grants.reduce<Level>((best, [l]) => (atLeast(l, best) ? l : best), 'none');
  return { level, why: grants.map(([l, reason]) => `${reason}: ${l}`) };
}
