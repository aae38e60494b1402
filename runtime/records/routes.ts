/** /api/records/:entity — thin handlers: parse input, call one use case, send the result. */
import { Router, type Request } from 'express';
import { UUID } from '../db/sql.js';
import type { EngineClient } from '../../engine/index.js';
import type { Db, Queryable } from '../db/db.js';
import { currentUser } from '../auth/routes.js';
import { AppError } from '../errors.js';
import { jsonObjectBody } from '../http/body.js';
import type { ModelStore } from '../model/store.js';
import type { CompiledEntity, EntityAction } from '../../metadata/index.js';
import { accessPredicate, assertCan, modelFor } from '../access/index.js';
import { buildAggregate, decodeAggregate, listParam } from './aggregate.js';
import { fireTriggers, rememberTriggerState, triggersFor, writeWithTriggers, type RecordEvent } from '../triggers/index.js';
import { findDuplicates } from './duplicates.js';
import { getRecord, listQueryFrom, listRecords, recordHistory } from './read.js';
import { bulkCreate, bulkUpdate, changeOwner, createRecord, deleteRecord, restoreRecord, updateRecord, type WriteContext } from './write.js';

/** Expected version from `If-Match` (a number, optionally quoted as an ETag) or the body's `version`. */
function expectedVersion(req: Request, body?: Record<string, unknown>): number | undefined {
  const header = req.headers['if-match'];
  if (typeof header === 'string' && header !== '*') {
    const n = Number(header.replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(n)) throw new AppError('bad-request', 'If-Match must carry the record version', [{ path: 'If-Match', message: 'must be an integer version' }]);
    return n;
  }
  const v = body?.version;
  if (v === undefined) return undefined;
  if (!Number.isInteger(v)) throw new AppError('validation-failed', 'version must be an integer', [{ path: '/version', message: 'must be an integer' }]);
  return v as number;
}

const flag = (v: unknown) => v === 'true' || v === '1' || v === true;


const idsOf = (result: { id: string } | { id: string }[] | void, id?: string): string[] =>
  Array.isArray(result) ? result.map((r) => r.id) : result ? [result.id] : id ? [id] : [];

export function recordRoutes(db: Db, store: ModelStore, engine: EngineClient): Router {
  const r = Router();
  /**
   * The request's user, the model as their role sees it (fields hidden for the role are absent),
   * and the entity of the path — after checking the role may `action` it (403 otherwise).
   */
  const scope = (req: Request, action: EntityAction) => {
    const user = currentUser(req);
    const name = store.entity(req.params.entity as string).name;
    const model = modelFor(user, store.current);
    assertCan(user, model, name, action);
    return { user, model, entity: model.entities[name] };
  };
  /**
   * A write in one transaction, with the entity's triggers for `event` fired in it (the records it
   * returned, or `id` for a delete). Without triggers and `tx: false`, the write runs as it is (a
   * create is one statement and needs no transaction). A delete always goes through fireTriggers:
   * it also forgets the record's trigger states.
   */
  const write = <T extends { id: string } | { id: string }[] | void>(
    req: Request,
    action: EntityAction,
    event: RecordEvent,
    fn: (ctx: WriteContext, entity: CompiledEntity) => Promise<T>,
    opts: { tx?: boolean; id?: string } = {},
  ): Promise<T> => {
    const { user, model, entity } = scope(req, action);
    const ctx = (q: Queryable): WriteContext => ({ q, user, model });
    if (event !== 'delete' && triggersFor(store.current, entity.name, event).length === 0) return opts.tx === false ? fn(ctx(db), entity) : db.tx((q) => fn(ctx(q), entity));
    return writeWithTriggers(db, (q, result: T) => fireTriggers(q, store.current, engine, entity.name, event, idsOf(result, opts.id)), (q) => fn(ctx(q), entity));
  };
  const query = (req: Request) => req.query as Record<string, unknown>;
  const list = async (req: Request, input: Record<string, unknown>) => {
    const { user, model, entity } = scope(req, 'read');
    return listRecords({ q: db, user, model }, entity, listQueryFrom(input, { me: user.id }));
  };

  r.get('/:entity', async (req, res) => {
    res.json(await list(req, query(req)));
  });
  r.post('/:entity/query', async (req, res) => {
    res.json(await list(req, jsonObjectBody(req)));
  });
  r.post('/:entity', async (req, res) => {
    // No explicit transaction unless a trigger fires: the row and its audit rows are one statement (see createRecord).
    const rec = await write(req, 'create', 'create', (ctx, entity) => createRecord(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }), { tx: false });
    res.status(201).location(`${req.baseUrl}/${req.params.entity}/${rec.id}`).set('ETag', `"${rec.version}"`).json(rec);
  });
  r.post('/:entity/bulk', async (req, res) => {
    const items = await write(req, 'create', 'create', (ctx, entity) => bulkCreate(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }));
    res.status(201).json({ items });
  });
  r.patch('/:entity/bulk', async (req, res) => {
    const items = await write(req, 'update', 'update', (ctx, entity) => bulkUpdate(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }));
    res.json({ items });
  });
  // The entity's duplicate rules applied to the body's values (nothing is written): which records
  // the user may read look like them — what a create would refuse, for a worker or a form to ask first.
  r.post('/:entity/duplicates', async (req, res) => {
    const { user, model, entity } = scope(req, 'read');
    const values = jsonObjectBody(req);
    const excludeId = req.query.excludeId;
    if (excludeId !== undefined && (typeof excludeId !== 'string' || !UUID.test(excludeId)))
      throw new AppError('bad-request', 'excludeId must be a record id', [{ path: 'excludeId', message: 'must be a record id' }]);
    res.json({ items: await findDuplicates(db, entity, values, accessPredicate(user, model, entity.name, 'read'), excludeId) });
  });
  r.get('/:entity/aggregate', async (req, res) => {
    const { user, model, entity } = scope(req, 'read');
    const input = query(req);
    const base = listQueryFrom({ filter: input.filter, deleted: input.deleted }, { me: user.id });
    const aq = { ...base, groupBy: listParam(input.groupBy, 'groupBy'), metrics: listParam(input.metrics, 'metrics') };
    const { sql, params, kinds } = buildAggregate(model, entity, aq, accessPredicate(user, model, entity.name, 'read'));
    res.json(decodeAggregate(aq, await db.query(sql, params), kinds));
  });
  r.get('/:entity/:id', async (req, res) => {
    const { user, model, entity } = scope(req, 'read');
    const q = listQueryFrom(query(req));
    const rec = await getRecord({ q: db, user, model }, entity, req.params.id, { fields: q.fields, expand: q.expand, includeDeleted: q.includeDeleted || q.onlyDeleted });
    res.set('ETag', `"${String(rec.version)}"`).json(rec);
  });
  r.patch('/:entity/:id', async (req, res) => {
    const { version: _v, ...patch } = jsonObjectBody(req);
    const expected = expectedVersion(req, req.body as Record<string, unknown>);
    const rec = await write(req, 'update', 'update', (ctx, entity) =>
      updateRecord(ctx, entity, req.params.id, patch, { expectedVersion: expected, allowDuplicates: flag(req.query.allowDuplicates) }),
    );
    res.set('ETag', `"${rec.version}"`).json(rec);
  });
  r.delete('/:entity/:id', async (req, res) => {
    const expected = expectedVersion(req);
    await write(req, 'delete', 'delete', (ctx, entity) => deleteRecord(ctx, entity, req.params.id, { expectedVersion: expected }), { id: req.params.id });
    res.status(204).end();
  });
  r.put('/:entity/:id/owner', async (req, res) => {
    const expected = expectedVersion(req, req.body as Record<string, unknown>);
    const rec = await write(req, 'transfer', 'update', (ctx, entity) => changeOwner(ctx, entity, req.params.id, req.body, { expectedVersion: expected }));
    res.set('ETag', `"${rec.version}"`).json(rec);
  });
  r.post('/:entity/:id/restore', async (req, res) => {
    const { user, model, entity } = scope(req, 'delete');
    const restored = await db.tx(async (q) => {
      const rec = await restoreRecord({ q, user, model }, entity, req.params.id);
      await rememberTriggerState(q, store.current, entity.name, [rec.id]);
      return rec;
    });
    res.json(restored);
  });
  r.get('/:entity/:id/history', async (req, res) => {
    const { user, model, entity } = scope(req, 'read');
    res.json({ items: await recordHistory({ q: db, user, model }, entity, req.params.id) });
  });
  return r;
}
