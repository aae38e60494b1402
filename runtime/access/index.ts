/**
 * The access-predicate builder (docs/security.md, "Record access"). Every read path (list, get,
 * count, search, export, history, duplicate matches, expansions, lookup targets) and every write
 * path (which first reads the row it changes) asks this one module for the SQL condition that
 * limits rows to what a user may see or change, and for the role's entity and field permissions.
 *
 * A grant is one reason a user may reach a record — the org-wide default, ownership, the role
 * hierarchy, a sharing rule, a share. For a level, the predicate is the OR of the grants that give
 * at least that level; each grant is written so PostgreSQL can answer it from an index
 * (`owner_id = any(array(…))`, `id = any(array(…))`, the rule's own columns), so a rep's list over a
 * million rows reads only the rows they may see.
 */
import { issueOf, type CompiledEntity, type CompiledModel, type EntityAction, type EntityPermission, type FieldAccess, type GroupRef, type MetadataIssue, type SharingDocument, type SharingRule } from '../../metadata/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { ident, Params, qualified, UUID } from '../db/sql.js';
import { AppError } from '../errors.js';
import { parseFilter } from '../records/filter.js';
import { compileFilter } from '../records/filter-sql.js';
import { Joins } from '../records/query-model.js';
import { conditionProblem } from '../records/condition-problem.js';
import { NO_MEMBERSHIPS, type Memberships } from './principal.js';

export type AccessLevel = 'read' | 'edit' | 'full';
export type RecordLevel = 'none' | AccessLevel;

const RANK: Record<RecordLevel, number> = { none: 0, read: 1, edit: 2, full: 3 };
export const atLeast = (have: RecordLevel, need: RecordLevel): boolean => RANK[have] >= RANK[need];

/** A row filter for one entity: SQL over the table alias, or null for "every row". */
export interface AccessScope {
  sql(alias: string, params: Params): string | null;
  /** The scope of a related entity reached through a lookup (expansions, lookup-path filters); absent: unrestricted. */
  related?(entity: string): AccessScope;
}

const UNRESTRICTED: AccessScope = { sql: () => null };
const NOTHING: AccessScope = { sql: () => 'false' };

/** Admins and service accounts (workers, integrations) are not limited by roles or record access. */
export const isUnrestricted = (user: User): boolean => user.isAdmin || user.isService;

const membershipsOf = (user: User): Memberships => user.memberships ?? NO_MEMBERSHIPS;

/** The user's effective role: the one assigned, else the model's default role; null when neither exists. */
export function effectiveRole(user: User, model: CompiledModel): string | null {
  const assigned = membershipsOf(user).role;
  const key = assigned ?? model.security.defaultRole;
  return key !== null && Object.hasOwn(model.security.roles, key) ? key : null;
}

/**
 * Of documents made for some roles (UI layouts, record forms), the one whose roles name `role` (a
 * user's effective role), else the default one, else undefined. The checks give a role to one
 * document and let one be the default, so there is never a tie.
 */
export function documentForRole<T>(docs: readonly T[], role: string | null, rolesOf: (doc: T) => readonly string[] | undefined, isDefault: (doc: T) => boolean): T | undefined {
  return (role !== null ? docs.find((d) => rolesOf(d)?.includes(role)) : undefined) ?? docs.find(isDefault);
}

/** Whether the user may use the studio: administrators, and users whose effective role says `studio: true`. */
export function mayUseStudio(user: User, model: CompiledModel): boolean {
  if (user.isAdmin) return true;
  const role = effectiveRole(user, model);
  return role !== null && model.security.roles[role].studio === true;
}

/** 403 `forbidden` unless the user may use the studio; `what` says what they tried ("publish metadata"). */
export function assertStudio(user: User, model: CompiledModel, what: string): void {
  if (!mayUseStudio(user, model)) throw new AppError('forbidden', `only analysts and administrators may ${what}`);
}

/** The role's permission on an entity (its own entry, else `*`), or null. */
export function permissionOf(user: User, model: CompiledModel, entity: string): EntityPermission | null {
  const role = effectiveRole(user, model);
  if (role === null) return null;
  const perms = model.security.roles[role].permissions;
  return (Object.hasOwn(perms, entity) ? perms[entity] : perms['*']) ?? null;
}

/** Whether the user's role allows `action` on `entity` (always, for admins and service accounts). */
export function can(user: User, model: CompiledModel, entity: string, action: EntityAction): boolean {
  if (isUnrestricted(user)) return true;
  return permissionOf(user, model, entity)?.actions.includes(action) ?? false;
}

/** 403 `forbidden` unless the user's role allows `action` on `entity`. */
export function assertCan(user: User, model: CompiledModel, entity: string, action: EntityAction): void {
  if (!can(user, model, entity, action)) throw new AppError('forbidden', `your role may not ${action} ${entity} records`, [{ path: entity, message: `${action} not permitted` }]);
}

/** What the user may do with one field: edit (default), read or hidden. */
export function fieldAccess(user: User, model: CompiledModel, entity: string, field: string): FieldAccess {
  if (isUnrestricted(user)) return 'edit';
  const fields = permissionOf(user, model, entity)?.fields;
  return (fields && Object.hasOwn(fields, field) ? fields[field] : undefined) ?? 'edit';
}

/**
 * 403 `field-forbidden` naming every field of `body` the user may not write (read-only or hidden
 * for their role). `prefix` is the JSON Pointer of the body (`/records/3` in a bulk write).
 */
export function assertFieldsWritable(user: User, model: CompiledModel, entity: string, body: unknown, prefix = ''): void {
  if (isUnrestricted(user) || typeof body !== 'object' || body === null) return;
  const denied = Object.keys(body).filter((f) => f !== 'version' && fieldAccess(user, model, entity, f) !== 'edit');
  if (denied.length > 0)
    throw new AppError(
      'field-forbidden',
      `your role may not change ${denied.join(', ')} of ${entity} records`,
      denied.map((f) => ({ path: `${prefix}/${f}`, message: 'not editable for your role', code: 'field-forbidden', params: { entity, field: f } })),
    );
}

// -------------------------------------------------------------------------------------------------
// The model as one user sees it: fields hidden for their role are hidden like retired fields.
// -------------------------------------------------------------------------------------------------

const perUser = new WeakMap<CompiledModel, Map<string, CompiledModel>>();
const baseOf = new WeakMap<CompiledModel, CompiledModel>();

/**
 * `model` with every field hidden for the user's role marked `hidden` — absent from responses,
 * filters, sorts, expansions and history for them, exactly like a retired field. The same object
 * for every user of one role (cached per published model).
 */
export function modelFor(user: User, model: CompiledModel): CompiledModel {
  if (isUnrestricted(user)) return model;
  const role = effectiveRole(user, model);
  const perms = role === null ? {} : model.security.roles[role].permissions;
  const hiding = Object.entries(perms).filter(([, p]) => p.fields && Object.values(p.fields).includes('hidden'));
  if (hiding.length === 0) return model;
  let cache = perUser.get(model);
  if (!cache) perUser.set(model, (cache = new Map()));
  let seen = cache.get(role!);
  if (!seen) {
    const entities = { ...model.entities };
    for (const [name, p] of hiding) {
      const e = entities[name];
      if (!e) continue;
      entities[name] = { ...e, fields: e.fields.map((f) => (p.fields![f.name] === 'hidden' ? { ...f, hidden: true } : f)) };
    }
    seen = { ...model, entities };
    baseOf.set(seen, model);
    cache.set(role!, seen);
  }
  return seen;
}

/** The published model behind a per-user one (sharing conditions may read fields hidden from the user). */
const base = (model: CompiledModel): CompiledModel => baseOf.get(model) ?? model;

// -------------------------------------------------------------------------------------------------
// Groups
// -------------------------------------------------------------------------------------------------

function ancestorsOf(model: CompiledModel, role: string | null): string[] {
  return role === null ? [] : model.security.roles[role].ancestors;
}

/** Whether the user is a member of `group` (docs/security.md, "Groups"). */
export function isMember(user: User, model: CompiledModel, group: GroupRef): boolean {
  const m = membershipsOf(user);
  const role = effectiveRole(user, model);
  if ('department' in group) return group.withSubdepartments ? m.departments.includes(group.department) : m.departments[0] === group.department;
  if ('role' in group) return role === group.role;
  if ('roleAndSubordinates' in group) return role === group.roleAndSubordinates || ancestorsOf(model, role).includes(group.roleAndSubordinates);
  if ('team' in group) return m.teams.includes(group.team);
  if ('territory' in group) return m.territories.some((t) => t.direct && t.key === group.territory);
  return m.groups.includes(group.group);
}

/**
 * Users whose effective role is one of `roles`, as SQL (an unassigned role is the default role;
 * a role key no longer in the model is no role at all).
 */
function usersWithRoleSql(model: CompiledModel, roles: string[], p: Params): string {
  const known = roles.filter((r) => Object.hasOwn(model.security.roles, r));
  const def = model.security.defaultRole;
  // Not coalesce(u.role, default): both arms can use the index on sec.user(role).
  const unassigned = def !== null && known.includes(def) ? ' or u.role is null' : '';
  return `select u.id from sec.user u where u.role = any(${p.add(known)}::text[])${unassigned}`;
}

/** The members of `group` as a SQL query of user ids. */
export function membersSql(model: CompiledModel, group: GroupRef, p: Params): string {
  if ('department' in group) {
    const key = p.add(group.department);
    if (!group.withSubdepartments) return `select u.id from sec.user u join sec.department d on d.id = u.department_id where d.key = ${key}`;
    return `select u.id from sec.user u where u.department_id in (
      with recursive d(id, depth) as (select id, 0 from sec.department where key = ${key}
        union all select c.id, d.depth + 1 from sec.department c join d on c.parent_id = d.id where d.depth < 64)
      select id from d)`;
  }
  if ('role' in group) return usersWithRoleSql(model, [group.role], p);
  if ('roleAndSubordinates' in group) {
    const role = model.security.roles[group.roleAndSubordinates];
    return usersWithRoleSql(model, role ? [role.key, ...role.descendants] : [], p);
  }
  const [table, member, key] =
    'team' in group ? ['team', 'team', group.team] : 'territory' in group ? ['territory', 'territory', group.territory] : ['group', 'group', group.group];
  return `select m.user_id from sec.${table}_member m join sec.${ident(table)} g on g.id = m.${member}_id where g.key = ${p.add(key)}`;
}

/** Every (kind, key) a share may name that includes the user. */
export function granteesOf(user: User, model: CompiledModel): { kinds: string[]; keys: string[] } {
  const m = membershipsOf(user);
  const role = effectiveRole(user, model);
  const pairs: [string, string][] = [['user', user.id]];
  if (m.departments.length > 0) pairs.push(['department', m.departments[0]]);
  if (role !== null) {
    pairs.push(['role', role]);
    for (const r of [role, ...ancestorsOf(model, role)]) pairs.push(['roleAndSubordinates', r]);
  }
  for (const t of m.teams) pairs.push(['team', t]);
  for (const t of m.territories) if (t.direct) pairs.push(['territory', t.key]);
  for (const g of m.groups) pairs.push(['group', g]);
  return { kinds: pairs.map(([k]) => k), keys: pairs.map(([, k]) => k) };
}

// -------------------------------------------------------------------------------------------------
// Grants
// -------------------------------------------------------------------------------------------------

/** One reason a user may reach records of an entity, and the level it gives. */
export interface Grant {
  kind: 'default' | 'owner' | 'hierarchy' | 'rule' | 'share';
  level: AccessLevel;
  /** The rule's name, for `rule` grants. */
  rule?: string;
  /** The condition over `alias`, or null for every record. */
  sql(alias: string, p: Params): string | null;
}

const sharingOf = (model: CompiledModel, entity: string): SharingDocument | undefined =>
  Object.hasOwn(model.security.sharing, entity) ? model.security.sharing[entity] : undefined;

const col = (entity: CompiledEntity, field: string): string | undefined => entity.fields.find((f) => f.name === field)?.column;

/** The territory condition of a rule for the user: the records of every territory they may see through it. */
function territorySql(user: User, entity: CompiledEntity, rule: Extract<SharingRule, { type: 'territory' }>, alias: string, p: Params): string | null {
  const regionCol = rule.fields.region ? col(entity, rule.fields.region) : undefined;
  const industryCol = rule.fields.industry ? col(entity, rule.fields.industry) : undefined;
  // Territories restricting the same industries (none, or the same list) merge into one condition
  // on the union of their regions, and those restricting regions only likewise by industries: one
  // `= any(…)` per group instead of one OR arm per territory, which keeps the planner's estimate of
  // the whole predicate sane for a manager of many territories (docs: bench:sharing).
  const byIndustries = new Map<string, { regions: Set<string>; industries: string[] }>();
  const industriesOnly = new Set<string>();
  for (const t of membershipsOf(user).territories) {
    if (rule.to === 'managers' && !t.manager) continue;
    if (t.regions.length === 0 && t.industries.length === 0) continue;
    // A dimension the territory restricts but the rule has no field for: no record can match.
    if ((t.regions.length > 0 && !regionCol) || (t.industries.length > 0 && !industryCol)) continue;
    if (t.regions.length === 0) {
      t.industries.forEach((i) => industriesOnly.add(i));
      continue;
    }
    const key = JSON.stringify([...t.industries].sort());
    const group = byIndustries.get(key) ?? { regions: new Set<string>(), industries: t.industries };
    t.regions.forEach((r) => group.regions.add(r));
    byIndustries.set(key, group);
  }
  // Parameters are bound only for conditions that are used (an unused one could not be typed).
  const inList = (column: string, values: Iterable<string>) => `${alias}.${ident(column)} = any(${p.add([...values].sort())}::text[])`;
  const parts: string[] = [];
  for (const { regions, industries } of byIndustries.values()) {
    parts.push(industries.length === 0 ? inList(regionCol!, regions) : `(${inList(regionCol!, regions)} and ${inList(industryCol!, industries)})`);
  }
  if (industriesOnly.size > 0) parts.push(inList(industryCol!, industriesOnly));
  return parts.length === 0 ? null : parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

/**
 * `column` holds one of the ids `sub` selects — written twice on purpose. `= any(array(…))` is what
 * an index answers (and BitmapOr joins with the other grants), but a plan that walks another index
 * (a page sorted by createdAt) tests each row against the array one element at a time: hundreds of
 * shared records cost microseconds per row. The `in (…)` before it is a hashed subplan: one probe
 * rejects the row. (Rows a bitmap scan fetches are then rechecked against the whole predicate.)
 */
const inIds = (column: string, sub: string): string => `(${column} in (${sub}) and ${column} = any(array(${sub})))`;

/** Every grant the user has on `entity`, whatever its level (the sharing model of docs/security.md). */
export function grantsOf(user: User, model: CompiledModel, entityName: string): Grant[] {
  const published = base(model);
  const entity = published.entities[entityName];
  if (!entity) return [];
  const sharing = sharingOf(published, entityName);
  const grants: Grant[] = [];
  const def = sharing?.default ?? 'publicReadWrite';
  if (def !== 'private') grants.push({ kind: 'default', level: def === 'publicRead' ? 'read' : 'edit', sql: () => null });
  if (entity.owner) {
    grants.push({ kind: 'owner', level: 'full', sql: (a, p) => `${a}."owner_id" = ${p.add(user.id)}::uuid` });
    const role = effectiveRole(user, published);
    const below = role === null ? [] : published.security.roles[role].descendants;
    if ((sharing?.hierarchy ?? true) && below.length > 0)
      grants.push({ kind: 'hierarchy', level: 'full', sql: (a, p) => inIds(`${a}."owner_id"`, usersWithRoleSql(published, below, p)) });
  }
  for (const rule of sharing?.rules ?? []) {
    const level = rule.access;
    if (rule.type === 'territory') {
      grants.push({ kind: 'rule', rule: rule.name, level, sql: (a, p) => territorySql(user, entity, rule, a, p) ?? 'false' });
      continue;
    }
    if (!isMember(user, published, rule.to)) continue;
    if (rule.type === 'owner') {
      if (entity.owner) grants.push({ kind: 'rule', rule: rule.name, level, sql: (a, p) => inIds(`${a}."owner_id"`, membersSql(published, rule.owners, p)) });
    } else {
      grants.push({ kind: 'rule', rule: rule.name, level, sql: (a, p) => compileFilter(parseFilter(rule.condition), new Joins(published, entity, a), p, `sharing/${entityName}/rules/${rule.name}/condition`) });
    }
  }
  // Shares give read or edit, as each share row says: one grant per level (the edit one is implied at read level).
  for (const level of ['read', 'edit'] as const) {
    grants.push({
      kind: 'share',
      level,
      sql: (a, p) => {
        const g = granteesOf(user, published);
        return inIds(
          `${a}."id"`,
          `select s.record_id from sec.share s join unnest(${p.add(g.kinds)}::text[], ${p.add(g.keys)}::text[]) as g(kind, key)
          on s.grantee_kind = g.kind and s.grantee_key = g.key where s.entity = ${p.add(entityName)}${level === 'edit' ? ` and s.access = 'edit'` : ''}`,
        );
      },
    });
  }
  return grants;
}

/** A record of an entity without an owner has no one to defer to: edit access is full access. */
const needed = (entity: CompiledEntity | undefined, level: AccessLevel): AccessLevel => (level === 'full' && entity && !entity.owner ? 'edit' : level);

/**
 * The records of `entity` the user may reach at `level` (read: see; edit: change; full: delete,
 * restore, share, change owner). Users without read permission on the entity reach nothing.
 */
export function accessPredicate(user: User, model: CompiledModel, entityName: string, level: AccessLevel): AccessScope {
  if (isUnrestricted(user)) return UNRESTRICTED;
  return { ...recordScope(user, model, entityName, level), related: (e) => accessPredicate(user, model, e, 'read') };
}

function recordScope(user: User, model: CompiledModel, entityName: string, level: AccessLevel): AccessScope {
  if (!can(user, model, entityName, 'read')) return NOTHING;
  const want = needed(base(model).entities[entityName], level);
  const grants = grantsOf(user, model, entityName).filter((g) => atLeast(g.level, want) && !(want === 'read' && g.kind === 'share' && g.level === 'edit'));
  if (grants.some((g) => g.kind === 'default')) return UNRESTRICTED;
  if (grants.length === 0) return NOTHING;
  return { sql: (a, p) => orSql(grants.map((g) => g.sql(a, p))) };
}

function orSql(parts: (string | null)[]): string {
  const conds = parts.filter((s): s is string => s !== null && s !== 'false');
  if (conds.length === 0) return 'false';
  return conds.length === 1 ? conds[0] : conds.map((c) => `(${c})`).join(' or ');
}

// -------------------------------------------------------------------------------------------------
// One record
// -------------------------------------------------------------------------------------------------

/**
 * The user's level on one record (deleted ones too): none when it does not exist or they cannot
 * see it. Entity permissions are not part of the level (except read, without which it is none).
 */
export async function recordLevel(q: Queryable, user: User, model: CompiledModel, entityName: string, id: string): Promise<RecordLevel> {
  const entity = base(model).entities[entityName];
  if (!entity || !UUID.test(id)) return 'none';
  const p = new Params();
  const cond = (level: AccessLevel) => accessPredicate(user, model, entityName, level).sql('t0', p) ?? 'true';
  const [row] = await q.query<{ r: boolean; e: boolean; f: boolean }>(
    `select ${cond('read')} as r, ${cond('edit')} as e, ${cond('full')} as f from ${qualified('crm', entity.table)} t0 where t0.id = ${p.add(id)}`,
    p.values,
  );
  if (!row?.r) return 'none';
  return row.f ? 'full' : row.e ? 'edit' : 'read';
}

/** 404 `not-found` when the user cannot see the record (or it does not exist), 403 when they see it below `level`. */
export async function assertRecordLevel(q: Queryable, user: User, model: CompiledModel, entityName: string, id: string, level: AccessLevel): Promise<RecordLevel> {
  const have = await recordLevel(q, user, model, entityName, id);
  if (have === 'none') throw new AppError('not-found', `${entityName} ${id} not found`);
  if (!atLeast(have, level)) throw new AppError('forbidden', `you may see ${entityName} ${id} but not ${level === 'edit' ? 'change' : 'delete, restore, share or transfer'} it`);
  return have;
}

/** One grant that applies to a record, as the access explainer reports it. */
export interface GrantExplained {
  kind: Grant['kind'];
  level: AccessLevel;
  rule?: string;
  /** For shares: the share's grantee (`team:alpha`, `user:<id>`). */
  via?: string;
}

/**
 * Why `user` can (or cannot) reach a record: every grant that applies (level = the highest), and
 * whether their role may read the entity at all. Shares are listed one by one with their grantee.
 */
export async function explainAccess(
  q: Queryable,
  user: User,
  model: CompiledModel,
  entityName: string,
  id: string,
): Promise<{ level: RecordLevel; unrestricted: boolean; rolePermits: boolean; role: string | null; grants: GrantExplained[] }> {
  const entity = base(model).entities[entityName];
  const role = effectiveRole(user, model);
  const rolePermits = can(user, model, entityName, 'read');
  const level = await recordLevel(q, user, model, entityName, id);
  if (!entity || isUnrestricted(user)) return { level, unrestricted: isUnrestricted(user), rolePermits, role, grants: [] };
  const candidates = grantsOf(user, model, entityName).filter((g) => g.kind !== 'share');
  const p = new Params();
  const cols = candidates.map((g, i) => `(${g.sql('t0', p) ?? 'true'}) as g${i}`);
  const g = granteesOf(user, base(model));
  const [row] = await q.query<Record<string, boolean | null> & { shares: { kind: string; key: string; access: AccessLevel }[] | null }>(
    `select ${[...cols, `(select json_agg(json_build_object('kind', s.grantee_kind, 'key', s.grantee_key, 'access', s.access) order by s.grantee_kind, s.grantee_key)
       from sec.share s join unnest(${p.add(g.kinds)}::text[], ${p.add(g.keys)}::text[]) as x(kind, key) on s.grantee_kind = x.kind and s.grantee_key = x.key
      where s.entity = ${p.add(entityName)} and s.record_id = t0.id) as shares`].join(', ')}
     from ${qualified('crm', entity.table)} t0 where t0.id = ${p.add(UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000')}`,
    p.values,
  );
  if (!row) return { level: 'none', unrestricted: false, rolePermits, role, grants: [] };
  const grants: GrantExplained[] = candidates.flatMap((c, i) => (row[`g${i}`] ? [{ kind: c.kind, level: c.level, ...(c.rule ? { rule: c.rule } : {}) }] : []));
  for (const s of row.shares ?? []) grants.push({ kind: 'share', level: s.access, via: `${s.kind}:${s.key}` });
  return { level: rolePermits ? level : 'none', unrestricted: false, rolePermits, role, grants };
}

/**
 * What the metadata checks cannot see: each criteria condition must compile against its entity
 * (operators fit the field kinds, values parse). Issues as the publish API reports them, each at the
 * part of the condition concerned (`/rules/0/condition/and/1/value`).
 */
export function sharingConditionIssues(model: CompiledModel): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  for (const doc of Object.values(model.security.sharing)) {
    const entity = model.entities[doc['x-crm-sharing']];
    if (!entity) continue;
    (doc.rules ?? []).forEach((rule, i) => {
      if (rule.type !== 'criteria') return;
      // The filter's own path (`/and/1/value`) continues the rule's: the editor shows it at that control.
      const problem = conditionProblem(model, entity, rule.condition);
      if (problem) issues.push(issueOf(`sharing/${entity.name}`, `/rules/${i}/condition${problem.path}`, problem.text));
    });
  }
  return issues;
}

export { candidateGroupsOf, candidateGroupMembersSql, parseCandidateGroup, CANDIDATE_GROUP_KINDS, type CandidateGroupKind } from './candidates.js';
