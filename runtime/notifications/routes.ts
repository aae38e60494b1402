/**
 * /api/notifications: a user's own notifications (list, mark read) for everyone; sending and
 * marking mailed for service accounts (the `notify` worker) only.
 */
import { Router, type Request } from 'express';
import type { User } from '../auth/service.js';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError } from '../errors.js';
import { jsonObjectBody } from '../http/body.js';
import type { ModelStore } from '../model/store.js';
import { LIST_LIMIT_MAX, listNotifications, markMailed, markRead, notify, parseNotifyRequest } from './notifications.js';

function currentService(req: Request, what: string): User {
  const user = currentUser(req);
  if (!user.isService) throw new AppError('forbidden', `only service accounts may ${what}`);
  return user;
}

function listOptions(req: Request) {
  const { unread, limit, before } = req.query;
  const errors = [];
  if (unread !== undefined && unread !== 'true' && unread !== 'false') errors.push({ path: 'unread', message: 'must be true or false' });
  if (limit !== undefined && !(typeof limit === 'string' && /^\d+$/.test(limit) && +limit >= 1 && +limit <= LIST_LIMIT_MAX)) errors.push({ path: 'limit', message: `must be an integer from 1 to ${LIST_LIMIT_MAX}` });
  if (before !== undefined && !(typeof before === 'string' && UUID.test(before))) errors.push({ path: 'before', message: 'must be a notification id' });
  if (errors.length) throw new AppError('bad-request', 'invalid query', errors);
  return { unread: unread === 'true', limit: limit === undefined ? undefined : Number(limit), before: before as string | undefined };
}

export function notificationRoutes(db: Db, store: ModelStore): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json(await listNotifications(db, currentUser(req), listOptions(req)));
  });
  r.post('/', async (req, res) => {
    const sender = currentService(req, 'send notifications');
    const model = store.current;
    const input = parseNotifyRequest(req.body, model);
    const result = await notify(db, model, sender, input);
    res.status(result.created ? 201 : 200).json({ key: input.key, ...result });
  });
  r.post('/mailed', async (req, res) => {
    currentService(req, 'mark notifications mailed');
    res.json({ mailed: await markMailed(db, jsonObjectBody(req).ids) });
  });
  r.post('/:id/read', async (req, res) => {
    res.json(await markRead(db, currentUser(req), req.params.id));
  });
  return r;
}
