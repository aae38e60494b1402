/**
 * Resource transfer (资源移交, docs/security.md "Resource transfer"): everything one user owns —
 * their records (soft-deleted ones too, so a restore orphans nothing), their open user tasks and the
 * manual shares granted to them — moves to another user in ONE transaction, audited: one
 * audit.change row per record (`ownerId` before/after) and one `transfer` audit event. A dry run
 * answers exactly what would move and changes nothing.
 *
 * Records move in one UPDATE per entity (its audit rows in the same statement), not one per record,
 * so a departing rep's 10,000 accounts move in well under a second. Tasks are reassigned through
 * the EngineClient inside the same transaction: on the embedded engine the assignment commits with
 * the records (a task that vanished meanwhile rolls everything back); on a remote engine the
 * assignments are outbox rows of this transaction, delivered after commit.
 */
import { EngineError, inEngineTransaction, type EngineClient } from '../../engine/index.js';
import type { CompiledEntity, CompiledModel } from '../../metadata/index.js';
import { auditEvent } from '../audit/events.js';
import type { User } from '../auth/service.js';
import type { Db, Queryable } from '../db/db.js';
import { Params, qualified, UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';

/** How many ids of each entity a summary lists (the count is always exact). */
export const IDS_SHOWN = 1000;

export interface TransferInput {
  fromUserId: string;
  toUserId: string;
  /** Entity names whose records move (default: every visible entity with an owner). */
  entities: string[];
  tasks: boolean;
  shares: boolean;
  dryRun: boolean;
}

export interface TransferredTask {
  id: string;
  name: string | null;
  processInstanceId: string;
}

export interface TransferredShare {
  entity: string;
  recordId: string;
  access: 'read' | 'edit';
}

/** What moved (or, in a dry run, what would move). */
export interface TransferSummary {
  dryRun: boolean;
  fromUserId: string;
  toUserId: string;
  /** Per entity: how many records, and the first IDS_SHOWN ids (ordered). */
  records: Record<string, { count: number; ids: string[] }>;
  tasks: TransferredTask[];
  shares: TransferredShare[];
}

// ---- input ----

const FIELDS = ['fromUserId', 'toUserId', 'entities', 'tasks', 'shares', 'dryRun'];

const invalid = (errors: FieldError[]) => new AppError('validation-failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);

/** Entities whose records have an owner, as the published model shows them. */
export const ownedEntities = (model: CompiledModel): CompiledEntity[] => Object.values(model.entities).filter((e) => !e.hidden && e.owner);

/** The body checked field by field (every bad field named); users are checked against the database later. */
export function parseTransfer(body: unknown, model: CompiledModel): TransferInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid([{ path: '/', message: 'must be a JSON object' }]);
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(b)
    .filter((k) => !FIELDS.includes(k))
    .map((k) => ({ path: `/${k}`, message: 'unknown field' }));
  for (const k of ['fromUserId', 'toUserId']) {
    if (b[k] === undefined) errors.push({ path: `/${k}`, message: 'is required' });
    else if (typeof b[k] !== 'string' || !UUID.test(b[k])) errors.push({ path: `/${k}`, message: 'must be a user id (uuid)' });
  }
  for (const k of ['tasks', 'shares', 'dryRun'])
    if (b[k] !== undefined && typeof b[k] !== 'boolean') errors.push({ path: `/${k}`, message: 'must be true or false' });
  let entities = ownedEntities(model).map((e) => e.name);
  if (b.entities !== undefined) {
    if (!Array.isArray(b.entities)) errors.push({ path: '/entities', message: 'must be an array of entity names' });
    else {
      b.entities.forEach((name: unknown, i) => {
        const entity = typeof name === 'string' && Object.hasOwn(model.entities, name) ? model.entities[name] : undefined;
        if (!entity || entity.hidden) errors.push({ path: `/entities/${i}`, message: `no entity ${JSON.stringify(name)}` });
        else if (!entity.owner) errors.push({ path: `/entities/${i}`, message: `${entity.name} records have no owner` });
      });
      entities = [...new Set(b.entities as string[])];
    }
  }
  if (errors.length > 0) throw invalid(errors);
  return {
    // Lowercase, as PostgreSQL prints uuids: shares name users and tasks their assignees that way.
    fromUserId: (b.fromUserId as string).toLowerCase(),
    toUserId: (b.toUserId as string).toLowerCase(),
    entities,
    tasks: (b.tasks as boolean | undefined) ?? true,
    shares: (b.shares as boolean | undefined) ?? true,
    dryRun: (b.dryRun as boolean | undefined) ?? false,
  };
}

/**
 * Both users exist; the receiver is an active person (not a service account) other than the giver.
 * The rows stay locked (FOR SHARE) for the transaction, so the receiver cannot be deactivated meanwhile.
 */
async function checkUsers(q: Queryable, input: TransferInput): Promise<void> {
  const rows = await q.query<{ id: string; active: boolean; isService: boolean }>(
    `select id, active, is_service as "isService" from sec.user where id = any($1::uuid[]) order by id for share`,
    [[input.fromUserId, input.toUserId]],
  );
  const from = rows.find((r) => r.id === input.fromUserId);
  const to = rows.find((r) => r.id === input.toUserId);
  const errors: FieldError[] = [];
  if (!from) errors.push({ path: '/fromUserId', message: 'no such user' });
  if (!to) errors.push({ path: '/toUserId', message: 'no such user' });
  else if (input.toUserId === input.fromUserId) errors.push({ path: '/toUserId', message: 'must be another user than fromUserId' });
  else if (to.isService) errors.push({ path: '/toUserId', message: 'must be a person, not a service account' });
  else if (!to.active) errors.push({ path: '/toUserId', message: 'must be an active user' });
  if (errors.length > 0) throw invalid(errors);
}

// ---- the three parts ----

/**
 * The entity's records owned by `from` — moved to `to` with their audit rows in one statement, or
 * (dry run) only read — as a count and the first IDS_SHOWN ids.
 */
async function moveRecords(q: Queryable, entity: CompiledEntity, input: TransferInput, actorId: string): Promise<{ count: number; ids: string[] }> {
  const p = new Params();
  const table = qualified('crm', entity.table);
  const from = p.add(input.fromUserId);
  let sql: string;
  if (input.dryRun) sql = `with r as (select id from ${table} where owner_id = ${from}::uuid)`;
  else {
    const to = p.add(input.toUserId);
    const actor = p.add(actorId);
    sql = `with r as (update ${table} set owner_id = ${to}::uuid, version = version + 1, updated_at = now(), updated_by = ${actor}::uuid
                       where owner_id = ${from}::uuid returning id),
      a as (insert into audit.change (actor_id, entity, record_id, action, field, before, after)
            select ${actor}::uuid, ${p.add(entity.name)}, r.id, 'update', 'ownerId', to_jsonb(${from}::text), to_jsonb(${to}::text) from r)`;
  }
  const [row] = await q.query<{ count: number; ids: string[] }>(
    `${sql} select count(*)::int as count, coalesce((array_agg(r.id order by r.id))[1:${IDS_SHOWN}], '{}') as ids from r`,
    p.values,
  );
  return row;
}

/**
 * The user shares granted to `from`, granted to `to` instead (dry run: only listed). Where `to`
 * already has a share of the record, the two merge into one with the higher access. One statement:
 * every part sees the shares as they were before it.
 */
async function moveShares(q: Queryable, input: TransferInput): Promise<TransferredShare[]> {
  const src = `select id, entity, record_id, access from sec.share where grantee_kind = 'user' and grantee_key = $1`;
  if (input.dryRun)
    return q.query<TransferredShare>(`select entity, record_id as "recordId", access from (${src}) s order by entity, record_id`, [input.fromUserId]);
  const theirs = `select 1 from sec.share d where d.grantee_kind = 'user' and d.grantee_key = $2 and d.entity = s.entity and d.record_id = s.record_id`;
  return q.query<TransferredShare>(
    `with s as (${src} for update),
       raised as (update sec.share d set access = 'edit' from s
                   where d.grantee_kind = 'user' and d.grantee_key = $2 and d.entity = s.entity and d.record_id = s.record_id
                     and s.access = 'edit' and d.access = 'read'),
       merged as (delete from sec.share x using s where x.id = s.id and exists (${theirs})),
       moved as (update sec.share x set grantee_key = $2 from s where x.id = s.id and not exists (${theirs}))
     select entity, record_id as "recordId", access from s order by entity, record_id`,
    [input.fromUserId, input.toUserId],
  );
}

// ---- the use case ----

/**
 * Transfer (or with `dryRun`, list) what `fromUserId` holds to `toUserId`. Administrators only —
 * the route checks. Bad input is a 400 naming each field, and nothing changes.
 */
export async function transferResources(db: Db, engine: EngineClient, model: CompiledModel, actor: User, body: unknown): Promise<TransferSummary> {
  const input = parseTransfer(body, model);
  const run = async (q: Queryable, onCommit: (fn: () => void) => void): Promise<TransferSummary> => {
    await checkUsers(q, input);
    const summary: TransferSummary = { dryRun: input.dryRun, fromUserId: input.fromUserId, toUserId: input.toUserId, records: {}, tasks: [], shares: [] };
    for (const name of input.entities) summary.records[name] = await moveRecords(q, model.entities[name], input, actor.id);
    if (input.shares) summary.shares = await moveShares(q, input);
    if (input.tasks) {
      const open = await engine.tasks({ assignee: input.fromUserId, sorting: [{ sortBy: 'id', sortOrder: 'asc' }] });
      summary.tasks = open.map((t) => ({ id: t.id, name: t.name ?? null, processInstanceId: t.processInstanceId }));
      if (!input.dryRun) for (const [i, t] of summary.tasks.entries()) onCommit((await reassign(q, engine, t, i, input.toUserId)).afterCommit);
    }
    if (!input.dryRun) {
      const counts = Object.fromEntries(Object.entries(summary.records).map(([name, r]) => [name, r.count]));
      await auditEvent(q, {
        actorId: actor.id,
        kind: 'transfer',
        target: `user:${input.fromUserId}`,
        detail: { from: input.fromUserId, to: input.toUserId, counts, tasks: summary.tasks.length, shares: summary.shares.length, dryRun: false },
      });
    }
    return summary;
  };
  if (input.dryRun) return db.tx((q) => run(q, () => {}));
  // The engine's transaction: a lost race inside the engine retries the whole transfer.
  return inEngineTransaction(db, (tx) => run(tx.q, tx.onCommit));
}

/** One task to its new assignee, in the transaction; a task gone since it was listed fails the transfer (409). */
async function reassign(q: Queryable, engine: EngineClient, task: TransferredTask, index: number, userId: string) {
  try {
    return await engine.submit(q, { type: 'setAssignee', taskId: task.id, userId });
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    throw new AppError(
      'version-conflict',
      `task ${task.id} changed while it was being transferred (completed or deleted): nothing was transferred; try again`,
      [{ path: `/tasks/${index}`, message: e.message }],
    );
  }
}
