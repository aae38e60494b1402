/**
 * The remote EngineClient: HTTP to any Camunda-7-REST engine (`ENGINE_URL`: Operaton, Camunda 7,
 * or another node's /engine-rest) as a technical user. Commands issued inside a record write go
 * through the transactional outbox (outbox.ts); the rest are direct calls.
 */
import { randomUUID } from 'node:crypto';
import type { EngineDb } from '../db.js';
import { formatDate } from '../rest/dates.js';
import type { ErrorLog } from '../rest/errors.js';
import { engineHttp, type EngineAuth, type EngineHttp } from './http.js';
import { enqueue, startDeliverer, type Deliverer, type OutboxRow, type Transport } from './outbox.js';
import {
  byKeyAndVersion,
  COMMAND_ID_VARIABLE,
  DEFAULT_DEPLOY_SOURCE,
  withCommandId,
  type CorrelateCommand,
  type EngineClient,
  type ActivityInstanceDto,
  type HistoricActivityInstanceDto,
  type IncidentDto,
  type HistoricProcessInstanceDto,
  type ProcessDefinitionDto,
  type StartCommand,
  type TaskDto,
  type Variables,
} from './types.js';

export interface RemoteClientOptions {
  /** The engine's REST base, e.g. http://operaton:8080/engine-rest */
  url: string;
  auth?: EngineAuth;
  /** The runtime's database: the outbox lives there. */
  db: EngineDb;
  log: ErrorLog;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /** Outbox delivery loops in this process (default 4); 0 = this process only writes the outbox. */
  deliverers?: number;
  /** Idle outbox polling interval (default 1 s). */
  pollMs?: number;
  /** Attempts of a command the engine refuses before it is parked (default 8). */
  maxRefusedAttempts?: number;
  /** First retry delay, doubled per attempt up to 30 s (default 250 ms). */
  backoffBaseMs?: number;
}

const enc = encodeURIComponent;

async function startVia(http: EngineHttp, c: Omit<StartCommand, 'type'>, variables: Variables | undefined): Promise<{ id: string }> {
  const pi = await http.json<{ id: string }>('POST', `/process-definition/key/${enc(c.processKey)}/start`, { businessKey: c.businessKey, variables });
  return { id: pi.id };
}

async function correlateVia(http: EngineHttp, c: Omit<CorrelateCommand, 'type'>, processVariables: Variables | undefined): Promise<number> {
  const results = await http.json<unknown[]>('POST', '/message', { messageName: c.messageName, businessKey: c.businessKey, processVariables, all: true, resultEnabled: true });
  return results.length;
}

export function remoteClient(opts: RemoteClientOptions): EngineClient {
  const http = engineHttp(opts.url, opts.auth, opts.timeoutMs);
  const transport: Transport = {
    async deliver(row: OutboxRow) {
      const c = row.command;
      if (c.type === 'start') return startVia(http, c, withCommandId(c.variables, row.id));
      if (c.type === 'correlate') return { correlated: await correlateVia(http, c, withCommandId(c.processVariables, row.id)) };
      // A task completed or deleted since needs no assignee, and is not completed again (an earlier
      // attempt whose answer was lost completed it). Asked first because the engine answers 500
      // (Camunda's NullValueException) for an unknown task: taken for an engine fault, the command
      // would be retried forever.
      if ((await http.json('GET', `/task/${enc(c.taskId)}`, undefined, { nullOn404: true })) === null) return { taskGone: true };
      if (c.type === 'complete' || c.type === 'resolve') {
        await http.json('POST', `/task/${enc(c.taskId)}/${c.type}`, { variables: c.variables ?? {} });
        return { [c.type === 'complete' ? 'completed' : 'resolved']: c.taskId };
      }
      await http.json('POST', `/task/${enc(c.taskId)}/assignee`, { userId: c.userId });
      return { assigned: c.userId };
    },
    async applied(row: OutboxRow) {
      const found = await http.json<unknown[]>('GET', `/history/variable-instance?variableName=${COMMAND_ID_VARIABLE}&variableValue=${enc(row.id)}&maxResults=1`);
      return found.length > 0;
    },
  };
  let deliverer: Deliverer | undefined;

  return {
    mode: 'remote',
    async deploy({ name, resources, source = DEFAULT_DEPLOY_SOURCE, duplicateFiltering = true }) {
      const form = new FormData();
      form.append('deployment-name', name);
      form.append('deployment-source', source);
      form.append('enable-duplicate-filtering', String(duplicateFiltering));
      form.append('deploy-changed-only', String(duplicateFiltering));
      for (const r of resources) form.append(r.name, new Blob([new Uint8Array(r.content)]), r.name);
      const result = await http.form<{ deployedProcessDefinitions?: Record<string, unknown> | null }>('/deployment/create', form);
      return Object.keys(result.deployedProcessDefinitions ?? {});
    },
    processDefinitions: async () => (await http.json<ProcessDefinitionDto[]>('GET', '/process-definition?sortBy=key&sortOrder=asc')).sort(byKeyAndVersion),
    async runningInstanceCounts() {
      const stats = await http.json<{ id: string; instances: number }[]>('GET', '/process-definition/statistics');
      return Object.fromEntries(stats.filter((s) => s.instances > 0).map((s) => [s.id, s.instances]));
    },
    async submit(q, command) {
      const commandId = randomUUID();
      await enqueue(q, commandId, command);
      return { commandId, afterCommit: () => deliverer?.wake() };
    },
    startProcess: (c) => startVia(http, c, c.variables),
    correlateMessage: (c) => correlateVia(http, c, c.processVariables),
    tasks: (query, page) => http.json<TaskDto[]>('POST', page ? `/task?firstResult=${page.firstResult}&maxResults=${page.maxResults}` : '/task', query),
    countTasks: async (query) => (await http.json<{ count: number }>('POST', '/task/count', query)).count,
    async delegateTask(id, userId) {
      await http.json('POST', `/task/${enc(id)}/delegate`, { userId });
    },
    async resolveTask(id, variables) {
      await http.json('POST', `/task/${enc(id)}/resolve`, { variables: variables ?? {} });
    },
    async setTaskDates(id, dates) {
      // Camunda's PUT /task/{id} replaces every updatable field: send the others as they are.
      const t = await http.json<TaskDto>('GET', `/task/${enc(id)}`);
      const { name, description, priority, assignee, owner, delegationState, parentTaskId, caseInstanceId, tenantId } = t;
      const dto = { name, description, priority, assignee, owner, delegationState, parentTaskId, caseInstanceId, tenantId };
      await http.json('PUT', `/task/${enc(id)}`, { ...dto, due: dates.due && formatDate(dates.due), followUp: dates.followUp && formatDate(dates.followUp) });
    },
    task: (id) => http.json<TaskDto | null>('GET', `/task/${enc(id)}`, undefined, { nullOn404: true }),
    async claimTask(id, userId) {
      await http.json('POST', `/task/${enc(id)}/claim`, { userId });
    },
    async unclaimTask(id) {
      await http.json('POST', `/task/${enc(id)}/unclaim`);
    },
    async completeTask(id, variables) {
      await http.json('POST', `/task/${enc(id)}/complete`, { variables: variables ?? {} });
    },
    taskVariables: (id) => http.json<Variables | null>('GET', `/task/${enc(id)}/variables?deserializeValues=false`, undefined, { nullOn404: true }),
    processInstances: (businessKey) =>
      http.json<HistoricProcessInstanceDto[]>('GET', `/history/process-instance?processInstanceBusinessKey=${enc(businessKey)}&sortBy=startTime&sortOrder=asc`),
    processInstancesById: async (ids) => (ids.length === 0 ? [] : http.json<HistoricProcessInstanceDto[]>('POST', '/history/process-instance', { processInstanceIds: ids })),
    activityHistory: (processInstanceId) =>
      http.json<HistoricActivityInstanceDto[]>('GET', `/history/activity-instance?processInstanceId=${enc(processInstanceId)}&sortBy=occurrence&sortOrder=asc`),
    async definitionXml(id) {
      const found = await http.json<{ bpmn20Xml: string } | null>('GET', `/process-definition/${enc(id)}/xml`, undefined, { nullOn404: true });
      return found?.bpmn20Xml ?? null;
    },
    activityInstances: (id) => http.json<ActivityInstanceDto | null>('GET', `/process-instance/${enc(id)}/activity-instances`, undefined, { nullOn404: true }),
    incidents: (id) => http.json<IncidentDto[]>('GET', `/incident?processInstanceId=${enc(id)}&sortBy=incidentTimestamp&sortOrder=asc`),
    start() {
      if (deliverer || opts.deliverers === 0) return;
      deliverer = startDeliverer(opts.db, transport, {
        concurrency: opts.deliverers,
        pollMs: opts.pollMs,
        maxRefusedAttempts: opts.maxRefusedAttempts,
        backoffBaseMs: opts.backoffBaseMs,
        log: opts.log,
      });
    },
    async stop() {
      const d = deliverer;
      deliverer = undefined;
      await d?.stop();
    },
  };
}
