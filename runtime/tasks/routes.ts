/**
 * /api/tasks (the inbox and task actions), /api/records/:entity/:id/processes (a record's
 * process instances) and /api/process-instances/:id (one instance for the process view) — thin
 * handlers over service.ts, complete.ts, processes.ts and process-view.ts.
 */
import { Router } from 'express';
import { currentUser } from '../auth/routes.js';
import { AppError } from '../errors.js';
import { completeTask } from './complete.js';
import { processView } from './process-view.js';
import { recordProcesses } from './processes.js';
import { claim, inbox, taskDetail, unclaim, type InboxScope, type TaskServiceDeps } from './service.js';

const SCOPES: readonly InboxScope[] = ['assigned', 'candidate', 'all'];

function inboxQuery(query: Record<string, unknown>): { processKey?: string; scope: InboxScope } {
  const unknown = Object.keys(query).filter((k) => k !== 'processKey' && k !== 'scope');
  if (unknown.length > 0) throw new AppError('bad-request', `unknown query parameter ${unknown.join(', ')}`, unknown.map((k) => ({ path: k, message: 'unknown parameter' })));
  const { processKey, scope = 'all' } = query;
  if (processKey !== undefined && (typeof processKey !== 'string' || processKey === ''))
    throw new AppError('bad-request', 'processKey must be a process definition key', [{ path: 'processKey', message: 'must be a process definition key' }]);
  if (!SCOPES.includes(scope as InboxScope)) throw new AppError('bad-request', 'scope must be assigned, candidate or all', [{ path: 'scope', message: 'must be assigned, candidate or all' }]);
  return { processKey: processKey as string | undefined, scope: scope as InboxScope };
}

export function taskRoutes(deps: TaskServiceDeps): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json({ items: await inbox(deps, currentUser(req), inboxQuery(req.query as Record<string, unknown>)) });
  });
  r.get('/:id', async (req, res) => {
    res.json(await taskDetail(deps, currentUser(req), req.params.id));
  });
  r.post('/:id/claim', async (req, res) => {
    res.json(await claim(deps, currentUser(req), req.params.id));
  });
  r.post('/:id/unclaim', async (req, res) => {
    res.json(await unclaim(deps, currentUser(req), req.params.id));
  });
  r.post('/:id/complete', async (req, res) => {
    res.json(await completeTask(deps, currentUser(req), req.params.id, req.body ?? {}));
  });
  return r;
}

/** Mounted at /api/records, before the records router. */
export function recordProcessRoutes(deps: TaskServiceDeps & { entity(name: string): string }): Router {
  const r = Router();
  r.get('/:entity/:id/processes', async (req, res) => {
    res.json({ items: await recordProcesses(deps, currentUser(req), deps.entity(req.params.entity), req.params.id) });
  });
  return r;
}

/** Mounted at /api/process-instances: one instance for the process view. */
export function processInstanceRoutes(deps: TaskServiceDeps): Router {
  const r = Router();
  r.get('/:id', async (req, res) => {
    res.json(await processView(deps, currentUser(req), req.params.id));
  });
  return r;
}
