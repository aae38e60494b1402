/**
 * engine/ — the embedded BPMN engine's public surface; other folders import only this file.
 * It must never import metadata, forms or runtime.
 *
 *   const engine = createEngine({ db });   // db: anything with query() and tx() (EngineDb)
 *   await engine.migrate();                 // schema `engine`, idempotent
 *   app.use('/engine-rest', authenticate, engine.router());   // the Camunda 7 REST API
 *   await engine.deploy({ name: 'processes', source: 'runtime', enableDuplicateFiltering: true, resources });
 */
import type { EngineDb } from './db.js';
import {
  deleteDeployment,
  deploy,
  getLatestDefinition,
  listDefinitions,
  migrateEngine,
  type DefinitionFilter,
  type DeployRequest,
  type DeployResult,
  type ProcessDefinitionRecord,
} from './persistence/index.js';
import { randomUUID } from 'node:crypto';
import { startJobExecutor, type JobExecutor, type JobExecutorOptions } from './jobs/index.js';
import type { ErrorLog } from './rest/errors.js';
import { engineRestRouter } from './rest/router.js';
import { createSignals, type ShellEnv } from './shell/index.js';
import { listenForNotifications, type NotificationListener } from './shell/notifications.js';
import { embeddedClient } from './client/embedded.js';
import type { EngineClient } from './client/types.js';

export interface EngineDeps {
  db: EngineDb;
  /** Where the REST API reports unexpected errors (console.error by default). */
  log?: ErrorLog;
  /** The database's URL, for `listen()`'s dedicated LISTEN connection (wake-ups from other processes). */
  databaseUrl?: string;
}

export function createEngine(deps: EngineDeps) {
  const { db } = deps;
  const log: ErrorLog = deps.log ?? ((message, err) => console.error(message, err));
  const shell: ShellEnv = { newId: randomUUID, now: () => new Date(), signals: createSignals(), log };
  return {
    /** Create or update schema `engine`; returns the ids of the migrations it applied. */
    migrate: (): Promise<string[]> => migrateEngine(db),
    /** This engine as an EngineClient: in-process, commands inside the caller's transaction. */
    client: (): EngineClient => embeddedClient(db, shell),
    /** The Camunda 7 REST API as an Express router, to mount at `/engine-rest` behind authentication. */
    router: () => engineRestRouter({ db, log, shell }),
    /** Deploy resources (BPMN is compiled and checked; a problem refuses the whole deployment with a ParseException). */
    deploy: (req: DeployRequest): Promise<DeployResult> => deploy(db, req),
    deleteDeployment: (id: string, opts: { cascade?: boolean } = {}): Promise<void> => deleteDeployment(db, id, opts),
    processDefinitions: (filter: DefinitionFilter = {}): Promise<ProcessDefinitionRecord[]> => listDefinitions(db, filter),
    /** The latest version of `key` (deployed without tenant), or null. */
    latestProcessDefinition: (key: string): Promise<ProcessDefinitionRecord | null> => getLatestDefinition(db, key),
    /**
     * Run due jobs (timers, async continuations, timer start events) until `stop()`. Any number of
     * processes may run one on the same database: each job runs once, under its row lock.
     */
    startJobExecutor: (opts: JobExecutorOptions = {}): JobExecutor => startJobExecutor(db, shell, opts),
    /**
     * Hear what other processes on the same database do (LISTEN/NOTIFY on a connection of its own to
     * `databaseUrl`): a new external task there wakes this process's long-polling fetchAndLock
     * requests at once. Call once at start; `stop()` at shutdown.
     */
    listen: (): Promise<NotificationListener> => {
      if (!deps.databaseUrl) return Promise.reject(new Error('createEngine({ databaseUrl }) is needed to listen for other processes'));
      return listenForNotifications(deps.databaseUrl, shell.signals, log);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;

export type { EngineDb, EngineQueryable } from './db.js';
/** One interface for everything the runtime does with processes, on the embedded engine or a remote one (ENGINE_URL). */
export { remoteClient, type RemoteClientOptions } from './client/remote.js';
export { listOutbox, outboxCounts, retryOutbox, type OutboxEntry, type OutboxState } from './client/outbox.js';
export { drainingClient, embeddedInstancesRunning } from './client/draining.js';
export { EngineHttpError, EngineUnreachable, type EngineAuth } from './client/http.js';
export { COMMAND_ID_VARIABLE, type ActivityInstanceDto as EngineActivityInstance, type IncidentDto as EngineIncident, type CorrelateCommand, type DeployInput, type EngineClient, type ProcessDefinitionDto, type EngineCommand, type StartCommand, type Submitted, type TaskQuery as EngineTaskQuery, type Variables as EngineVariables } from './client/types.js';
/** One retried transaction (lost races are retried whole) with after-commit callbacks: for callers that run engine commands inside their own writes. */
export { inTransaction as inEngineTransaction, type Tx as EngineTx } from './shell/tx.js';
export { EngineError, isEngineError, type EngineErrorType } from './errors.js';
export type { DefinitionFilter, DeployRequest, DeployResult, DeploymentRecord, ProcessDefinitionRecord, ResourceInput } from './persistence/index.js';
export { REST_API_VERSION } from './rest/resources/engine-info.js';
export type { ErrorLog } from './rest/errors.js';
export type { JobExecutor, JobExecutorOptions } from './jobs/index.js';
/** LISTEN with reconnect on a dedicated connection (the runtime's metadata follower uses it too). */
export { listenWithReconnect, LISTENER_APPLICATION_NAME, type ListenOptions, type NotificationListener } from './shell/notifications.js';
/** The channel the embedded engine NOTIFYs (payload: the task id) when it creates a user task, on commit. */
export { USER_TASK_CHANNEL } from './shell/signals.js';
/** Send a JSON body with `Content-Type: application/json` exactly, as /engine-rest must (e.g. the host's 401 in front of the router). */
export { sendJson as sendCamundaJson } from './rest/send.js';
/** The deployer's checks as a dry run: what deploying this BPMN XML would create, or every problem (element ids, line, column). */
export { deployableProcesses } from './bpmn/index.js';
export type { BpmnProblem } from './model/graph.js';
export { locateProblems } from './bpmn/locate.js';
