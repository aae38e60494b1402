/**
 * `/task`: query (GET and POST, with counts), one task, its commands (claim, unclaim, assignee,
 * delegate, resolve, complete, submit-form), update, form, form variables, identity links and
 * variables — Camunda 7.22's TaskRestService. Unknown ids answer as each Camunda endpoint does:
 * 404 for reads of the task itself, the engine's NullValueException (500) for commands.
 */
import { Router, type Response } from 'express';
import { EngineError, notFound, wrapping } from '../../errors.js';
import { countTasks, getTask, listTasks, type TaskRecord } from '../../persistence/index.js';
import {
  changeIdentityLink,
  changeTask,
  changeTaskVariables,
  claimTask,
  completeTask,
  delegateTask,
  identityLinks,
  inTransaction,
  loadInstance,
  lockTask,
  lockTaskWithInstance,
  resolveTask,
  setAssignee,
  visibleVariables,
} from '../../shell/index.js';
import type { EngineQueryable } from '../../db.js';
import { bodyObject } from '../body.js';
import { taskDto } from '../dto.js';
import { parseFilters } from '../params.js';
import { sendJson, sendNoContent } from '../send.js';
import { identityLinkOf, taskUpdateOf, userIdOf } from '../task-body.js';
import { taskQueryFromBody, taskQueryFromParams } from '../task-query.js';
import { variableRoutes, type VariableScope } from '../variable-routes.js';
import { fromVariableDtos, toVariableDtos, type VariableValueDto } from '../variables.js';
import type { TypedValue } from '../../values.js';
import type { RestDeps, RestResource } from './resource.js';

async function taskOr404(q: EngineQueryable, id: string): Promise<TaskRecord> {
  const task = await getTask(q, id);
  if (!task) throw notFound(`No matching task with id ${id}`);
  return task;
}

/** The variables visible from the task (local: its own scope), or the engine's error when it does not exist. */
async function taskVariables(q: EngineQueryable, task: TaskRecord | null, message: string, local = false) {
  const instance = task && (await loadInstance(q, task.processInstanceId));
  if (!task || !instance) throw new EngineError('NullValueException', 500, `${message}: task is null`);
  return visibleVariables(instance.state, task.executionId, local);
}

function taskVariableScope({ db, shell }: RestDeps): VariableScope {
  return {
    typeName: 'task',
    read: async (id, local) => taskVariables(db, await getTask(db, id), `task ${id} doesn't exist`, local),
    change: async (id, change) => {
      await inTransaction(db, async (tx) => changeTaskVariables(tx, shell, await lockTask(tx, id, `task ${id} doesn't exist`), change));
    },
  };
}

/** complete and submit-form: 204, or 200 with the process variables after it (withVariablesInReturn). */
async function complete({ db, shell }: RestDeps, id: string, body: unknown, res: Response, action: string): Promise<void> {
  const b = bodyObject(body);
  const variables = fromVariableDtos(b.variables as Record<string, VariableValueDto> | null, `Cannot ${action} ${id}`);
  let state;
  try {
    state = await inTransaction(db, async (tx) => {
      const task = await lockTaskWithInstance(tx, id);
      // submit-form resolves a delegated task instead of completing it (Camunda's SubmitTaskFormCmd).
      if (action === 'submit task form' && task.delegationState === 'PENDING') {
        await resolveTask(tx, shell, id, variables);
        return null;
      }
      return completeTask(tx, shell, id, variables, task);
    });
  } catch (e) {
    throw e instanceof EngineError && e.type !== 'InvalidRequestException' ? wrapping(e, 'RestException', 500, `Cannot ${action} ${id}`) : e;
  }
  if (b.withVariablesInReturn === true) sendJson(res, 200, toVariableDtos((state?.variables as Record<string, TypedValue> | undefined) ?? (await taskVariables(db, await getTask(db, id), `task ${id} doesn't exist`))));
  else sendNoContent(res);
}

/** `PUT /task/{id}`: every updatable field replaced; tenant and parent task cannot be set here. */
async function update({ db, shell }: RestDeps, id: string, body: unknown): Promise<void> {
  const { change, parentTaskId, tenantId } = taskUpdateOf(body);
  await inTransaction(db, async (tx) => {
    const task = await getTask(tx.q, id, true);
    if (!task) throw notFound(`No matching task with id ${id}`);
    if (tenantId !== task.tenantId) {
      throw new EngineError('ProcessEngineException', 500, `Cannot change tenant id of task '${id}'. Current tenant id '${task.tenantId}', Tried to set tenant id '${tenantId}'.`);
    }
    if (parentTaskId !== null) throw new EngineError('NullValueException', 500, `Parent task with id '${parentTaskId}' does not exist: parentTask is null`);
    await changeTask(tx, shell, task, change);
  });
}

export const taskResource: RestResource = {
  path: '/task',
  routes(deps) {
    const { db, shell } = deps;
    const r = Router();
    const command = (fn: (id: string, body: unknown) => Promise<void>) => async (req: { params: { id: string }; body: unknown }, res: Response) => {
      await fn(req.params.id, req.body);
      sendNoContent(res);
    };

    r.get('/', async (req, res) => sendJson(res, 200, (await listTasks(db, taskQueryFromParams(req.query))).map(taskDto)));
    r.get('/count', async (req, res) => sendJson(res, 200, { count: await countTasks(db, taskQueryFromParams(req.query)) }));
    r.post('/', async (req, res) => sendJson(res, 200, (await listTasks(db, taskQueryFromBody(req.body, req.query))).map(taskDto)));
    r.post('/count', async (req, res) => sendJson(res, 200, { count: await countTasks(db, taskQueryFromBody(req.body, req.query)) }));

    r.get('/:id', async (req, res) => sendJson(res, 200, taskDto(await taskOr404(db, req.params.id))));
    r.put('/:id', command((id, body) => update(deps, id, body)));

    r.post('/:id/claim', command((id, body) => inTransaction(db, (tx) => claimTask(tx, shell, id, userIdOf(body)))));
    r.post('/:id/unclaim', command((id) => inTransaction(db, (tx) => setAssignee(tx, shell, id, null))));
    r.post('/:id/assignee', command((id, body) => inTransaction(db, (tx) => setAssignee(tx, shell, id, userIdOf(body)))));
    r.post('/:id/delegate', command((id, body) => inTransaction(db, (tx) => delegateTask(tx, shell, id, userIdOf(body)))));
    r.post(
      '/:id/resolve',
      command(async (id, body) => {
        const variables = fromVariableDtos(bodyObject(body).variables as Record<string, VariableValueDto> | null, `Cannot resolve task ${id}`);
        await inTransaction(db, (tx) => resolveTask(tx, shell, id, variables));
      }),
    );
    r.post('/:id/complete', async (req, res) => complete(deps, req.params.id, req.body, res, 'complete task'));
    r.post('/:id/submit-form', async (req, res) => complete(deps, req.params.id, req.body, res, 'submit task form'));

    r.get('/:id/form', async (req, res) => {
      const task = await getTask(db, req.params.id);
      if (!task) throw Object.assign(new EngineError('RestException', 400, `Cannot get form for task ${req.params.id}`), { engineCode: 0 });
      sendJson(res, 200, { key: task.formKey, camundaFormRef: null, contextPath: null });
    });
    r.get('/:id/form-variables', async (req, res) => {
      const { id } = req.params;
      const { variableNames, deserializeValues } = parseFilters<{ variableNames?: string[]; deserializeValues?: boolean }>(req.query, { variableNames: 'stringList', deserializeValues: 'boolean' });
      const task = await getTask(db, id);
      if (!task) throw new EngineError('BadUserRequestException', 400, `Cannot find task with id '${id}'.: task is null`);
      const vars = await taskVariables(db, task, `task ${id} doesn't exist`);
      const chosen = variableNames ? Object.fromEntries(Object.entries(vars).filter(([name]) => variableNames.includes(name))) : vars;
      sendJson(res, 200, toVariableDtos(chosen, { deserializeValues }));
    });

    r.get('/:id/identity-links', async (req, res) => {
      const { type } = parseFilters<{ type?: string }>(req.query, { type: 'string' });
      const task = await getTask(db, req.params.id);
      if (!task) throw new EngineError('NullValueException', 500, `Cannot find task with id ${req.params.id}: task is null`);
      sendJson(res, 200, identityLinks(task).filter((l) => type === undefined || l.type === type));
    });
    const linkCommand = (remove: boolean) =>
      command(async (id, body) => {
        const link = identityLinkOf(body);
        if (link.type === null) throw new EngineError('NullValueException', 500, 'type is required when adding a new task identity link: type is null');
        await inTransaction(db, (tx) => changeIdentityLink(tx, shell, id, { ...link, type: link.type as string }, remove));
      });
    r.post('/:id/identity-links', linkCommand(false));
    r.post('/:id/identity-links/delete', linkCommand(true));

    const scope = taskVariableScope(deps);
    r.use('/:id/variables', variableRoutes(scope, false));
    r.use('/:id/localVariables', variableRoutes(scope, true));
    return r;
  },
};
