/** /api/saved-views: the signed-in user's own saved list views (see saved-views.ts). */
import { Router, type Request } from 'express';
import { modelFor } from '../access/index.js';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import { jsonObjectBody } from '../http/body.js';
import type { ModelStore } from '../model/store.js';
import { checkAgainstModel, createSavedView, deleteSavedView, getSavedView, listSavedViews, parseSavedView, updateSavedView } from './saved-views.js';

export function savedViewRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  /** The body checked, first on its own, then against the model as the user's role sees it. */
  const checked = async (req: Request) => {
    const user = currentUser(req);
    const view = parseSavedView(jsonObjectBody(req));
    await checkAgainstModel(db, user, modelFor(user, store.current), view);
    return { user, view };
  };
  r.get('/', async (req, res) => {
    const { entity } = req.query;
    if (entity !== undefined && typeof entity !== 'string') throw new AppError('bad-request', 'entity must be given once', [{ path: 'entity', message: 'must be an entity name' }]);
    res.json({ items: await listSavedViews(db, currentUser(req), entity || undefined) });
  });
  r.post('/', async (req, res) => {
    const { user, view } = await checked(req);
    res.status(201).json(await createSavedView(db, user, view));
  });
  r.get('/:id', async (req, res) => {
    res.json(await getSavedView(db, currentUser(req), req.params.id));
  });
  r.put('/:id', async (req, res) => {
    // Another user's view is a 404 before anything about the body is said.
    await getSavedView(db, currentUser(req), req.params.id);
    const { user, view } = await checked(req);
    res.json(await updateSavedView(db, user, req.params.id, view));
  });
  r.delete('/:id', async (req, res) => {
    await deleteSavedView(db, currentUser(req), req.params.id);
    res.status(204).end();
  });
  return r;
}
