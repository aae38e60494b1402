/**
 * Start-up and shut-down of the whole product in one process: PostgreSQL (embedded unless
 * DATABASE_URL) → migrations → first admin → metadata published → HTTP server. `stop()` undoes it
 * in reverse order; nothing is left running.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ADMIN_UI_DIST } from '../admin-ui/index.js';
import { createEngine, drainingClient, embeddedInstancesRunning, remoteClient, type Engine, type EngineClient, type JobExecutor } from '../engine/index.js';
import { DEFAULT_PROCESSES_DIR } from '../processes/index.js';
import { DEFAULT_METADATA_DIR, documentsOf, loadMetadataDir, validatePackage, type MetadataPackage } from '../metadata/index.js';
import { DEFAULT_FORMS_DIR, loadFormsDir, modelFormRegistry } from '../forms/index.js';
import { AuthService } from './auth/service.js';
import { engineCredentials, type Config } from './config/index.js';
import { Db } from './db/db.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPg } from './db/embedded.js';
import { migrate } from './db/migrations.js';
import { metadataInvalid } from './errors.js';
import { createApp } from './http/app.js';
import { VerifiedCredentials } from './engine-api/auth.js';
import { followPublishes, type Follower } from './model/follow.js';
import { startTaskFeed, type TaskFeed } from './tasks/stream.js';
import { ModelStore } from './model/store.js';
import { createLogger, type Logger } from './log.js';
import { seedDemo, type DemoOutcome } from './demo/index.js';
import { startInProcessWorkers } from './workers.js';
import { documentsChecksum, METADATA_CHANNEL, publishMetadata } from './publish/index.js';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  store: ModelStore;
  auth: AuthService;
  /** Set when the first admin was created with a generated password during this start. */
  generatedAdminPassword?: string;
  adminCreated: boolean;
  metadataVersion: number;
  /** DEMO: what seeding the demo organisation did (absent when DEMO is off). */
  demo?: DemoOutcome;
  stop(): Promise<void>;
}


/**
 * Deploy the `*.bpmn` files of a folder as deployment `processes` on whichever engine runs them:
 * duplicate filtering and changed-only, so unchanged models keep their version and running
 * instances their definition.
 */
async function deployProcessesFolder(engine: EngineClient, dir: string): Promise<string[]> {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort() : [];
  if (files.length === 0) return [];
  return engine.deploy({ name: 'processes', resources: files.map((name) => ({ name, content: readFileSync(join(dir, name)) })) });
}

/**
 * The engine client: embedded unless ENGINE_URL names a remote Camunda-7-REST engine (e.g.
 * Operaton). With ENGINE_URL while the embedded engine still runs instances, both: the embedded one
 * drains (its instances run to their end here) while new work goes to the remote one.
 */
async function engineClientFor(config: Config, db: Db, engine: Engine, log: Logger): Promise<{ client: EngineClient; serveEmbedded: boolean }> {
  if (!config.ENGINE_URL) return { client: engine.client(), serveEmbedded: true };
  const remote = remoteClient({ url: config.ENGINE_URL, auth: engineCredentials(config), db, log: (message, err) => log(message, err) });
  if (!(await embeddedInstancesRunning(db))) return { client: remote, serveEmbedded: false };
  log.warn(`the embedded engine still runs process instances: it keeps running here until they end (drain); new processes start on ${config.ENGINE_URL}`);
  return { client: drainingClient(engine.client(), remote, db), serveEmbedded: true };
}

/**
 * Publish the metadata folder with the forms folder's forms (`forms/<id>.json` documents of the
 * package) unless exactly these documents were published before. A bad form stops start, naming
 * its file and JSON path.
 */
async function publishFolder(db: Db, dir: string, formsDir: string): Promise<number | null> {
  const loaded = loadMetadataDir(dir);
  const forms = loadFormsDir(formsDir);
  for (const { doc, file } of forms.documents) {
    loaded.forms = [...(loaded.forms ?? []), doc];
    loaded.files.set(doc, `forms/${file}`);
  }
  const issues = [...loaded.issues, ...forms.issues.map((i) => ({ ...i, file: `forms/${i.file}` })), ...validatePackage(loaded, (d) => loaded.files.get(d))];
  if (issues.length > 0)
    throw metadataInvalid(`the metadata in ${dir} (with the forms in ${formsDir}) is invalid`, issues);
  const pkg: MetadataPackage = documentsOf(loaded);
  const seen = await db.query('select 1 from meta.metadata_version where checksum = $1 limit 1', [documentsChecksum(pkg)]);
  if (seen.length > 0) return null; // unchanged files: keep the newest version (it may hold studio changes)
  const result = await publishMetadata(db, pkg, { publishedBy: null });
  return result.changed ? result.version : null;
}

export async function startServer(config: Config, log: Logger = createLogger('warn')): Promise<RunningServer> {
  let pg: EmbeddedPg | undefined;
  let db: Db | undefined;
  let server: Server | undefined;
  let follower: Follower | undefined;
  let credentials: VerifiedCredentials | undefined;
  let taskFeed: TaskFeed | undefined;
  let jobs: JobExecutor | undefined;
  let engineListener: { stop(): Promise<void> } | undefined;
  let engineClient: EngineClient | undefined;

  // In-process external-task workers (runtime/workers.ts): started last, stopped first.
  let workers: { stop(): Promise<void> } | undefined;
  let drainWorkers: { stop(): Promise<void> } | undefined;

  const stop = async () => {
    await workers?.stop();
    workers = undefined;
    await drainWorkers?.stop();
    drainWorkers = undefined;
    if (server) {
      const s = server;
      server = undefined;
      await new Promise<void>((res) => {
        s.close(() => res());
        s.closeIdleConnections();
        setTimeout(() => s.closeAllConnections(), 2000).unref();
      });
    }
    // The job executor and the outbox finish what they are running before the pool closes under them.
    await engineClient?.stop();
    engineClient = undefined;
    await jobs?.stop();
    jobs = undefined;
    await engineListener?.stop();
    engineListener = undefined;
    await follower?.stop();
    follower = undefined;
    await credentials?.stop();
    credentials = undefined;
    await taskFeed?.stop();
    taskFeed = undefined;
    if (db) await db.close().catch((e: unknown) => log('closing the database pool failed', e));
    db = undefined;
    if (pg) await pg.stop();
    pg = undefined;
  };

  try {
    let url = config.DATABASE_URL;
    if (!url) {
      pg = await startEmbeddedPostgres({ dataDir: config.DATA_DIR });
      url = await ensureDatabase(pg.url, 'crm');
    }
    db = await Db.connect(url, { poolMax: config.DB_POOL_MAX });
    const applied = await migrate(db);
    const engine = createEngine({ db, log, databaseUrl: url });
    applied.push(...(await engine.migrate()).map((id) => `engine/${id}`));
    if (applied.length) log.info(`migrations applied: ${applied.join(', ')}`);
    const auth = new AuthService(db, config.SESSION_TTL_HOURS);
    const admin = await auth.ensureAdmin(config.ADMIN_PASSWORD);
    const published = await publishFolder(db, config.METADATA_DIR ?? DEFAULT_METADATA_DIR, config.FORMS_DIR ?? DEFAULT_FORMS_DIR);
    if (published) log.info(`metadata version ${published} published from ${config.METADATA_DIR ?? DEFAULT_METADATA_DIR}`);
    const { client, serveEmbedded } = await engineClientFor(config, db, engine, log);
    engineClient = client;
    const deployed = await deployProcessesFolder(client, config.PROCESSES_DIR ?? DEFAULT_PROCESSES_DIR);
    if (deployed.length) log.info(`process definitions deployed: ${deployed.join(', ')}`);
    const store = new ModelStore();
    follower = await followPublishes(url, METADATA_CHANNEL, store, db, log);
    await store.refresh(db);
    // Task forms are documents of the published package: the registry follows the current model.
    const forms = modelFormRegistry(() => store.current);
    credentials = new VerifiedCredentials();
    await credentials.watch(url, (message) => log.warn(`engine API credentials: ${message}`));
    // Live inbox updates: new user tasks (engine NOTIFY, or polling a remote engine) and task changes.
    taskFeed = await startTaskFeed({ databaseUrl: url, db, deps: { db, engine: client, model: () => store.current }, log: (m, e) => log(m, e) });
    const app = createApp({
      db, store, auth, forms, taskFeed, engine: serveEmbedded ? engine : undefined, engineClient: client, uiDir: ADMIN_UI_DIST, secureCookies: config.SECURE_COOKIES,
      webLeads: { limit: config.WEB_LEAD_RATE_LIMIT, windowMs: config.WEB_LEAD_RATE_WINDOW_S * 1000 },
      attachmentMaxBytes: config.ATTACHMENT_MAX_MB * 1024 * 1024,
      engineCredentials: credentials,
      portal: { limit: config.PORTAL_RATE_LIMIT, windowMs: config.PORTAL_RATE_WINDOW_S * 1000 },
      log,
    });
    const srv = app.listen(config.PORT, config.HOST);
    server = srv;
    await new Promise<void>((res, rej) => {
      srv.once('listening', () => res());
      srv.once('error', rej);
    });
    if (serveEmbedded) {
      // Wake-ups from other processes (long polls), then the job executor: timers and async steps run.
      engineListener = await engine.listen();
      jobs = engine.startJobExecutor();
    }
    // Remote engine: deliver the outbox's commands (nothing to do for the embedded one).
    client.start();
    const port = (srv.address() as AddressInfo).port;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    const selfUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    // ── Workers in-process (WORKERS=in-process, the default): only now, as they poll this server's
    // /engine-rest (or ENGINE_URL) and call its /api; stop() stops them before anything else.
    workers = await startInProcessWorkers(config, auth, selfUrl, port, log);
    // Draining: the same workers also serve the embedded engine's remaining external tasks.
    if (serveEmbedded && config.ENGINE_URL) drainWorkers = await startInProcessWorkers({ ...config, ENGINE_URL: undefined }, auth, selfUrl, port, log, 'drain');
    // The demo organisation, through the API just started (so its records start their processes).
    const demo = config.DEMO ? await seedDemo({ db, auth, url: selfUrl, roles: store.current.security.roles, log }) : undefined;
    return {
      url: selfUrl,
      port,
      db,
      store,
      auth,
      adminCreated: admin.created,
      generatedAdminPassword: admin.generatedPassword,
      metadataVersion: store.version,
      ...(demo ? { demo } : {}),
      stop,
    };
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
}
