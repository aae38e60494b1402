/**
 * The workers host: loads every worker module of a folder (one file per topic, see types.ts) and
 * subscribes each with one camunda-external-task-client-js client that long-polls the engine's
 * Camunda 7 REST API — the embedded engine's /engine-rest or Operaton's, the same code for both.
 * Used in-process by the runtime and as its own process by `npm run workers` (main.ts).
 */
import { BasicAuthInterceptor, Client, type Interceptor } from 'camunda-external-task-client-js';
import { readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MailSettings, WorkerContext, WorkerLog, WorkerModule } from './types.js';

/** The shipped worker modules' folder. */
export const DEFAULT_WORKERS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Files of a workers folder that are the host itself, not worker modules. */
const NOT_WORKERS = new Set(['host', 'main', 'types', 'index']);
const MODULE_FILE = /^[^.].*\.(ts|mts|js|mjs)$/;

/** Long-poll wait per fetchAndLock: an idle worker makes one request per this interval. */
const LONG_POLL_MS = 30_000;
const DEFAULT_LOCK_MS = 60_000;
/** A handler that throws: attempts before the incident, and the wait between them. */
const FIRST_RETRIES = 3;
const RETRY_TIMEOUT_MS = 10_000;
/** stop() waits this long for running handlers before giving up on them. */
const STOP_GRACE_MS = 30_000;

export type EngineAuth = { user: string; password: string } | { token: string };

export interface WorkersOptions {
  /** Camunda 7 REST base, e.g. http://127.0.0.1:3000/engine-rest or Operaton's …:8080/engine-rest. */
  engineUrl: string;
  /** Credentials on engineUrl: HTTP Basic or a bearer token; none for an engine without auth. */
  auth?: EngineAuth;
  workersDir?: string;
  /** The runtime's API base (…/api) and its service token, handed to handlers as ctx. */
  apiUrl?: string;
  apiToken?: string;
  /** Handed to handlers as ctx.mail (undefined: no e-mail). */
  mail?: MailSettings;
  workerId?: string;
  /** Tasks fetched per request (default 10). */
  maxTasks?: number;
  log: WorkerLog;
}

export interface RunningWorkers {
  /** The subscribed topics, sorted. */
  topics: string[];
  /** Stop polling (an open long poll is abandoned), then wait for running handlers. */
  stop(): Promise<void>;
}

/** Import every worker module of `dir`; a file that is not one stops start, naming the file. */
export async function loadWorkerModules(dir: string): Promise<WorkerModule[]> {
  const files = readdirSync(dir)
    .filter((f) => MODULE_FILE.test(f) && !f.endsWith('.d.ts') && !/\.test\.\w+$/.test(f) && !NOT_WORKERS.has(basename(f, extname(f))))
    .sort();
  const modules: WorkerModule[] = [];
  for (const file of files) {
    const mod = ((await import(pathToFileURL(join(dir, file)).href)) as { default?: Partial<WorkerModule> }).default;
    const name = basename(file, extname(file));
    if (!mod || typeof mod.topic !== 'string' || typeof mod.handler !== 'function')
      throw new Error(`${join(dir, file)}: not a worker module (default export { topic, handler(task, taskService, ctx) } expected)`);
    if (mod.topic !== name) throw new Error(`${join(dir, file)}: topic '${mod.topic}' must match the file name '${name}' (one file per topic)`);
    modules.push(mod as WorkerModule);
  }
  return modules;
}

function authInterceptor(auth: EngineAuth): Interceptor {
  if ('token' in auth) return (config) => ({ ...config, headers: { ...(config.headers as object), Authorization: `Bearer ${auth.token}` } });
  return new BasicAuthInterceptor({ username: auth.user, password: auth.password });
}

function context(apiUrl: string | undefined, apiToken: string | undefined, log: WorkerLog, mail: MailSettings | undefined): WorkerContext {
  const base = apiUrl?.replace(/\/+$/, '');
  return {
    apiUrl: base,
    apiToken,
    log,
    mail,
    api(path, init = {}) {
      if (!base) throw new Error('the workers have no runtime API URL (API_URL)');
      const headers = new Headers(init.headers);
      if (apiToken) headers.set('authorization', `Bearer ${apiToken}`);
      if (init.body !== undefined && init.body !== null && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(base + path, { ...init, headers });
    },
  };
}

export async function startWorkers(opts: WorkersOptions): Promise<RunningWorkers> {
  const { log } = opts;
  const dir = opts.workersDir ?? DEFAULT_WORKERS_DIR;
  const modules = await loadWorkerModules(dir);
  if (modules.length === 0) {
    log.info(`workers: no worker modules in ${dir}`);
    return { topics: [], stop: async () => {} };
  }
  const ctx = context(opts.apiUrl, opts.apiToken, log, opts.mail);
  // Aborts the open long poll at stop (the client's own stop() only prevents the next one). Only
  // fetchAndLock carries the signal: a handler's complete() in flight is never cut off.
  const polling = new AbortController();
  const interceptors: Interceptor[] = [(config) => ((config.json as { topics?: unknown } | undefined)?.topics ? { ...config, signal: polling.signal } : config)];
  if (opts.auth) interceptors.push(authInterceptor(opts.auth));
  const client = new Client({
    baseUrl: opts.engineUrl,
    workerId: opts.workerId ?? `crm-workers@${hostname()}:${process.pid}`,
    maxTasks: opts.maxTasks ?? 10,
    asyncResponseTimeout: LONG_POLL_MS,
    lockDuration: DEFAULT_LOCK_MS,
    autoPoll: false,
    interceptors,
  });

  let running = 0;
  let pollOpen = false;
  let stopping = false;
  let failing: string | null = null;
  client.on('poll:start', () => (pollOpen = true));
  client.on('poll:success', () => {
    pollOpen = false;
    if (failing) log.info(`workers: ${opts.engineUrl} answers again`);
    failing = null;
  });
  client.on('poll:error', (e) => {
    pollOpen = false;
    const message = e instanceof Error ? e.message : String(e);
    if (!stopping && message !== failing) log.warn(`workers: fetchAndLock on ${opts.engineUrl} failed: ${message}`);
    failing = message;
  });

  for (const mod of modules) {
    const options: Record<string, unknown> = { lockDuration: mod.lockDuration ?? DEFAULT_LOCK_MS };
    if (mod.variables) options.variables = mod.variables;
    client.subscribe(mod.topic, options, async ({ task, taskService }) => {
      running++;
      try {
        await mod.handler(task, taskService, ctx);
      } catch (e) {
        const retries = Math.max(0, (task.retries ?? FIRST_RETRIES) - 1);
        log(`workers: ${mod.topic} failed on external task ${task.id} (retries left: ${retries})`, e);
        const errorMessage = (e instanceof Error ? e.message : String(e)).slice(0, 500);
        const errorDetails = e instanceof Error ? e.stack : undefined;
        await taskService
          .handleFailure(task, { errorMessage, errorDetails, retries, retryTimeout: RETRY_TIMEOUT_MS })
          .catch((e2: unknown) => log(`workers: reporting the failure of external task ${task.id} failed`, e2));
      } finally {
        running--;
      }
    });
  }
  client.start();
  const topics = modules.map((m) => m.topic);
  log.info(`workers: ${topics.join(', ')} on ${opts.engineUrl}`);

  return {
    topics,
    async stop() {
      if (stopping) return;
      stopping = true;
      client.stop();
      polling.abort();
      const deadline = Date.now() + STOP_GRACE_MS;
      while ((pollOpen || running > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (running > 0) log.warn(`workers: stopped with ${running} handler(s) still running; their tasks' locks will expire`);
    },
  };
}
