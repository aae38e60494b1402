/**
 * Departments, teams, territories and explicit groups — the org units sharing rules and shares name
 * by key (docs/security.md, "Organisation"). One description per kind (table, attributes, members),
 * one set of use cases for all kinds. Every change writes its audit event in its own transaction.
 */
import type { CompiledModel } from '../../metadata/index.js';
import { auditEvent } from '../audit/events.js';
import type { User } from '../auth/service.js';
import type { Db, PgError, Queryable } from '../db/db.js';
import { ident } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { invalid, isKey, key, name, nullableId, parseObject, textList, type Check } from './input.js';
import { criterionErrors, type Criterion } from './territory-values.js';

export type UnitKindName = 'department' | 'team' | 'territory' | 'group';

interface Attribute {
  column: string;
  check: Check;
  /** The value names a row that must exist: a user, or a unit of the same kind (the tree's parent: no cycles). */
  ref?: 'user' | 'parent';
  /** A list of values territory sharing rules compare with a record field: each one must be a value that field can hold. */
  criterion?: Criterion;
}

export interface UnitKind {
  name: UnitKindName;
  /** The path segment under /api/org. */
  plural: string;
  table: string;
  /** Attributes besides `key` and `name`, by API name. */
  attributes: Record<string, Attribute>;
  /**
   * Explicit membership: the table, its unit column, and whether members carry a manager flag.
   * Departments have none: users are placed in them with /api/org/users (`departmentId`).
   */
  members?: { table: string; column: string; manager: boolean };
}

const parentId: Attribute = { column: 'parent_id', check: nullableId, ref: 'parent' };

export const UNIT_KINDS: readonly UnitKind[] = [
  { name: 'department', plural: 'departments', table: 'department', attributes: { parentId, managerId: { column: 'manager_id', check: nullableId, ref: 'user' } } },
  { name: 'team', plural: 'teams', table: 'team', attributes: {}, members: { table: 'team_member', column: 'team_id', manager: false } },
  {
    name: 'territory',
    plural: 'territories',
    table: 'territory',
    attributes: { parentId, regions: { column: 'regions', check: textList, criterion: 'region' }, industries: { column: 'industries', check: textList, criterion: 'industry' } },
    members: { table: 'territory_member', column: 'territory_id', manager: true },
  },
  { name: 'group', plural: 'groups', table: 'group', attributes: {}, members: { table: 'group_member', column: 'group_id', manager: false } },
];

export const tableOf = (kind: UnitKind): string => `sec.${ident(kind.table)}`;
const isTree = (kind: UnitKind): boolean => Object.hasOwn(kind.attributes, 'parentId');

/** A unit as the API shows it: id, key, name, the kind's attributes, how many members, when created. */
export type Unit = { id: string; key: string; name: string; memberCount: number; createdAt: string } & Record<string, unknown>;
/** A member (or, for departments, a user placed in it), names only — the org API is a directory. */
export interface Member {
  id: string;
  username: string;
  displayName: string;
  /** Territories: manages the territory (and sees what the `managers` rules give). */
  manager?: boolean;
}

export const notFound = (kind: UnitKind, k: string) => new AppError('not-found', `no ${kind.name} ${k}`);

// ---- reading ----

function selectList(kind: UnitKind): string {
  const attrs = Object.entries(kind.attributes).map(([api, a]) => `x.${ident(a.column)} as "${api}"`);
  const m = kind.members;
  const count = m
    ? `(select count(*) from sec.${ident(m.table)} m where m.${ident(m.column)} = x.id)`
    : '(select count(*) from sec.user u where u.department_id = x.id)';
  return ['x.id', 'x.key', 'x.name', ...attrs, `${count}::int as "memberCount"`, 'x.created_at as "createdAt"'].join(', ');
}

export function listUnits(q: Queryable, kind: UnitKind): Promise<Unit[]> {
  return q.query<Unit>(`select ${selectList(kind)} from ${tableOf(kind)} x order by x.key`);
}

/** The members of a unit (departments: the users placed directly in it), by username. */
export function membersOf(q: Queryable, kind: UnitKind, unitId: string): Promise<Member[]> {
  const m = kind.members;
  const user = 'u.id, u.username, u.display_name as "displayName"';
  if (!m) return q.query<Member>(`select ${user} from sec.user u where u.department_id = $1 order by u.username`, [unitId]);
  return q.query<Member>(
    `select ${user}${m.manager ? ', m.is_manager as manager' : ''} from sec.${ident(m.table)} m join sec.user u on u.id = m.user_id
      where m.${ident(m.column)} = $1 order by u.username`,
    [unitId],
  );
}

export async function getUnit(q: Queryable, kind: UnitKind, k: string): Promise<Unit & { members: Member[] }> {
  const [unit] = isKey(k) ? await q.query<Unit>(`select ${selectList(kind)} from ${tableOf(kind)} x where x.key = $1`, [k]) : [];
  if (!unit) throw notFound(kind, k);
  return { ...unit, members: await membersOf(q, kind, unit.id) };
}

type Stored = { id: string; key: string; name: string } & Record<string, unknown>;

/** The unit's stored attributes, its row locked for the rest of the transaction; 404 when there is none. */
export async function lockUnit(q: Queryable, kind: UnitKind, k: string): Promise<Stored> {
  const attrs = Object.entries(kind.attributes).map(([api, a]) => `, ${ident(a.column)} as "${api}"`);
  const [row] = isKey(k) ? await q.query<Stored>(`select id, key, name${attrs.join('')} from ${tableOf(kind)} where key = $1 for update`, [k]) : [];
  if (!row) throw notFound(kind, k);
  return row;
}

// ---- checks ----

const checksOf = (kind: UnitKind): Record<string, Check> => Object.fromEntries(Object.entries(kind.attributes).map(([api, a]) => [api, a.check]));
const columnOf = (kind: UnitKind, field: string): string => (field === 'key' || field === 'name' ? field : kind.attributes[field].column);
const pick = (from: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, from[f] ?? null]));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function exists(q: Queryable, table: string, id: string): Promise<boolean> {
  return (await q.query(`select 1 from ${table} where id = $1`, [id])).length > 0;
}

/** Whether `unitId` is `candidate` or above it (so putting the unit under `candidate` would close a loop). */
async function isAboveOrSame(q: Queryable, kind: UnitKind, unitId: string, candidate: string): Promise<boolean> {
  const [row] = await q.query<{ loops: boolean }>(
    `with recursive up(id) as (select $1::uuid union select x.parent_id from ${tableOf(kind)} x join up on x.id = up.id where x.parent_id is not null)
     select exists (select 1 from up where id = $2::uuid) as loops`,
    [candidate, unitId],
  );
  return row.loops;
}

/** Users and parents named in `input` exist, and the tree stays a tree. Names each bad field (400). */
async function checkReferences(q: Queryable, kind: UnitKind, unitId: string | null, input: Record<string, unknown>): Promise<void> {
  const errors: FieldError[] = [];
  for (const [api, a] of Object.entries(kind.attributes)) {
    const v = input[api];
    if (!a.ref || typeof v !== 'string') continue;
    const path = '/' + api;
    if (a.ref === 'user') {
      if (!(await exists(q, 'sec.user', v))) errors.push({ path, message: 'no such user' });
    } else if (v.toLowerCase() === unitId) errors.push({ path, message: `a ${kind.name} cannot be its own parent` });
    else if (!(await exists(q, tableOf(kind), v))) errors.push({ path, message: `no such ${kind.name}` });
    else if (unitId) {
      // Moves are serialised, so two concurrent moves cannot close a loop neither sees.
      await q.query('select pg_advisory_xact_lock(hashtext($1))', [`${tableOf(kind)} tree`]);
      if (await isAboveOrSame(q, kind, unitId, v)) errors.push({ path, message: `cannot move a ${kind.name} under itself or one of its own sub-${kind.plural}` });
    }
  }
  if (errors.length) invalid(errors);
}

/** Every value in `input` a territory sharing rule could never match (territory-values.ts), each named by its element's path (400). */
function checkCriteria(model: CompiledModel, kind: UnitKind, input: Record<string, unknown>): void {
  const errors = Object.entries(kind.attributes).flatMap(([api, a]) => (a.criterion ? criterionErrors(model, a.criterion, api, input[api]) : []));
  if (errors.length) invalid(errors);
}

/** A parent or user deleted between the check and the write: the same 400 as the check. */
const mapForeignKey =
  (kind: UnitKind) =>
  (e: unknown): never => {
    const pg = e as PgError;
    if (pg.code === '23503' && pg.constraint?.endsWith('_parent_id_fkey')) invalid([{ path: '/parentId', message: `no such ${kind.name}` }]);
    if (pg.code === '23503' && pg.constraint?.endsWith('_manager_id_fkey')) invalid([{ path: '/managerId', message: 'no such user' }]);
    throw e;
  };

const audit = (q: Queryable, actor: User, kind: UnitKind, action: string, k: string, detail: Record<string, unknown>) =>
  auditEvent(q, { actorId: actor.id, kind: `${kind.name}.${action}`, target: `${kind.name}:${k}`, detail });

// ---- use cases ----

export async function createUnit(db: Db, model: CompiledModel, kind: UnitKind, actor: User, body: unknown): Promise<Unit & { members: Member[] }> {
  const input = parseObject(body, { key, name, ...checksOf(kind) }, ['key', 'name']);
  checkCriteria(model, kind, input);
  return db.tx(async (q) => {
    await checkReferences(q, kind, null, input);
    const fields = Object.keys(input);
    const rows = await q
      .query<{ id: string }>(
        `insert into ${tableOf(kind)} (${fields.map((f) => ident(columnOf(kind, f))).join(', ')}) values (${fields.map((_, i) => `$${i + 1}`).join(', ')})
         on conflict (key) do nothing returning id`,
        fields.map((f) => input[f]),
      )
      .catch(mapForeignKey(kind));
    if (!rows[0]) throw new AppError('unique-violation', `${kind.name} ${String(input.key)} exists`, [{ path: '/key', message: 'already taken', code: 'taken', params: { value: input.key } }]);
    const stored = await lockUnit(q, kind, input.key as string);
    await audit(q, actor, kind, 'create', stored.key, { after: stored });
    return getUnit(q, kind, stored.key);
  });
}

/**
 * Change name and attributes; the key never changes (sharing rules and shares name it). Only what
 * changes is checked: a territory keeps a value the metadata no longer allows until its list is edited.
 */
export async function updateUnit(db: Db, model: CompiledModel, kind: UnitKind, actor: User, k: string, body: unknown): Promise<Unit & { members: Member[] }> {
  const input = parseObject(body, { name, ...checksOf(kind) }, [], { key: 'cannot change: sharing rules and shares name it (create a new one instead)' });
  return db.tx(async (q) => {
    const before = await lockUnit(q, kind, k);
    const changed = Object.keys(input).filter((f) => !same(input[f], before[f]));
    checkCriteria(model, kind, pick(input, changed));
    await checkReferences(q, kind, before.id, pick(input, changed));
    if (changed.length > 0) {
      const sets = changed.map((f, i) => `${ident(columnOf(kind, f))} = $${i + 2}`);
      await q.query(`update ${tableOf(kind)} set ${sets.join(', ')} where id = $1`, [before.id, ...changed.map((f) => input[f])]).catch(mapForeignKey(kind));
      await audit(q, actor, kind, 'update', k, { before: pick(before, changed), after: pick(input, changed) });
    }
    return getUnit(q, kind, k);
  });
}

/**
 * Delete a unit: refused (409 `in-use`) while units sit below it or, for departments, users are
 * placed in it. Its memberships go with it, and so do the shares that name it (a unit created later
 * under the same key must not inherit them); both are kept in the audit event.
 */
export async function deleteUnit(db: Db, kind: UnitKind, actor: User, k: string): Promise<void> {
  await db.tx(async (q) => {
    const before = await lockUnit(q, kind, k);
    const blockers: string[] = [];
    if (isTree(kind)) {
      const children = await q.query<{ key: string }>(`select key from ${tableOf(kind)} where parent_id = $1 order by key`, [before.id]);
      if (children.length > 0) blockers.push(`sub-${kind.plural} ${children.map((c) => c.key).join(', ')} sit below it`);
    }
    const members = await membersOf(q, kind, before.id);
    if (!kind.members && members.length > 0) blockers.push(`${members.length} user(s) are placed in it`);
    if (blockers.length > 0) throw new AppError('in-use', `${kind.name} ${k} cannot be deleted: ${blockers.join(' and ')}; move them elsewhere first`);
    const shares = await q.query(`delete from sec.share where grantee_kind = $1 and grantee_key = $2 returning id, entity, record_id as "recordId", access`, [kind.name, k]);
    await q.query(`delete from ${tableOf(kind)} where id = $1`, [before.id]);
    await audit(q, actor, kind, 'delete', k, { before, members: members.map((m) => ({ userId: m.id, ...(kind.members?.manager ? { manager: m.manager } : {}) })), shares });
  });
}
