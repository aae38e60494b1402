/** POST /api/records/lead/:id/convert — thin handler over convertLead, the created records' and the lead's triggers fired in the same transaction. */
import { Router } from 'express';
import type { EngineClient } from '../../engine/index.js';
import { modelFor } from '../access/index.js';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import type { ModelStore } from '../model/store.js';
import { fireTriggers, writeWithTriggers } from '../triggers/index.js';
import { convertLead, parseConvertInput, type ConvertResult } from './convert.js';

export function leadRoutes(db: Db, store: ModelStore, engine: EngineClient): Router {
  const r = Router();
  r.post('/lead/:id/convert', async (req, res) => {
    const user = currentUser(req);
    const model = modelFor(user, store.current);
    store.entity('lead'); // 404 unknown-entity when the model has no leads
    const input = parseConvertInput(req.body);
    const fire = async (q: Parameters<typeof fireTriggers>[0], out: ConvertResult) => {
      if (!out.converted) return [];
      const created = (x: { id: string; created: boolean } | null) => (x?.created ? [x.id] : []);
      return [
        ...(await fireTriggers(q, store.current, engine, 'account', 'create', created(out.account))),
        ...(await fireTriggers(q, store.current, engine, 'contact', 'create', created(out.contact))),
        ...(await fireTriggers(q, store.current, engine, 'opportunity', 'create', created(out.opportunity))),
        ...(await fireTriggers(q, store.current, engine, 'lead', 'update', [out.lead.id])),
      ];
    };
    res.json(await writeWithTriggers(db, fire, (q) => convertLead({ q, user, model }, req.params.id, input)));
  });
  return r;
}
