/** /api/records/:entity — thin handlers: parse input, call one use case, send the result. */
import { Router, type Request } from 'express';
import type { Db } from '../db/db.js';
import { currentUser } from '../auth/routes.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
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

export function recordRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  const read = (req: Request) => ({ q: db, user: currentUser(req), model: store.current });
  const inTx = <T>(req: Request, fn: (ctx: WriteContext) => Promise<T>) =>
    db.tx((q) => fn({ q, user: currentUser(req), model: store.current }));
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
    // No explicit transaction: the row and its audit rows are one statement (see createRecord).
    const rec = await createRecord({ q: db, user: currentUser(req), model: store.current }, entity, req.body, {
      allowDuplicates: flag(req.query.allowDuplicates),
    });
    res.status(201).location(`${req.baseUrl}/${entity.name}/${rec.id}`).set('ETag', `"${rec.version}"`).json(rec);
  });
  r.post('/:entity/bulk', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const items = await inTx(req, (ctx) => bulkCreate(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }));
    res.status(201).json({ items });
  });
  r.patch('/:entity/bulk', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const items = await inTx(req, (ctx) => bulkUpdate(ctx, entity, req.body, { allowDuplicates: flag(req.query.allowDuplicates) }));
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
    const rec = await inTx(req, (ctx) =>
      updateRecord(ctx, entity, req.params.id, patch, { expectedVersion: expected, allowDuplicates: flag(req.query.allowDuplicates) }),
    );
    res.set('ETag', `"${rec.version}"`).json(rec);
  });
  r.delete('/:entity/:id', async (req, res) => {
    const entity = store.entity(req.params.entity);
    const expected = expectedVersion(req);
    await inTx(req, (ctx) => deleteRecord(ctx, entity, req.params.id, { expectedVersion: expected }));
    res.status(204).end();
  });
  r.post('/:entity/:id/restore', async (req, res) => {
    const entity = store.entity(req.params.entity);
    res.json(await inTx(req, (ctx) => restoreRecord(ctx, entity, req.params.id)));
  });
  r.get('/:entity/:id/history', async (req, res) => {
    const entity = store.entity(req.params.entity);
    res.json({ items: await recordHistory(read(req), entity, req.params.id) });
  });
  return r;
}
