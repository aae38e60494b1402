/**
 * /api/records/:entity/:id/shares — manual shares of one record — and /api/records/:entity/:id/access,
 * the access explainer. Mounted under /api/records before the records router. A record the caller
 * cannot read answers 404 (as if it did not exist); changing shares needs the role's `share`
 * permission and full access to the record (403 otherwise).
 */
import { Router, type Request } from 'express';
import type { EntityAction } from '../../metadata/index.js';
import { assertCan, assertRecordLevel, explainAccess, modelFor } from '../access/index.js';
import { currentUser } from '../auth/routes.js';
import { loadPrincipal } from '../auth/service.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
import { deleteShare, listShares, putShare } from './shares.js';

export function shareRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  /** The caller, the model as their role sees it, and the record of the path — after checking the role may `action` the entity. */
  const scope = (req: Request, action: EntityAction) => {
    const user = currentUser(req);
    const model = modelFor(user, store.current);
    const record = { entity: store.entity(req.params.entity as string).name, id: req.params.id as string };
    assertCan(user, model, record.entity, action);
    return { user, model, record };
  };

  r.get('/:entity/:id/shares', async (req, res) => {
    const { user, model, record } = scope(req, 'read');
    await assertRecordLevel(db, user, model, record.entity, record.id, 'read');
    res.json({ items: await listShares(db, store.current, record) });
  });
  r.post('/:entity/:id/shares', async (req, res) => {
    const { user, model, record } = scope(req, 'share');
    const { share, created } = await db.tx(async (q) => {
      await assertRecordLevel(q, user, model, record.entity, record.id, 'full');
      return putShare(q, user, store.current, record, req.body);
    });
    res.status(created ? 201 : 200).json(share);
  });
  r.delete('/:entity/:id/shares/:shareId', async (req, res) => {
    const { user, model, record } = scope(req, 'share');
    await db.tx(async (q) => {
      await assertRecordLevel(q, user, model, record.entity, record.id, 'full');
      await deleteShare(q, user, record, req.params.shareId);
    });
    res.status(204).end();
  });

  /**
   * Why a user can (or cannot) reach the record: administrators ask about anyone (`?user=<id>`),
   * everyone else about themselves only, and only for records they can read.
   */
  r.get('/:entity/:id/access', async (req, res) => {
    const { user: me, model, record } = scope(req, 'read');
    const asked = typeof req.query.user === 'string' && req.query.user !== '' ? req.query.user.toLowerCase() : me.id;
    if (asked !== me.id && !me.isAdmin) throw new AppError('forbidden', 'only administrators may ask about the access of other users', [{ path: 'user', message: 'must be your own id' }]);
    // 404 for a record the caller cannot read (for administrators: one that does not exist).
    await assertRecordLevel(db, me, model, record.entity, record.id, 'read');
    const target = asked === me.id ? me : await loadPrincipal(db, asked);
    if (!target) throw new AppError('not-found', `no user ${asked}`);
    const explained = await explainAccess(db, target, store.current, record.entity, record.id);
    res.json({ user: { id: target.id, username: target.username }, ...explained });
  });
  return r;
}
