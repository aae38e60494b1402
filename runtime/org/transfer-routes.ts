/**
 * POST /api/transfer — resource transfer (资源移交) from one user to another, administrators only
 * (403 for everyone else, before the body is looked at). See transfer.ts and docs/security.md.
 */
import { Router } from 'express';
import type { EngineClient } from '../../engine/index.js';
import { currentAdmin } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import type { ModelStore } from '../model/store.js';
import { transferResources } from './transfer.js';

export function transferRoutes(db: Db, store: ModelStore, engine: EngineClient): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    const actor = currentAdmin(req, 'transfer records, tasks and shares between users');
    res.json(await transferResources(db, engine, store.current, actor, req.body));
  });
  return r;
}
