/**
 * processes/ — the BPMN models of the business processes (deployed by the runtime at start, with
 * duplicate filtering so unchanged models keep their version) and their external-task workers (one
 * file per topic in workers/, run by the workers host in-process or by `npm run workers`).
 */
import { fileURLToPath } from 'node:url';

/** The folder whose `*.bpmn` files the runtime deploys at start. */
export const DEFAULT_PROCESSES_DIR = fileURLToPath(new URL('.', import.meta.url));

export { DEFAULT_WORKERS_DIR, loadWorkerModules, startWorkers, type EngineAuth, type RunningWorkers, type WorkersOptions } from './workers/host.js';
export type { MailSettings, Task, TaskService, WorkerContext, WorkerLog, WorkerModule } from './workers/types.js';
