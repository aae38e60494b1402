/**
 * /api/org/{departments,teams,territories,groups} — the organisation. Units are addressed by key
 * (what sharing rules and shares name), users by id. Reading is open to every signed-in user (a
 * directory: names only); changes are for administrators (403 otherwise).
 */
import { Router, type Request } from 'express';
import { currentAdmin, currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import type { ModelStore } from '../model/store.js';
import { addMember, removeMember, replaceMembers } from './members.js';
import { createUnit, deleteUnit, getUnit, listUnits, UNIT_KINDS, updateUnit } from './units.js';

export function orgRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  const admin = (req: Request) => currentAdmin(req, 'change the organisation');
  const key = (req: Request) => req.params.key as string;
  // One explicit set of routes per kind: /api/org/users (another router) is never shadowed.
  for (const kind of UNIT_KINDS) {
    const base = `/${kind.plural}`;
    r.get(base, async (req, res) => {
      currentUser(req);
      res.json({ items: await listUnits(db, kind) });
    });
    r.post(base, async (req, res) => {
      const unit = await createUnit(db, store.current, kind, admin(req), req.body);
      res.status(201).location(`${req.baseUrl}${base}/${unit.key}`).json(unit);
    });
    r.get(`${base}/:key`, async (req, res) => {
      currentUser(req);
      res.json(await getUnit(db, kind, key(req)));
    });
    r.patch(`${base}/:key`, async (req, res) => {
      res.json(await updateUnit(db, store.current, kind, admin(req), key(req), req.body));
    });
    r.delete(`${base}/:key`, async (req, res) => {
      await deleteUnit(db, kind, admin(req), key(req));
      res.status(204).end();
    });
    if (!kind.members) continue;
    r.put(`${base}/:key/members`, async (req, res) => {
      res.json(await replaceMembers(db, kind, admin(req), key(req), req.body));
    });
    r.post(`${base}/:key/members/:userId`, async (req, res) => {
      res.json(await addMember(db, kind, admin(req), key(req), req.params.userId, req.body));
    });
    r.delete(`${base}/:key/members/:userId`, async (req, res) => {
      await removeMember(db, kind, admin(req), key(req), req.params.userId);
      res.status(204).end();
    });
  }
  return r;
}
