/**
 * The embedded EngineClient: in-process calls into the shell. `submit` runs the command inside the
 * caller's transaction (the record write and the engine change commit or roll back together); the
 * other calls are one engine transaction each, exactly as the REST API runs them, and answer the
 * same DTOs.
 */
import { randomUUID } from 'node:crypto';
import type { EngineDb, EngineQueryable } from '../db.js';
import { countTasks, definitionStatistics, deploy, getDefinitionXml, listDefinitions, getTask, historicActivityQueries, historicInstanceQueries, listIncidents, listTasks } from '../persistence/index.js';
import { processDefinitionDto, taskDto } from '../rest/dto.js';
import { incidentDto } from '../rest/resources/incident.js';
import { byKey } from '../rest/resources/process-definition.js';
import { loadActivityInstances } from '../rest/resources/process-instance.js';
import { historicActivityInstanceDto, historicProcessInstanceDto } from '../rest/history-dto.js';
import { taskQueryFromBody } from '../rest/task-query.js';
import { fromVariableDtos, toVariableDtos } from '../rest/variables.js';
import {
  claimTask,
  changeTask,
  completeTask,
  correlateMessage,
  delegateTask,
  inTransaction,
  loadDefinition,
  loadInstance,
  lockTask,
  resolveTask,
  setAssignee,
  startInstance,
  visibleVariables,
  type ShellEnv,
  type Tx,
} from '../shell/index.js';
import { byKeyAndVersion, DEFAULT_DEPLOY_SOURCE, withCommandId, type CorrelateCommand, type EngineClient, type EngineCommand, type StartCommand, type Variables } from './types.js';

async function start(tx: Tx, env: ShellEnv, c: Omit<StartCommand, 'type'>, variables: Variables | undefined): Promise<string> {
  const def = await byKey(tx.q, c.processKey);
  const state = await startInstance(tx, env, await loadDefinition(tx.q, def.id), { businessKey: c.businessKey, variables: fromVariableDtos(variables) });
  return state.id;
}

async function correlate(tx: Tx, env: ShellEnv, c: Omit<CorrelateCommand, 'type'>, processVariables: Variables | undefined): Promise<number> {
  const results = await correlateMessage(tx, env, {
    messageName: c.messageName,
    businessKey: c.businessKey,
    processVariables: processVariables && fromVariableDtos(processVariables),
    all: true,
  });
  return results.length;
}

export function embeddedClient(db: EngineDb, env: ShellEnv): EngineClient {
  return {
    mode: 'embedded',
    async deploy({ name, resources, source = DEFAULT_DEPLOY_SOURCE, duplicateFiltering = true }) {
      const result = await deploy(db, { name, source, enableDuplicateFiltering: duplicateFiltering, deployChangedOnly: duplicateFiltering, resources });
      return (result.deployedProcessDefinitions ?? []).map((d) => d.id);
    },
    async processDefinitions() {
      return (await listDefinitions(db, { sortBy: 'key', sortOrder: 'asc' })).map(processDefinitionDto).sort(byKeyAndVersion);
    },
    async runningInstanceCounts() {
      return Object.fromEntries((await definitionStatistics(db)).map((s) => [s.id, s.instances]));
    },
    async submit(q: EngineQueryable, command: EngineCommand) {
      const commandId = randomUUID();
      const callbacks: (() => void)[] = [];
      const tx: Tx = { q, onCommit: (cb) => callbacks.push(cb) };
      if (command.type === 'start') await start(tx, env, command, withCommandId(command.variables, commandId));
      else if (command.type === 'correlate') await correlate(tx, env, command, withCommandId(command.processVariables, commandId));
      // The same shell calls as POST /engine-rest/task/{id}/assignee and …/complete, in the caller's transaction.
      else if (command.type === 'setAssignee') await setAssignee(tx, env, command.taskId, command.userId);
      else if (command.type === 'resolve') await resolveTask(tx, env, command.taskId, fromVariableDtos(command.variables));
      else await completeTask(tx, env, command.taskId, fromVariableDtos(command.variables));
      return { commandId, afterCommit: () => callbacks.forEach((cb) => cb()) };
    },
    async startProcess(c) {
      return { id: await inTransaction(db, (tx) => start(tx, env, c, c.variables)) };
    },
    correlateMessage: (c) => inTransaction(db, (tx) => correlate(tx, env, c, c.processVariables)),
    async tasks(query, page) {
      return (await listTasks(db, { ...taskQueryFromBody(query, {}), ...page })).map(taskDto);
    },
    countTasks: (query) => countTasks(db, taskQueryFromBody(query, {})),
    async delegateTask(id, userId) {
      await inTransaction(db, (tx) => delegateTask(tx, env, id, userId));
    },
    async resolveTask(id, variables) {
      await inTransaction(db, (tx) => resolveTask(tx, env, id, fromVariableDtos(variables)));
    },
    async setTaskDates(id, dates) {
      await inTransaction(db, async (tx) => changeTask(tx, env, await lockTask(tx, id), { due_date: dates.due, follow_up_date: dates.followUp }));
    },
    async task(id) {
      const t = await getTask(db, id);
      return t && taskDto(t);
    },
    async claimTask(id, userId) {
      await inTransaction(db, (tx) => claimTask(tx, env, id, userId));
    },
    async unclaimTask(id) {
      await inTransaction(db, (tx) => claimTask(tx, env, id, null));
    },
    async taskVariables(id) {
      const t = await getTask(db, id);
      const instance = t && (await loadInstance(db, t.processInstanceId));
      return t && instance ? toVariableDtos(visibleVariables(instance.state, t.executionId)) : null;
    },
    async completeTask(id, variables) {
      await inTransaction(db, async (tx) => {
        await lockTask(tx, id);
        await completeTask(tx, env, id, fromVariableDtos(variables));
      });
    },
    async processInstances(businessKey) {
      const rows = await historicInstanceQueries.list(db, { processInstanceBusinessKey: businessKey, sortBy: 'startTime', sortOrder: 'asc' });
      return rows.map(historicProcessInstanceDto);
    },
    async processInstancesById(ids) {
      if (ids.length === 0) return [];
      return (await historicInstanceQueries.list(db, { processInstanceIds: ids })).map(historicProcessInstanceDto);
    },
    async activityHistory(processInstanceId) {
      const rows = await historicActivityQueries.list(db, { processInstanceId, sortBy: 'occurrence', sortOrder: 'asc' });
      return rows.map(historicActivityInstanceDto);
    },
    definitionXml: (id) => getDefinitionXml(db, id),
    activityInstances: (id) => loadActivityInstances(db, id),
    async incidents(processInstanceId) {
      return (await listIncidents(db, { processInstanceId, sortBy: 'incidentTimestamp', sortOrder: 'asc' })).map(incidentDto);
    },
    start() {},
    async stop() {},
  };
}
