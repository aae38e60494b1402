/** /api/records/:entity — thin handlers: parse input, call one use case, send the result. */
import { Router, type Request } from 'express';
import type { EngineClient } from '../../engine/index.js';
import type { Db, Queryable } from '../db/db.js';
import { currentUser } from '../auth/routes.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
import { fireTriggers, triggersFor, writeWithTriggers, type RecordEvent } from '../triggers/index.js';
import { getRecord, listQueryFrom, listRecords, recordHistory } from './read.js';
import { bulkCreate, bulkUpdate, createRecord, deleteRecord, restoreRecord, updateRecord, type WriteContext } from './write.js';

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

function bodyObject(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new AppError('validation-failed', 'request body must be a JSON object', [{ path: '/', message: 'must be a JSON object' }]);
  return b as Record<string, unknown>;
}

const idsOf = (result: { id: string } | { id: string }[] | void, id?: string): string[] =>
  Array.isArray(result) ? result.map((r) => r.id) : result ? [result.id] : id ? [id] : [];

export function recordRoutes(db: Db, store: ModelStore, engine: EngineClient): Router {
  const r = Router();
  const read = (req: Request) => ({ q: db, user: currentUser(req), model: store.current });
  /**
   * A write in one transaction, with the entity's triggers for `event` fired in it (the records it
   * returned, or `id` for a delete). Without triggers and `tx: false`, the write runs as it is (a
   * create is one statement and needs no transaction).
   */
  const write = <T extends { id: string } | { id: string }[] | void>(
    req: Request,
    entityName: string,
    event: RecordEvent,
    fn: (ctx: WriteContext) => Promise<T>,
    opts: { tx?: boolean; id?: string } = {},
  ): Promise<T> => {
    const model = store.current;
    const ctx = (q: Queryable): WriteContext => ({ q, user: currentUser(req), model });
    if (triggersFor(model, entityName, event).length === 0) return opts.tx === false ? fn(ctx(db)) : db.tx((q) => fn(ctx(q)));
    return writeWithTriggers(db, (q, result: T) => fireTriggers(q, model, engine, entityName, event, idsOf(result, opts.id)), (q) => fn(ctx(q)));
  };
  const query = (req: Request) => req.query as Record<string, unknown>;

  r.get('/:entity', async (req, res) => {
    const entity = store.entity(req.params.entity);
    res.json(await listRecords(read(req), entity, listQueryFrom(query(req), { me: currentUser(req).id })));
  });
  r.post('/:entity/query', async (req, res) => {
    const entity = store.entity(req.params.entity);
    res.json(await listRecords(read(req), entity, listQueryFrom(bodyObject(req), { me: currentUser(req).id })));
  });
  r.post('/:entity', async (req, res) => {
    const entity = store.entity(req.params.entity);
    // No explicit transaction unless a trigger fires: the row and its audit rows are one statement (see createRecord).
    const rec = await write(req, entity.name, 'create', (ctx) => createRecord(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }), { tx: false });
    res.status(201).location(`${req.baseUrl}/${entity.name}/${rec.id}`).set('ETag', `"${rec.version}"`).json(rec);
  });
  r.post('/:entity/bulk', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const items = await write(req, entity.name, 'create', (ctx) => bulkCreate(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }));
    res.status(201).json({ items });
  });
  r.patch('/:entity/bulk', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const items = await write(req, entity.name, 'update', (ctx) => bulkUpdate(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }));
    res.json({ items });
  });
  r.get('/:entity/:id', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const q = listQueryFrom(query(req));
    const rec = await getRecord(read(req), entity, req.params.id, { fields: q.fields, expand: q.expand, includeDeleted: q.includeDeleted || q.onlyDeleted });
    res.set('ETag', `"${String(rec.version)}"`).json(rec);
  });
  r.patch('/:entity/:id', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const { version: _v, ...patch } = bodyObject(req);
    const expected = expectedVersion(req, req.body as Record<string, unknown>);
    const rec = await write(req, entity.name, 'update', (ctx) =>
      updateRecord(ctx, entity, req.params.id, patch, { expectedVersion: expected, allowDuplicates: flag(req.query.allowDuplicates) }),
    );
    res.set('ETag', `"${rec.version}"`).json(rec);
  });
  r.delete('/:entity/:id', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const expected = expectedVersion(req);
    await write(req, entity.name, 'delete', (ctx) => deleteRecord(ctx, entity, req.params.id, { expectedVersion: expected }), { id: req.params.id });
    res.status(204).end();
  });
  r.post('/:entity/:id/restore', async (req, res) => {
    const entity = store.entity(req.params.entity);
    res.json(await db.tx((q) => restoreRecord({ q, user: currentUser(req), model: store.current }, entity, req.params.id)));
  });
  r.get('/:entity/:id/history', async (req, res) => {
    const entity = store.entity(req.params.entity);
    res.json({ items: await recordHistory(read(req), entity, req.params.id) });
  });
  return r;
}
