/**
 * /api/tasks (the inbox and task actions), /api/records/:entity/:id/processes (a record's
 * process instances) and /api/process-instances/:id (one instance for the process view) — thin
 * handlers over service.ts, lists.ts, actions.ts, complete.ts, saved-filters.ts, stream.ts,
 * processes.ts and process-view.ts.
 */
import { Router } from 'express';
import { currentUser } from '../auth/routes.js';
import { AppError } from '../errors.js';
import { delegate, setDates } from './actions.js';
import { completeTask } from './complete.js';
import { formValidatorModule } from './form-validators.js';
import { processView } from './process-view.js';
import { listCounts, listPage, parseListQuery, parsePageQuery } from './lists.js';
import { recordProcesses } from './processes.js';
import { deleteFilter, listFilters, saveFilter } from './saved-filters.js';
import { claim, inbox, taskDetail, unclaim, type InboxScope, type TaskServiceDeps } from './service.js';
import { serveTaskStream, type TaskFeed } from './stream.js';

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

export interface TaskRouteDeps extends TaskServiceDeps {
  /** Live updates (absent: the stream answers, but tells nothing). */
  feed?: TaskFeed;
}

export function taskRoutes(deps: TaskRouteDeps): Router {
  const r = Router();
  /** After an action on a task: every node's inboxes hear of it. */
  const changed = async <T>(id: string, result: T): Promise<T> => {
    await deps.feed?.changed(id);
    return result;
  };
  r.get('/', async (req, res) => {
    const query = req.query as Record<string, unknown>;
    // With `list` (or paging): one page of a list; without: the whole inbox as before (`scope`).
    if (['list', 'limit', 'cursor', 'sort', 'q', 'name', 'record', 'dueBefore', 'dueAfter', 'minPriority', 'maxPriority'].some((k) => k in query))
      res.json(await listPage(deps, currentUser(req), parsePageQuery(query)));
    else res.json({ items: await inbox(deps, currentUser(req), inboxQuery(query)) });
  });
  r.get('/counts', async (req, res) => {
    const { list: _list, ...filters } = parseListQuery(req.query as Record<string, unknown>);
    res.json(await listCounts(deps, currentUser(req), filters));
  });
  r.get('/stream', (req, res) => {
    serveTaskStream(deps, deps.feed, currentUser(req), req, res);
  });
  r.get('/filters', async (req, res) => {
    res.json({ items: await listFilters(deps.db, currentUser(req)) });
  });
  r.post('/filters', async (req, res) => {
    res.status(201).json(await saveFilter(deps.db, currentUser(req), req.body));
  });
  r.delete('/filters/:id', async (req, res) => {
    await deleteFilter(deps.db, currentUser(req), req.params.id);
    res.status(204).end();
  });
  r.get('/forms/:formId/validator.js', (req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(formValidatorModule(deps.forms, req.params.formId));
  });
  r.get('/:id', async (req, res) => {
    res.json(await taskDetail(deps, currentUser(req), req.params.id));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await changed(req.params.id, await setDates(deps, currentUser(req), req.params.id, req.body)));
  });
  r.post('/:id/claim', async (req, res) => {
    res.json(await changed(req.params.id, await claim(deps, currentUser(req), req.params.id)));
  });
  r.post('/:id/unclaim', async (req, res) => {
    res.json(await changed(req.params.id, await unclaim(deps, currentUser(req), req.params.id)));
  });
  r.post('/:id/delegate', async (req, res) => {
    res.json(await changed(req.params.id, await delegate(deps, currentUser(req), req.params.id, req.body)));
  });
  r.post('/:id/complete', async (req, res) => {
    res.json(await changed(req.params.id, await completeTask(deps, currentUser(req), req.params.id, req.body ?? {})));
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
