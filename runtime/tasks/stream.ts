/**
 * Live inbox updates (GET /api/tasks/stream, Server-Sent Events). The feed hears of tasks through
 * PostgreSQL LISTEN, so every runtime node hears every change:
 *   - `created`: the embedded engine NOTIFYs USER_TASK_CHANNEL in the transaction that creates a
 *     user task; with a remote engine (ENGINE_URL) the feed polls it for tasks created since;
 *   - `changed`: the Task API NOTIFYs TASK_CHANGED_CHANNEL after a claim, unclaim, delegation,
 *     date change or completion (another user's group list may have lost the task).
 * A connection is told of a created task only when it is the user's (assignee or candidate); of
 * changes always — the event carries only the task id: the page asks the API again, which decides
 * what the user sees.
 */
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { listenWithReconnect, USER_TASK_CHANNEL, type NotificationListener } from '../../engine/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { isCandidate, type TaskDeps } from './view.js';

export const TASK_CHANGED_CHANNEL = 'crm_task_changed';

export interface TaskEvent {
  kind: 'created' | 'changed';
  id: string;
  /** For `created`: the task's assignee (null: offered to candidates). */
  assignee?: string | null;
}

export interface TaskFeed {
  /** Tell every node that a task changed (after the change committed). */
  changed(id: string): Promise<void>;
  subscribe(fn: (e: TaskEvent) => void): () => void;
  stop(): Promise<void>;
}

export interface TaskFeedOptions {
  databaseUrl: string;
  db: Queryable;
  deps: TaskDeps;
  /** Remote engine: how often to ask it for new tasks (ms; default 5000). */
  pollMs?: number;
  log(message: string, err?: unknown): void;
}

export async function startTaskFeed(opts: TaskFeedOptions): Promise<TaskFeed> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open inbox
  const emit = (e: TaskEvent) => void emitter.emit('task', e);
  const created = (id: string) => {
    // Nobody's inbox is open on this node: no need to read the task (every node hears every creation).
    if (emitter.listenerCount('task') === 0) return;
    void opts.deps.engine
      .task(id)
      .then((t) => t && emit({ kind: 'created', id, assignee: t.assignee }))
      .catch((e: unknown) => opts.log('task stream: reading a new task failed', e));
  };
  const listener: NotificationListener = await listenWithReconnect(
    opts.databaseUrl,
    { [USER_TASK_CHANNEL]: created, [TASK_CHANGED_CHANNEL]: (id) => emit({ kind: 'changed', id }) },
    { onReconnect: () => emit({ kind: 'changed', id: '' }), log: (message, err) => opts.log(`task stream: ${message}`, err) },
  );
  let poll: NodeJS.Timeout | undefined;
  if (opts.deps.engine.mode === 'remote') {
    // The remote engine tells nobody: ask it for tasks created since the last look.
    let since = new Date();
    let busy = false;
    poll = setInterval(() => {
      if (busy) return;
      busy = true;
      const from = since;
      since = new Date();
      opts.deps.engine
        .tasks({ createdAfter: from.toISOString().replace('Z', '+0000'), sorting: [{ sortBy: 'created', sortOrder: 'asc' }] })
        .then((tasks) => tasks.forEach((t) => emit({ kind: 'created', id: t.id, assignee: t.assignee })))
        .catch((e: unknown) => opts.log('task stream: polling the engine failed', e))
        .finally(() => (busy = false));
    }, opts.pollMs ?? 5000);
    poll.unref();
  }
  return {
    async changed(id) {
      await opts.db.query(`select pg_notify('${TASK_CHANGED_CHANNEL}', $1)`, [id]);
    },
    subscribe(fn) {
      emitter.on('task', fn);
      return () => void emitter.off('task', fn);
    },
    async stop() {
      if (poll) clearInterval(poll);
      await listener.stop();
    },
  };
}

/** Whether a created task is the user's to hear of: assigned to them, or offered to them. */
async function isTheirs(deps: TaskDeps, user: User, e: TaskEvent): Promise<boolean> {
  if (e.kind === 'changed') return true;
  if (e.assignee === user.id) return true;
  return e.assignee === null && (await isCandidate(deps, user, e.id));
}

/** GET /api/tasks/stream: `event: task` with `{kind, id}` for each relevant event, a comment every 25 s to keep proxies from closing it. */
export function serveTaskStream(deps: TaskDeps, feed: TaskFeed | undefined, user: User, req: Request, res: Response): void {
  res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  res.write(`retry: 5000\n: ${feed ? 'connected' : 'no live updates on this node'}\n\n`);
  const send = (e: TaskEvent) =>
    void isTheirs(deps, user, e)
      .then((theirs) => theirs && !res.writableEnded && res.write(`event: task\ndata: ${JSON.stringify({ kind: e.kind, id: e.id })}\n\n`))
      .catch(() => undefined);
  const unsubscribe = feed?.subscribe(send);
  const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(ping);
    unsubscribe?.();
  });
}
