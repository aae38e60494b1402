/**
 * /api/org/users — user administration, for administrators only (403 for everyone else). Service
 * accounts (workers) may read it too: routing and escalation steps need people's roles, departments
 * and managers. The name list every signed-in user may read stays at GET /api/users.
 */
import { Router, type Request } from 'express';
import { currentAdmin, currentUser } from '../auth/routes.js';
import { AppError } from '../errors.js';
import type { AuthService } from '../auth/service.js';
import type { Db } from '../db/db.js';
import type { ModelStore } from '../model/store.js';
import { createUser, getUser, listUsers, setUserPassword, updateUser, type UserAdminContext } from './users.js';

export function usersRoutes(db: Db, store: ModelStore, auth: AuthService): Router {
  const r = Router();
  const context = (req: Request): UserAdminContext => ({
    actor: currentAdmin(req, 'administer users'),
    auth,
    // Read defensively: a model published before roles existed has no security section.
    roles: (store.current.security as { roles?: Record<string, unknown> } | undefined)?.roles ?? {},
  });
  /** Reading: administrators and service accounts. */
  const reader = (req: Request) => {
    const user = currentUser(req);
    if (!user.isAdmin && !user.isService) throw new AppError('forbidden', 'only administrators may administer users');
  };
  r.get('/', async (req, res) => {
    reader(req);
    res.json({ items: await listUsers(db) });
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await createUser(db, context(req), req.body));
  });
  r.get('/:id', async (req, res) => {
    reader(req);
    res.json(await getUser(db, req.params.id));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await updateUser(db, context(req), req.params.id, req.body));
  });
  r.post('/:id/password', async (req, res) => {
    await setUserPassword(db, context(req), req.params.id, req.body);
    res.status(204).end();
  });
  return r;
}
