/**
 * /api/dashboards — the numbers behind the workspace dashboards, each counting only what the user
 * may see (sales.ts, work.ts). Thin handlers.
 */
import { Router } from 'express';
import { currentUser } from '../auth/routes.js';
import { AppError } from '../errors.js';
import type { TaskDeps } from '../tasks/view.js';
import { forecast, funnel } from './sales.js';
import { overdueTasks, serviceRequestStates } from './work.js';

/** 400 naming each query parameter not in `allowed`. */
function onlyParams(query: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new AppError('bad-request', `unknown query parameter ${unknown.join(', ')}`, unknown.map((k) => ({ path: k, message: 'unknown parameter' })));
}

function scopeOf(query: Record<string, unknown>): { mine: boolean } {
  onlyParams(query, ['scope']);
  const { scope = 'all' } = query;
  if (scope !== 'all' && scope !== 'mine') throw new AppError('bad-request', 'scope must be all or mine', [{ path: 'scope', message: 'must be all or mine' }]);
  return { mine: scope === 'mine' };
}

const noQuery = (query: Record<string, unknown>) => onlyParams(query, []);

export function dashboardRoutes(deps: TaskDeps): Router {
  const r = Router();
  r.get('/funnel', async (req, res) => {
    res.json(await funnel(deps.db, currentUser(req), deps.model(), scopeOf(req.query as Record<string, unknown>)));
  });
  r.get('/forecast', async (req, res) => {
    noQuery(req.query as Record<string, unknown>);
    res.json(await forecast(deps.db, currentUser(req), deps.model()));
  });
  r.get('/overdue-tasks', async (req, res) => {
    noQuery(req.query as Record<string, unknown>);
    res.json(await overdueTasks(deps, currentUser(req), new Date()));
  });
  r.get('/service-requests', async (req, res) => {
    noQuery(req.query as Record<string, unknown>);
    res.json(await serviceRequestStates(deps, currentUser(req), new Date()));
  });
  return r;
}
