/**
 * Members of teams, territories (with a manager flag) and explicit groups. A change counts from the
 * affected user's next request: memberships are read with the user on every authenticated request
 * (runtime/access/principal.ts), so there is nothing to invalidate. Each change is audited
 * (`membership.add|remove|replace`) in its own transaction; a request that changes nothing writes
 * no event.
 */
import { auditEvent } from '../audit/events.js';
import type { User } from '../auth/service.js';
import type { Db, Queryable } from '../db/db.js';
import { ident } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { bool, invalid, isId, objectAt, parseObject } from './input.js';
import { getUnit, lockUnit, membersOf, type Member, type Unit, type UnitKind } from './units.js';

/** One membership as bodies and audit events carry it (`manager` for territories only). */
interface Membership {
  userId: string;
  manager?: boolean;
}

const MEMBERS_MAX = 10_000;

function memberTable(kind: UnitKind): { table: string; column: string; manager: boolean } {
  if (!kind.members) throw new AppError('not-found', `${kind.plural} have no member list: place users with PATCH /api/org/users/{id} (departmentId)`);
  return { ...kind.members, table: `sec.${ident(kind.members.table)}`, column: ident(kind.members.column) };
}

const membership = (kind: UnitKind, userId: string, manager?: boolean): Membership =>
  kind.members?.manager ? { userId: userId.toLowerCase(), manager: manager ?? false } : { userId: userId.toLowerCase() };
const asMemberships = (kind: UnitKind, members: Member[]): Membership[] => members.map((m) => membership(kind, m.id, m.manager));
const sorted = (list: Membership[]) => [...list].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));

/** The users of `ids` that do not exist. */
async function unknownUsers(q: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>('select id from sec.user where id = any($1::uuid[])', [ids]);
  const known = new Set(rows.map((r) => r.id));
  return new Set(ids.filter((id) => !known.has(id.toLowerCase())));
}

/** `{members: [{userId, manager?}]}`: every item checked, each bad one named (`/members/3/userId`). */
function parseList(kind: UnitKind, body: unknown): Membership[] {
  const { members } = parseObject(body, { members: (v) => (Array.isArray(v) && v.length <= MEMBERS_MAX ? null : `must be a list of at most ${MEMBERS_MAX} members`) }, ['members']);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const list = (members as unknown[]).map((item, i) => {
    const path = `/members/${i}`;
    const m = objectAt(item, path);
    for (const k of Object.keys(m))
      if (k !== 'userId' && !(k === 'manager' && kind.members?.manager)) errors.push({ path: `${path}/${k}`, message: k === 'manager' ? `${kind.plural} have no managers` : 'unknown field' });
    if (!isId(m.userId)) errors.push({ path: `${path}/userId`, message: 'must be a user id (uuid)' });
    else if (seen.has(m.userId.toLowerCase())) errors.push({ path: `${path}/userId`, message: 'listed twice' });
    else seen.add(m.userId.toLowerCase());
    if (m.manager !== undefined && bool(m.manager)) errors.push({ path: `${path}/manager`, message: bool(m.manager)! });
    return membership(kind, String(m.userId), m.manager as boolean | undefined);
  });
  if (errors.length) invalid(errors);
  return list;
}

type Detailed = Unit & { members: Member[] };

/** Replace the whole member list of a unit. */
export async function replaceMembers(db: Db, kind: UnitKind, actor: User, key: string, body: unknown): Promise<Detailed> {
  const m = memberTable(kind);
  const after = parseList(kind, body);
  return db.tx(async (q) => {
    const unit = await lockUnit(q, kind, key);
    const unknown = await unknownUsers(q, after.map((a) => a.userId));
    if (unknown.size > 0) invalid(after.flatMap((a, i) => (unknown.has(a.userId) ? [{ path: `/members/${i}/userId`, message: 'no such user' }] : [])));
    const before = asMemberships(kind, await membersOf(q, kind, unit.id));
    if (JSON.stringify(sorted(before)) !== JSON.stringify(sorted(after))) {
      await q.query(`delete from ${m.table} where ${m.column} = $1`, [unit.id]);
      const managerCol = m.manager ? ', is_manager' : '';
      const managerVal = m.manager ? ', unnest($3::boolean[])' : '';
      await q.query(`insert into ${m.table} (${m.column}, user_id${managerCol}) select $1, unnest($2::uuid[])${managerVal}`, [
        unit.id,
        after.map((a) => a.userId),
        ...(m.manager ? [after.map((a) => a.manager ?? false)] : []),
      ]);
      await auditEvent(q, { actorId: actor.id, kind: 'membership.replace', target: `${kind.name}:${key}`, detail: { before, after } });
    }
    return getUnit(q, kind, key);
  });
}

/** Add one user (territories: `{manager}` in the body; a member already there gets the flag given). */
export async function addMember(db: Db, kind: UnitKind, actor: User, key: string, userId: string, body: unknown): Promise<Detailed> {
  const m = memberTable(kind);
  const input = body === undefined ? {} : parseObject(body, m.manager ? { manager: bool } : {});
  return db.tx(async (q) => {
    const unit = await lockUnit(q, kind, key);
    if (!isId(userId) || (await unknownUsers(q, [userId])).size > 0) throw new AppError('not-found', `no user ${userId}`);
    const [current] = await q.query<Member>(
      `select user_id as id${m.manager ? ', is_manager as manager' : ''} from ${m.table} where ${m.column} = $1 and user_id = $2`,
      [unit.id, userId],
    );
    const before = current ? membership(kind, current.id, current.manager) : null;
    const after = membership(kind, userId, (input.manager as boolean | undefined) ?? before?.manager);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await q.query(
        m.manager
          ? `insert into ${m.table} (${m.column}, user_id, is_manager) values ($1, $2, $3) on conflict (${m.column}, user_id) do update set is_manager = excluded.is_manager`
          : `insert into ${m.table} (${m.column}, user_id) values ($1, $2)`,
        [unit.id, userId, ...(m.manager ? [after.manager] : [])],
      );
      await auditEvent(q, { actorId: actor.id, kind: 'membership.add', target: `${kind.name}:${key}`, detail: { before, after } });
    }
    return getUnit(q, kind, key);
  });
}

/** Remove one user; 404 when they are not a member. */
export async function removeMember(db: Db, kind: UnitKind, actor: User, key: string, userId: string): Promise<void> {
  const m = memberTable(kind);
  await db.tx(async (q) => {
    const unit = await lockUnit(q, kind, key);
    const [gone] = isId(userId)
      ? await q.query<Member>(`delete from ${m.table} where ${m.column} = $1 and user_id = $2 returning user_id as id${m.manager ? ', is_manager as manager' : ''}`, [unit.id, userId])
      : [];
    if (!gone) throw new AppError('not-found', `user ${userId} is not a member of ${kind.name} ${key}`);
    await auditEvent(q, { actorId: actor.id, kind: 'membership.remove', target: `${kind.name}:${key}`, detail: { before: membership(kind, gone.id, gone.manager), after: null } });
  });
}

