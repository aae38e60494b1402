/**
 * Manual shares of one record (sec.share): who else may read or edit it beyond what the sharing
 * policy gives (docs/security.md, "Record access"). The routes check the caller's level on the
 * record first (read to list, full and the `share` permission to change); these use cases check
 * the grantee, write the share and its audit event (`share.create|update|delete`) with the same `q`.
 */
import type { CompiledModel, Label } from '../../metadata/index.js';
import { auditEvent } from '../audit/events.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { AppError, type FieldError } from '../errors.js';
import { invalid, isId, isKey, objectAt, parseObject } from './input.js';
import { tableOf, UNIT_KINDS } from './units.js';

export const GRANTEE_KINDS = ['user', 'department', 'role', 'roleAndSubordinates', 'team', 'territory', 'group'] as const;
export type GranteeKind = (typeof GRANTEE_KINDS)[number];
export const SHARE_ACCESS = ['read', 'edit'] as const;
export type ShareAccess = (typeof SHARE_ACCESS)[number];

export interface Share {
  id: string;
  /** `key`: a user id, a role key, or a department/team/territory/group key; `name`/`label` to show it. */
  grantee: { kind: GranteeKind; key: string; name: string | null; label?: Label };
  access: ShareAccess;
  createdBy: { id: string; username: string; displayName: string } | null;
  createdAt: string;
}

/** The record a share belongs to: the entity's API name and the record id. */
export interface RecordRef {
  entity: string;
  id: string;
}

const isRole = (kind: string) => kind === 'role' || kind === 'roleAndSubordinates';

/** The grantee's display name, read beside each share (users: display name; units: name). */
const GRANTEE_NAME = `case s.grantee_kind
    when 'user' then (select g.display_name from sec.user g where g.id::text = s.grantee_key)
    ${UNIT_KINDS.map((k) => `when '${k.name}' then (select g.name from ${tableOf(k)} g where g.key = s.grantee_key)`).join('\n    ')}
  end`;

const SHARE_SELECT = `select s.id, json_build_object('kind', s.grantee_kind, 'key', s.grantee_key, 'name', ${GRANTEE_NAME}) as grantee, s.access,
    case when c.id is null then null else json_build_object('id', c.id, 'username', c.username, 'displayName', c.display_name) end as "createdBy",
    s.created_at as "createdAt"
  from sec.share s left join sec.user c on c.id = s.created_by`;

/** Role grantees carry the role's label (roles are metadata, not rows). */
function labelled(model: CompiledModel, share: Share): Share {
  const role = isRole(share.grantee.kind) && Object.hasOwn(model.security.roles, share.grantee.key) ? model.security.roles[share.grantee.key] : undefined;
  return role ? { ...share, grantee: { ...share.grantee, label: role.label } } : share;
}

export async function listShares(q: Queryable, model: CompiledModel, record: RecordRef): Promise<Share[]> {
  const rows = await q.query<Share>(`${SHARE_SELECT} where s.entity = $1 and s.record_id = $2 order by s.created_at, s.id`, [record.entity, record.id]);
  return rows.map((s) => labelled(model, s));
}

async function getShare(q: Queryable, model: CompiledModel, id: string): Promise<Share> {
  const [row] = await q.query<Share>(`${SHARE_SELECT} where s.id = $1`, [id]);
  return labelled(model, row);
}

/** `{grantee: {kind, key}, access}`, checked; a user id key comes back lowercase (as shares are matched). */
function parseShare(body: unknown): { kind: GranteeKind; key: string; access: ShareAccess } {
  const input = parseObject(
    body,
    {
      grantee: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'must be an object {kind, key}'),
      access: (v) => ((SHARE_ACCESS as readonly unknown[]).includes(v) ? null : `must be one of: ${SHARE_ACCESS.join(', ')}`),
    },
    ['grantee', 'access'],
  );
  const grantee = objectAt(input.grantee, '/grantee');
  const errors: FieldError[] = Object.keys(grantee)
    .filter((k) => k !== 'kind' && k !== 'key')
    .map((k) => ({ path: `/grantee/${k}`, message: 'unknown field' }));
  if (!(GRANTEE_KINDS as readonly unknown[]).includes(grantee.kind)) errors.push({ path: '/grantee/kind', message: `must be one of: ${GRANTEE_KINDS.join(', ')}` });
  if (typeof grantee.key !== 'string' || grantee.key.length === 0) errors.push({ path: '/grantee/key', message: 'must be a non-empty string' });
  if (errors.length) invalid(errors);
  const kind = grantee.kind as GranteeKind;
  const key = grantee.key as string;
  return { kind, key: kind === 'user' ? key.toLowerCase() : key, access: input.access as ShareAccess };
}

/** Whether the grantee exists: a user, a role of the published model, or an org unit with that key. */
async function granteeExists(q: Queryable, model: CompiledModel, kind: GranteeKind, key: string): Promise<boolean> {
  if (isRole(kind)) return Object.hasOwn(model.security.roles, key);
  if (kind === 'user') return isId(key) && (await q.query('select 1 from sec.user where id = $1', [key])).length > 0;
  const unit = UNIT_KINDS.find((k) => k.name === kind)!;
  return isKey(key) && (await q.query(`select 1 from ${tableOf(unit)} where key = $1`, [key])).length > 0;
}

const describe = (kind: GranteeKind) => (kind === 'user' ? 'user id' : isRole(kind) ? 'role key of the published metadata' : `${kind} key`);

/**
 * Share the record with a grantee, or change the access of the grantee's share (one share per
 * grantee and record). `created`: a new share (201); an unchanged share writes no event.
 */
export async function putShare(q: Queryable, actor: User, model: CompiledModel, record: RecordRef, body: unknown): Promise<{ share: Share; created: boolean }> {
  const { kind, key, access } = parseShare(body);
  if (!(await granteeExists(q, model, kind, key))) invalid([{ path: '/grantee/key', message: `no ${kind} ${key}: must be a ${describe(kind)}` }]);
  const [before] = await q.query<{ id: string; access: ShareAccess }>(
    'select id, access from sec.share where entity = $1 and record_id = $2 and grantee_kind = $3 and grantee_key = $4 for update',
    [record.entity, record.id, kind, key],
  );
  const [row] = await q.query<{ id: string; inserted: boolean }>(
    `insert into sec.share (entity, record_id, grantee_kind, grantee_key, access, created_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (entity, record_id, grantee_kind, grantee_key) do update set access = excluded.access
     returning id, (xmax = 0) as inserted`,
    [record.entity, record.id, kind, key, access, actor.id],
  );
  const target = `${record.entity}:${record.id.toLowerCase()}`;
  const grantee = { kind, key };
  if (row.inserted) await auditEvent(q, { actorId: actor.id, kind: 'share.create', target, detail: { shareId: row.id, grantee, access } });
  else if (before?.access !== access)
    await auditEvent(q, { actorId: actor.id, kind: 'share.update', target, detail: { shareId: row.id, grantee, before: { access: before?.access ?? null }, after: { access } } });
  return { share: await getShare(q, model, row.id), created: row.inserted };
}

/** Remove one share of the record; 404 when the record has no share with that id. */
export async function deleteShare(q: Queryable, actor: User, record: RecordRef, shareId: string): Promise<void> {
  const [gone] = isId(shareId)
    ? await q.query<{ kind: string; key: string; access: ShareAccess }>(
        'delete from sec.share where id = $1 and entity = $2 and record_id = $3 returning grantee_kind as kind, grantee_key as key, access',
        [shareId, record.entity, record.id],
      )
    : [];
  if (!gone) throw new AppError('not-found', `${record.entity} ${record.id} has no share ${shareId}`);
  await auditEvent(q, {
    actorId: actor.id,
    kind: 'share.delete',
    target: `${record.entity}:${record.id.toLowerCase()}`,
    detail: { shareId, grantee: { kind: gone.kind, key: gone.key }, before: { access: gone.access } },
  });
}
