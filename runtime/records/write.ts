/**
 * Record writes: create, update (partial, optimistic concurrency), soft delete, restore, and bulk
 * create/update in one transaction. Every write validates first, checks duplicate rules, and writes
 * its audit rows in the same transaction as the change (the create is a single statement).
 */
import { randomUUID } from 'node:crypto';
import type { CompiledEntity, CompiledField, CompiledModel } from '../../metadata/index.js';
import { accessPredicate, assertFieldsWritable } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { PgError, Queryable } from '../db/db.js';
import { ident, Params, qualified, UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { duplicatesSql, duplicatesWithin, findDuplicates, type DuplicateMatch } from './duplicates.js';
import { decodeRow } from './query.js';
import { assertValid, recordErrors } from './validate.js';
import { assertAttachmentsOwn } from './attachment-fields.js';

export type ApiRecord = Record<string, unknown> & { id: string; version: number };

export interface WriteContext {
  q: Queryable;
  user: User;
  model: CompiledModel;
}

export function assertRecordId(entity: CompiledEntity, id: string): void {
  if (!UUID.test(id)) throw new AppError('not-found', `${entity.name} ${id} not found`);
}

function visibleField(entity: CompiledEntity, name: string): CompiledField | undefined {
  return entity.fields.find((f) => f.name === name && !f.hidden);
}

/** JS value → bind parameter for the field's column. */
function toParam(f: CompiledField, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return f.kind === 'json' ? JSON.stringify(v) : v;
}

/** Map constraint violations to 4xx errors naming the field; rethrow anything else. */
export function mapPgError(entity: CompiledEntity, e: unknown, prefix = ''): never {
  const err = e as PgError;
  const cols = /Key \(([^)]+)\)=/.exec(err.detail ?? '')?.[1]?.split(',').map((c) => c.trim()) ?? [];
  const fields = cols.map((c) => entity.fields.find((f) => f.column === c)?.name ?? c);
  if (err.code === '23505')
    throw new AppError(
      'unique-violation',
      `${fields.join(', ')} must be unique`,
      fields.map((f) => ({ path: `${prefix}/${f}`, message: 'value already exists', code: 'unique', params: { entity: entity.name, field: f } })),
    );
  if (err.code === '23503')
    throw new AppError('validation-failed', `referenced record does not exist`, fields.map((f) => ({ path: `${prefix}/${f}`, message: 'no such record' })));
  if (err.code === '22003' || err.code === '22P02' || err.code === '22007' || err.code === '22008')
    throw new AppError('validation-failed', err.message, [{ path: prefix || '/', message: err.message }]);
  throw e;
}

/** Defaults a create fills in: a state machine's initial state. */
function withDefaults(entity: CompiledEntity, body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  for (const f of entity.fields) {
    if (f.hidden || out[f.name] !== undefined) continue;
    if (f.stateMachine?.initial !== undefined) out[f.name] = f.stateMachine.initial;
  }
  return out;
}

/** `<table> l where` the live records among `ids` the user may read (uuid-shaped ids only). */
function liveReadableFrom(ctx: WriteContext, target: CompiledEntity, ids: Iterable<string>, p: Params): string {
  const acc = accessPredicate(ctx.user, ctx.model, target.name, 'read').sql('l', p);
  return `${qualified('crm', target.table)} l where l.id = any(${p.add([...ids])}::uuid[]) and l.deleted_at is null${acc ? ` and (${acc})` : ''}`;
}

/** Which of `ids` name live records of `target` the user may read (lower-case ids; ids of no uuid shape never do). */
export async function liveReadableIds(ctx: WriteContext, target: CompiledEntity, ids: string[]): Promise<Set<string>> {
  const wanted = ids.filter((id) => UUID.test(id));
  if (wanted.length === 0) return new Set();
  const p = new Params();
  return new Set((await ctx.q.query<{ id: string }>(`select l.id from ${liveReadableFrom(ctx, target, wanted, p)}`, p.values)).map((r) => r.id));
}

/**
 * Every lookup value must name a live record the user can see: not in the recycle bin (the
 * foreign key alone would accept it) and inside their access. One query for all lookups of all
 * rows; errors name each offending field, e.g. `/account` or `/records/3/account`.
 */
async function assertLookupsLive(ctx: WriteContext, entity: CompiledEntity, rows: Record<string, unknown>[], pathOf: (i: number) => string): Promise<void> {
  const p = new Params();
  const parts: string[] = [];
  const wanted: { field: CompiledField; ids: Set<string> }[] = [];
  for (const f of entity.fields) {
    if (!f.lookup || f.hidden) continue;
    const ids = new Set(rows.map((r) => r[f.name]).filter((v): v is string => typeof v === 'string'));
    const target = ctx.model.entities[f.lookup.entity];
    if (ids.size === 0 || !target) continue;
    wanted.push({ field: f, ids });
    parts.push(`select ${p.add(f.name)}::text as field, l.id from ${liveReadableFrom(ctx, target, ids, p)}`);
  }
  if (parts.length === 0) return;
  const found = new Set((await ctx.q.query<{ field: string; id: string }>(parts.join(' union all '), p.values)).map((r) => `${r.field}:${r.id}`));
  const errors: FieldError[] = [];
  rows.forEach((r, i) => {
    for (const { field } of wanted) {
      const v = r[field.name];
      if (typeof v === 'string' && !found.has(`${field.name}:${v.toLowerCase()}`))
        errors.push({ path: `${pathOf(i)}/${field.name}`, message: `no such ${field.lookup!.entity} record` });
    }
  });
  assertValid(errors);
}

function duplicateError(entity: CompiledEntity, matches: DuplicateMatch[], index?: number): AppError {
  return new AppError(
    'duplicate',
    `possible duplicate of ${matches.length} existing ${entity.name} record(s); resend with allowDuplicates=true to save anyway`,
    undefined,
    { duplicates: matches, ...(index !== undefined ? { index } : {}) },
  );
}

async function assertNoDuplicates(ctx: WriteContext, entity: CompiledEntity, values: Record<string, unknown>, excludeId?: string, index?: number) {
  if (entity.duplicateRules.length === 0) return;
  const matches = await findDuplicates(ctx.q, entity, values, accessPredicate(ctx.user, ctx.model, entity.name, 'read'), excludeId);
  if (matches.length > 0) throw duplicateError(entity, matches, index);
}

export async function createRecord(
  ctx: WriteContext,
  entity: CompiledEntity,
  body: unknown,
  /** `ownerId`: the new record's owner (default: the user; null: none, e.g. a lead in the pool) — for the runtime's own use cases, never from a request. */
  opts: { allowDuplicates?: boolean; ownerId?: string | null } = {},
): Promise<ApiRecord> {
  assertFieldsWritable(ctx.user, ctx.model, entity.name, body);
  assertValid(recordErrors(entity, 'create', body));
  const values = withDefaults(entity, body as Record<string, unknown>);
  await assertLookupsLive(ctx, entity, [values], () => '');
  await assertAttachmentsOwn(ctx, entity, [values], [null], () => '');
  const owner = opts.ownerId === undefined ? ctx.user.id : opts.ownerId;
  if (opts.allowDuplicates) return (await insertRows(ctx, entity, [values], '', owner))[0];
  return insertUnlessDuplicate(ctx, entity, values, owner);
}

/** Cast for a bind parameter in a SELECT list: the column's base type (`varchar(200)` → `varchar`). */
const paramCast = (f: CompiledField) => f.sqlType.replace(/\(.*\)$/, '');

/**
 * One statement: look for duplicates, insert the row only if there are none, and audit it. One
 * round trip instead of two for entities with duplicate rules. Throws `duplicate` with the matches.
 */
async function insertUnlessDuplicate(ctx: WriteContext, entity: CompiledEntity, values: Record<string, unknown>, owner: string | null): Promise<ApiRecord> {
  const p = new Params();
  const dup = duplicatesSql(entity, values, accessPredicate(ctx.user, ctx.model, entity.name, 'read'), p);
  if (!dup) return (await insertRows(ctx, entity, [values], '', owner))[0];
  const actor = p.add(ctx.user.id);
  const fields = Object.keys(values).map((n) => visibleField(entity, n)!);
  const cols = ['id', 'owner_id', 'created_by', 'updated_by', ...fields.map((f) => ident(f.column))];
  const cells = [`${p.add(randomUUID())}::uuid`, `${p.add(owner)}::uuid`, `${actor}::uuid`, `${actor}::uuid`, ...fields.map((f) => `${p.add(toParam(f, values[f.name]))}::${paramCast(f)}`)];
  const after = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
  const sql = `with dup as (${dup}),
    r as (insert into ${qualified('crm', entity.table)} (${cols.join(', ')}) select ${cells.join(', ')} where not exists (select 1 from dup) returning *),
    a as (insert into audit.change (actor_id, entity, record_id, action, field, before, after)
          select ${actor}::uuid, ${p.add(entity.name)}, r.id, 'create', null, null, ${p.add(JSON.stringify(after))}::jsonb from r)
    select r.*, (select json_agg(dup) from dup) as "_duplicates" from (select 1) one left join r on true`;
  let row: Record<string, unknown>;
  try {
    [row] = await ctx.q.query(sql, p.values);
  } catch (e) {
    mapPgError(entity, e);
  }
  if (row._duplicates) throw duplicateError(entity, row._duplicates as DuplicateMatch[]);
  return decodeRow(ctx.model, entity.name, row, {}) as ApiRecord;
}

/** Largest number of bind parameters one INSERT may carry (PostgreSQL's limit is 65,535). */
const MAX_PARAMS = 60_000;

/**
 * Insert validated rows, with their audit rows, in ONE statement per chunk: ids are made here so
 * the audit rows need nothing back from the insert, and the row and its audit commit together.
 * Rows omitting a field get the column default (null).
 */
async function insertRows(ctx: WriteContext, entity: CompiledEntity, rows: Record<string, unknown>[], prefix: string | null, owner: string | null = ctx.user.id): Promise<ApiRecord[]> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const fields = names.map((n) => visibleField(entity, n)!);
  const perRow = Math.max(1, Math.floor(MAX_PARAMS / (fields.length + 1)) - 1);
  const out: ApiRecord[] = [];
  for (let start = 0; start < rows.length; start += perRow) {
    const chunk = rows.slice(start, start + perRow);
    const p = new Params();
    const actor = p.add(ctx.user.id);
    const ownerParam = owner === ctx.user.id ? actor : p.add(owner);
    const ids = chunk.map(() => randomUUID());
    const tuples = chunk.map((r, i) => {
      const cells = [p.add(ids[i]), ownerParam, actor, actor, ...fields.map((f) => (r[f.name] === undefined ? 'default' : p.add(toParam(f, r[f.name]))))];
      return `(${cells.join(', ')})`;
    });
    // One audit row per created record: field null, `after` = every value it was created with.
    const audit = chunk.map((r, i) => ({ id: ids[i], after: Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined)) }));
    const cols = ['id', 'owner_id', 'created_by', 'updated_by', ...fields.map((f) => ident(f.column))];
    const sql = `with r as (insert into ${qualified('crm', entity.table)} (${cols.join(', ')}) values ${tuples.join(', ')} returning *),
      a as (insert into audit.change (actor_id, entity, record_id, action, field, before, after)
            select ${actor}, ${p.add(entity.name)}, (e->>'id')::uuid, 'create', null, null, e->'after'
              from jsonb_array_elements(${p.add(JSON.stringify(audit))}::jsonb) e)
      select * from r`;
    let inserted: Record<string, unknown>[];
    try {
      inserted = await ctx.q.query(sql, p.values);
    } catch (e) {
      mapPgError(entity, e, prefix ?? '');
    }
    const byId = new Map(inserted.map((row) => [String(row.id), row]));
    for (const id of ids) out.push(decodeRow(ctx.model, entity.name, byId.get(id)!, {}) as ApiRecord);
  }
  return out;
}

/**
 * The live (or deleted) row, locked for the rest of the transaction. 404 when the user cannot see
 * it (as if it did not exist), 403 when they can see it but not change it (`edit`) or not delete,
 * restore or share it (`full`).
 */
async function lockRow(ctx: WriteContext, entity: CompiledEntity, id: string, level: 'edit' | 'full', deleted: boolean) {
  assertRecordId(entity, id);
  const p = new Params();
  const conds = [`t0.id = ${p.add(id)}`, deleted ? 't0.deleted_at is not null' : 't0.deleted_at is null'];
  const read = accessPredicate(ctx.user, ctx.model, entity.name, 'read').sql('t0', p);
  if (read) conds.push(`(${read})`);
  const allowed = accessPredicate(ctx.user, ctx.model, entity.name, level).sql('t0', p);
  const rows = await ctx.q.query<Record<string, unknown> & { _allowed: boolean }>(
    `select t0.*, ${allowed ?? 'true'} as "_allowed" from ${qualified('crm', entity.table)} t0 where ${conds.join(' and ')} for update`,
    p.values,
  );
  if (!rows[0]) throw new AppError('not-found', `${entity.name} ${id} not found${deleted ? ' among deleted records' : ''}`);
  const { _allowed, ...row } = rows[0];
  if (!_allowed) throw new AppError('forbidden', `you may see ${entity.name} ${id} but not ${level === 'edit' ? 'change' : 'delete, restore or share'} it`);
  return row;
}

function checkVersion(entity: CompiledEntity, row: Record<string, unknown>, expected: number | undefined) {
  if (expected !== undefined && Number(row.version) !== expected)
    throw new AppError(
      'version-conflict',
      `${entity.name} ${String(row.id)} was changed by someone else (your version ${expected}, current ${String(row.version)}); reload and apply your change again`,
      [{ path: '/version', message: 'stale version', code: 'stale-version', params: { entity: entity.name, expected, current: Number(row.version) } }],
      { currentVersion: Number(row.version) },
    );
}

function stateErrors(entity: CompiledEntity, before: Record<string, unknown>, patch: Record<string, unknown>, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of entity.fields) {
    if (!f.stateMachine || !(f.name in patch)) continue;
    const from = before[f.name];
    const to = patch[f.name];
    if (from === to || from === null || from === undefined) continue;
    const allowed = f.stateMachine.transitions[String(from)] ?? [];
    if (!allowed.includes(String(to)))
      errors.push({
        path: `${prefix}/${f.name}`,
        message: `cannot go from ${String(from)} to ${String(to)}; allowed: ${allowed.join(', ') || 'none'}`,
        code: 'transition-not-allowed',
        params: { entity: entity.name, field: f.name, from: String(from), to: String(to), allowed },
      });
  }
  return errors;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function insertAudit(ctx: WriteContext, entity: CompiledEntity, id: string, action: string, changes: { field: string | null; before: unknown; after: unknown }[]) {
  if (changes.length === 0) return;
  const p = new Params();
  const actor = p.add(ctx.user.id);
  const ent = p.add(entity.name);
  const rid = p.add(id);
  const act = p.add(action);
  const rows = changes.map((c) => `(${actor}, ${ent}, ${rid}, ${act}, ${p.add(c.field)}, ${p.add(c.before === undefined ? null : JSON.stringify(c.before))}::jsonb, ${p.add(c.after === undefined ? null : JSON.stringify(c.after))}::jsonb)`);
  await ctx.q.query(`insert into audit.change (actor_id, entity, record_id, action, field, before, after) values ${rows.join(', ')}`, p.values);
}

/**
 * Partial update. `expectedVersion` (If-Match or body `version`) must equal the current version
 * when given. Call inside a transaction: the row is locked, changed and audited atomically.
 */
export async function updateRecord(
  ctx: WriteContext,
  entity: CompiledEntity,
  id: string,
  body: unknown,
  opts: { expectedVersion?: number; allowDuplicates?: boolean; errorPrefix?: string; index?: number } = {},
): Promise<ApiRecord> {
  const prefix = opts.errorPrefix ?? '';
  assertFieldsWritable(ctx.user, ctx.model, entity.name, body, prefix);
  assertValid(recordErrors(entity, 'update', body, prefix));
  const patch = body as Record<string, unknown>;
  const row = await lockRow(ctx, entity, id, 'edit', false);
  checkVersion(entity, row, opts.expectedVersion);
  const before = decodeRow(ctx.model, entity.name, row, {});
  assertValid(stateErrors(entity, before, patch, prefix));
  const changed = Object.keys(patch).filter((k) => !same(before[k], patch[k]));
  if (changed.length === 0) return before as ApiRecord;
  const changes = Object.fromEntries(changed.map((k) => [k, patch[k]]));
  await assertLookupsLive(ctx, entity, [changes], () => prefix);
  await assertAttachmentsOwn(ctx, entity, [changes], [id], () => prefix);
  if (!opts.allowDuplicates && entity.duplicateRules.some((r) => r.fields.some((f) => changed.includes(f.field))))
    await assertNoDuplicates(ctx, entity, { ...before, ...patch }, id, opts.index);
  const p = new Params();
  const sets = changed.map((k) => {
    const f = visibleField(entity, k)!;
    return `${ident(f.column)} = ${p.add(toParam(f, patch[k]))}`;
  });
  sets.push('version = version + 1', 'updated_at = now()', `updated_by = ${p.add(ctx.user.id)}`);
  let updated: Record<string, unknown>;
  try {
    updated = (await ctx.q.query(`update ${qualified('crm', entity.table)} set ${sets.join(', ')} where id = ${p.add(id)} returning *`, p.values))[0];
  } catch (e) {
    mapPgError(entity, e, prefix);
  }
  const after = decodeRow(ctx.model, entity.name, updated, {});
  await insertAudit(ctx, entity, id, 'update', changed.map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null })));
  return after as ApiRecord;
}

/** Soft delete (restorable): sets deleted_at/by and bumps the version. */
export async function deleteRecord(ctx: WriteContext, entity: CompiledEntity, id: string, opts: { expectedVersion?: number } = {}): Promise<void> {
  const row = await lockRow(ctx, entity, id, 'full', false);
  checkVersion(entity, row, opts.expectedVersion);
  await ctx.q.query(
    `update ${qualified('crm', entity.table)} set deleted_at = now(), deleted_by = $1, version = version + 1, updated_at = now(), updated_by = $1 where id = $2`,
    [ctx.user.id, id],
  );
  await insertAudit(ctx, entity, id, 'delete', [{ field: null, before: null, after: null }]);
}

export async function restoreRecord(ctx: WriteContext, entity: CompiledEntity, id: string): Promise<ApiRecord> {
  await lockRow(ctx, entity, id, 'full', true);
  const rows = await ctx.q.query(
    `update ${qualified('crm', entity.table)} set deleted_at = null, deleted_by = null, version = version + 1, updated_at = now(), updated_by = $1 where id = $2 returning *`,
    [ctx.user.id, id],
  );
  await insertAudit(ctx, entity, id, 'restore', [{ field: null, before: null, after: null }]);
  return decodeRow(ctx.model, entity.name, rows[0], {}) as ApiRecord;
}

/**
 * Give one record a new owner (needs full access: the owner or above them; the role's `transfer`
 * permission is checked by the route). The new owner must be an active person; `null` releases
 * the record to no owner (e.g. a lead back in the pool, seen then only through sharing rules).
 * Audited as a change of `ownerId`. Whole portfolios move with POST /api/transfer instead.
 */
export async function changeOwner(ctx: WriteContext, entity: CompiledEntity, id: string, body: unknown, opts: { expectedVersion?: number } = {}): Promise<ApiRecord> {
  if (!entity.owner) throw new AppError('bad-request', `${entity.name} records have no owner`);
  const given = (body as { ownerId?: unknown } | null)?.ownerId;
  if (given !== null && (typeof given !== 'string' || !UUID.test(given)))
    throw new AppError('validation-failed', 'ownerId must be a user id or null', [{ path: '/ownerId', message: 'must be a user id or null' }]);
  const ownerId = given === null ? null : given.toLowerCase();
  const row = await lockRow(ctx, entity, id, 'full', false);
  checkVersion(entity, row, opts.expectedVersion);
  if (ownerId !== null) {
    const [person] = await ctx.q.query('select 1 from sec.user where id = $1 and active and not is_service', [ownerId]);
    if (!person) throw new AppError('validation-failed', 'the new owner must be an active user', [{ path: '/ownerId', message: 'no such active user' }]);
  }
  if ((row.owner_id === null ? null : String(row.owner_id)) === ownerId) return decodeRow(ctx.model, entity.name, row, {}) as ApiRecord;
  const [updated] = await ctx.q.query(
    `update ${qualified('crm', entity.table)} set owner_id = $2, version = version + 1, updated_at = now(), updated_by = $3 where id = $1 returning *`,
    [id, ownerId, ctx.user.id],
  );
  await insertAudit(ctx, entity, id, 'update', [{ field: 'ownerId', before: row.owner_id, after: ownerId }]);
  return decodeRow(ctx.model, entity.name, updated, {}) as ApiRecord;
}

const BULK_MAX = 1000;

function bulkItems(body: unknown): unknown[] {
  const records = (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) throw new AppError('validation-failed', 'records must be an array', [{ path: '/records', message: 'must be an array' }]);
  if (records.length === 0 || records.length > BULK_MAX)
    throw new AppError('validation-failed', `records must hold 1 to ${BULK_MAX} items`, [{ path: '/records', message: `must hold 1 to ${BULK_MAX} items` }]);
  return records;
}

/**
 * Bulk create: every record validated up front (all errors reported), duplicate rules checked per
 * record, then all inserted in one statement per chunk; all or none.
 */
export async function bulkCreate(ctx: WriteContext, entity: CompiledEntity, body: unknown, opts: { allowDuplicates?: boolean } = {}): Promise<ApiRecord[]> {
  const records = bulkItems(body);
  records.forEach((r, i) => assertFieldsWritable(ctx.user, ctx.model, entity.name, r, `/records/${i}`));
  assertValid(records.flatMap((r, i) => recordErrors(entity, 'create', r, `/records/${i}`)));
  const rows = records.map((r) => withDefaults(entity, r as Record<string, unknown>));
  await assertLookupsLive(ctx, entity, rows, (i) => `/records/${i}`);
  await assertAttachmentsOwn(ctx, entity, rows, rows.map(() => null), (i) => `/records/${i}`);
  if (!opts.allowDuplicates && entity.duplicateRules.length > 0) {
    const within = await duplicatesWithin(ctx.q, entity, rows);
    if (within.length > 0)
      throw new AppError(
        'duplicate',
        `records ${within[0].of} and ${within[0].index} of this batch look like the same ${entity.name}; resend with allowDuplicates=true to save anyway`,
        undefined,
        { index: within[0].index, duplicatesInBatch: within },
      );
    for (const [i, r] of rows.entries()) await assertNoDuplicates(ctx, entity, r, undefined, i);
  }
  return insertRows(ctx, entity, rows, '/records');
}

/** Bulk update: each item is `{id, version?, ...fields}`; all or none. */
export async function bulkUpdate(ctx: WriteContext, entity: CompiledEntity, body: unknown, opts: { allowDuplicates?: boolean } = {}): Promise<ApiRecord[]> {
  const records = bulkItems(body);
  const items = records.map((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new AppError('validation-failed', 'each record must be an object', [{ path: `/records/${i}`, message: 'must be an object' }]);
    const { id, version, ...patch } = r as Record<string, unknown>;
    if (typeof id !== 'string') throw new AppError('validation-failed', 'id is required', [{ path: `/records/${i}/id`, message: 'is required' }]);
    if (version !== undefined && !Number.isInteger(version)) throw new AppError('validation-failed', 'version must be an integer', [{ path: `/records/${i}/version`, message: 'must be an integer' }]);
    return { id, version: version as number | undefined, patch };
  });
  items.forEach((it, i) => assertFieldsWritable(ctx.user, ctx.model, entity.name, it.patch, `/records/${i}`));
  assertValid(items.flatMap((it, i) => recordErrors(entity, 'update', it.patch, `/records/${i}`)));
  const out: ApiRecord[] = [];
  for (const [i, it] of items.entries())
    out.push(await updateRecord(ctx, entity, it.id, it.patch, { ...opts, expectedVersion: it.version, errorPrefix: `/records/${i}`, index: i }));
  return out;
}
