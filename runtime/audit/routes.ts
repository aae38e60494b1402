/**
 * /api/audit — the audit trail for administrators: security events and record changes. Read only:
 * there is no route that changes or deletes an audit row (and the tables refuse it, see 0003/0005).
 */
import { Router } from 'express';
import { currentAdmin } from '../auth/routes.js';
import type { Queryable } from '../db/db.js';
import { listAuditChanges, listAuditEvents } from './query.js';

export function auditRoutes(db: Queryable): Router {
  const r = Router();
  r.get('/events', async (req, res) => {
    currentAdmin(req, 'read the audit trail');
    res.json(await listAuditEvents(db, req.query));
  });
  r.get('/changes', async (req, res) => {
    currentAdmin(req, 'read the audit trail');
    res.json(await listAuditChanges(db, req.query));
  });
  return r;
}
