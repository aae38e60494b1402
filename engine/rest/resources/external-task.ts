/**
 * `/external-task` — Camunda 7.22's ExternalTaskRestService: fetchAndLock (with long polling), the
 * worker's reports (complete, failure, bpmnError, lock, extendLock, unlock), the query (GET and
 * POST, count), one task, its error details, retries, priority and topic names.
 */
import { Router, type Request, type Response } from 'express';
import { EngineError } from '../../errors.js';
import { externalTaskTopicNames, EXTERNAL_TASK_SORT, getExternalTask, countExternalTasks, listExternalTasks } from '../../persistence/index.js';
import type { ExternalTaskFilter, ExternalTaskRecord, ExternalTaskSortBy } from '../../persistence/index.js';
import { checkFetchRequest, fetchAndLock, msUntilNextUnlock, type LockedExternalTask } from '../../shell/external-task-fetch.js';
import {
  bpmnErrorExternalTask,
  completeExternalTask,
  extendExternalTaskLock,
  failExternalTask,
  lockExternalTask,
  setExternalTaskPriority,
  setExternalTaskRetries,
  unlockExternalTask,
} from '../../shell/external-tasks.js';
import { inStatement, inTransaction } from '../../shell/index.js';
import { longPoll, MAX_LONG_POLL_MS } from '../../shell/long-poll.js';
import { formatDate } from '../dates.js';
import {
  bpmnErrorBody,
  commandBody,
  completeBody,
  extendLockBody,
  failureBody,
  fetchAndLockBody,
  lockBody,
  numberBody,
  type FetchAndLockBody,
} from '../external-task-requests.js';
import { addListRoutes } from '../list-routes.js';
import { parseFilters, type ParamSpec } from '../params.js';
import { sendJson, sendNoContent, sendText } from '../send.js';
import { toVariableDtos } from '../variables.js';
import type { RestDeps, RestResource } from './resource.js';

const FILTERS: ParamSpec<ExternalTaskFilter> = {
  externalTaskId: 'string',
  externalTaskIdIn: 'stringList',
  topicName: 'string',
  workerId: 'string',
  locked: 'boolean',
  notLocked: 'boolean',
  withRetriesLeft: 'boolean',
  noRetriesLeft: 'boolean',
  lockExpirationAfter: 'date',
  lockExpirationBefore: 'date',
  activityId: 'string',
  activityIdIn: 'stringList',
  executionId: 'string',
  processInstanceId: 'string',
  processInstanceIdIn: 'stringList',
  processDefinitionId: 'string',
  active: 'boolean',
  suspended: 'boolean',
  priorityHigherThanOrEquals: 'integer',
  priorityLowerThanOrEquals: 'integer',
  tenantIdIn: 'stringList',
};

type TopicNameFlags = { withLockedTasks?: boolean; withUnlockedTasks?: boolean; withRetriesLeft?: boolean };

const dateOrNull = (d: Date | string | null) => (d === null ? null : formatDate(d));

/** ExternalTaskDto, field for field. */
export function externalTaskDto(t: ExternalTaskRecord) {
  return {
    activityId: t.activityId,
    activityInstanceId: t.activityInstanceId,
    errorMessage: t.errorMessage,
    executionId: t.executionId,
    id: t.id,
    lockExpirationTime: dateOrNull(t.lockExpirationTime),
    createTime: formatDate(t.createTime),
    processDefinitionId: t.processDefinitionId,
    processDefinitionKey: t.processDefinitionKey,
    processDefinitionVersionTag: t.processDefinitionVersionTag,
    processInstanceId: t.processInstanceId,
    retries: t.retries,
    suspended: t.suspended,
    workerId: t.workerId,
    topicName: t.topicName,
    tenantId: t.tenantId,
    priority: t.priority,
    businessKey: t.businessKey,
  };
}

/**
 * LockedExternalTaskDto: the task with its error details and variables. Camunda never fills
 * `suspended` here; camunda:properties are not compiled, so extensionProperties is empty.
 */
function lockedExternalTaskDto(t: LockedExternalTask, deserializeValues: boolean) {
  return {
    ...externalTaskDto(t),
    suspended: false,
    errorDetails: t.errorDetails,
    variables: toVariableDtos(t.variables, { deserializeValues }),
    extensionProperties: {},
  };
}

/** Camunda answers an unknown id with a RestException; for commands it wraps the engine's NotFoundException (code 0). */
async function getOne(deps: RestDeps, id: string, engineCause = false): Promise<ExternalTaskRecord> {
  const task = await getExternalTask(deps.db, id);
  if (!task) {
    const e = new EngineError('RestException', 404, `External task with id ${id} does not exist`);
    if (engineCause) e.engineCode = 0;
    throw e;
  }
  return task;
}

/** Lock what is there; with asyncResponseTimeout, wait for work until the timeout (see shell/long-poll.ts). */
async function fetchAndLockRoute({ db, shell }: RestDeps, req: Request, res: Response): Promise<void> {
  const body: FetchAndLockBody = fetchAndLockBody(commandBody(req));
  const timeout = body.asyncResponseTimeout;
  if (timeout !== undefined && timeout > MAX_LONG_POLL_MS) {
    throw new EngineError('InvalidRequestException', 400, `The asynchronous response timeout cannot be set to a value greater than ${MAX_LONG_POLL_MS} milliseconds`);
  }
  checkFetchRequest(body.request);
  const attempt = () => inStatement(db, (q) => fetchAndLock(q, body.request));
  let tasks: LockedExternalTask[] | null;
  if (!timeout) tasks = await attempt();
  else {
    const closed = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) closed.abort();
    });
    tasks = await longPoll({
      attempt,
      nextUnlock: () => msUntilNextUnlock(db, body.request),
      topics: body.request.topics.map((t) => t.topicName),
      timeoutMs: timeout,
      signals: shell.signals,
      closed: closed.signal,
    });
  }
  if (tasks === null) return; // the client went away
  sendJson(
    res,
    200,
    tasks.map((t) => lockedExternalTaskDto(t, body.deserializeValues.get(t.topicName) === true)),
  );
}

export const externalTaskResource: RestResource = {
  path: '/external-task',
  routes(deps) {
    const { db, shell } = deps;
    const r = Router();
    const command = (fn: Parameters<typeof inTransaction<void>>[1]) => inTransaction(db, fn);

    addListRoutes<ExternalTaskFilter, ExternalTaskSortBy, ExternalTaskRecord>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(EXTERNAL_TASK_SORT) as ExternalTaskSortBy[],
      queries: { list: listExternalTasks, count: countExternalTasks, byId: getExternalTask },
      toDto: externalTaskDto,
      post: true,
    });
    r.get('/topic-names', async (req, res) => {
      const flags = parseFilters<TopicNameFlags>(req.query, { withLockedTasks: 'boolean', withUnlockedTasks: 'boolean', withRetriesLeft: 'boolean' });
      sendJson(res, 200, await externalTaskTopicNames(db, flags));
    });
    r.post('/fetchAndLock', (req, res) => fetchAndLockRoute(deps, req, res));

    r.get('/:id', async (req, res) => sendJson(res, 200, externalTaskDto(await getOne(deps, req.params.id))));
    r.get('/:id/errorDetails', async (req, res) => {
      const task = await getOne(deps, req.params.id, true);
      if (task.errorDetails === null) return sendNoContent(res);
      sendText(res, task.errorDetails);
    });
    r.put('/:id/retries', async (req, res) => {
      const retries = numberBody(commandBody(req), 'retries');
      await command((tx) => setExternalTaskRetries(tx, shell, req.params.id, retries));
      sendNoContent(res);
    });
    r.put('/:id/priority', async (req, res) => {
      const priority = numberBody(commandBody(req), 'priority');
      await command((tx) => setExternalTaskPriority(tx, req.params.id, priority));
      sendNoContent(res);
    });

    r.post('/:id/complete', async (req, res) => {
      const { workerId, ...vars } = completeBody(commandBody(req), req.params.id);
      await command((tx) => completeExternalTask(tx, shell, req.params.id, workerId, vars));
      sendNoContent(res);
    });
    r.post('/:id/failure', async (req, res) => {
      const report = failureBody(commandBody(req), req.params.id);
      await command((tx) => failExternalTask(tx, shell, req.params.id, report));
      sendNoContent(res);
    });
    r.post('/:id/bpmnError', async (req, res) => {
      const report = bpmnErrorBody(commandBody(req), req.params.id);
      await command((tx) => bpmnErrorExternalTask(tx, shell, req.params.id, report));
      sendNoContent(res);
    });
    r.post('/:id/lock', async (req, res) => {
      const { workerId, lockDuration } = lockBody(commandBody(req));
      await command((tx) => lockExternalTask(tx, req.params.id, workerId, lockDuration));
      sendNoContent(res);
    });
    r.post('/:id/extendLock', async (req, res) => {
      const { workerId, newDuration } = extendLockBody(commandBody(req));
      await command((tx) => extendExternalTaskLock(tx, req.params.id, workerId, newDuration));
      sendNoContent(res);
    });
    r.post('/:id/unlock', async (req, res) => {
      await command((tx) => unlockExternalTask(tx, shell, req.params.id));
      sendNoContent(res);
    });
    return r;
  },
};
