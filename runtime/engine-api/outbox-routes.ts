/**
 * /api/engine/outbox — what operators need of the remote engine's command outbox (administrators
 * only): counts by state, the commands in one state (the parked ones by default, with the engine's
 * last answer), and sending a parked command again once its cause is fixed.
 */
import { Router, type Request } from 'express';
import { listOutbox, outboxCounts, retryOutbox, type OutboxState } from '../../engine/index.js';
import { currentAdmin } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';

const STATES: readonly OutboxState[] = ['failed', 'pending', 'delivered'];

function admin(req: Request): void {
  currentAdmin(req, 'see and retry engine commands');
}

export function outboxRoutes(db: Db): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    admin(req);
    const state = (req.query.state ?? 'failed') as OutboxState;
    if (!STATES.includes(state)) throw new AppError('bad-request', `state must be one of ${STATES.join(', ')}`, [{ path: 'state', message: `must be one of ${STATES.join(', ')}` }]);
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AppError('bad-request', 'limit must be an integer from 1 to 500', [{ path: 'limit', message: 'must be an integer from 1 to 500' }]);
    res.json({ counts: await outboxCounts(db), state, items: await listOutbox(db, state, limit) });
  });
  r.post('/:id/retry', async (req, res) => {
    admin(req);
    if (!(await retryOutbox(db, req.params.id))) throw new AppError('not-found', `no parked engine command ${req.params.id}`);
    res.status(204).end();
  });
  return r;
}
