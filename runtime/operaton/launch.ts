/**
 * Building and starting Operaton (engine/operaton/) — shared by `npm run operaton` (main.ts) and
 * the conformance suite, which runs every scenario on it and on the embedded engine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PROJECT = new URL('../../engine/operaton/', import.meta.url).pathname;
const JAR = join(PROJECT, 'target', 'crm-operaton.jar');
const SOURCES = ['pom.xml', 'src/main/resources/application.yaml', 'src/main/java/crm/operaton/OperatonApplication.java', 'src/main/java/crm/operaton/RestAuthentication.java'];

/** Whether `cmd args` runs (e.g. `java -version`). */
export function hasTool(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/** Build the jar unless it is newer than every source; throws when Maven fails. */
export function buildOperatonIfStale(log: (line: string) => void): void {
  const built = existsSync(JAR) ? statSync(JAR).mtimeMs : 0;
  if (SOURCES.every((f) => statSync(join(PROJECT, f)).mtimeMs < built)) return;
  log('building engine/operaton (the first build downloads Operaton and Spring Boot from Maven Central) …');
  const r = spawnSync('mvn', ['-q', '-B', '-f', join(PROJECT, 'pom.xml'), 'package', '-DskipTests'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the Maven build of engine/operaton failed (see above)');
}

/** postgres://user:pass@host:port/db → the JDBC URL and credentials Spring reads. */
function jdbc(url: string): Record<string, string> {
  const u = new URL(url);
  return {
    OPERATON_JDBC_URL: `jdbc:postgresql://${u.hostname}:${u.port || '5432'}${u.pathname}`,
    OPERATON_DB_USER: decodeURIComponent(u.username),
    OPERATON_DB_PASSWORD: decodeURIComponent(u.password),
  };
}

export interface RunningOperaton {
  /** e.g. http://127.0.0.1:8080 */
  base: string;
  process: ChildProcess;
  /** SIGTERM, then wait for the JVM to exit. */
  stop(): Promise<void>;
}

export interface OperatonOptions {
  databaseUrl: string;
  host: string;
  port: number;
  adminPassword: string;
  /** Where the JVM's output goes (default: inherited). */
  output?: 'inherit' | 'ignore';
  /** How long to wait for /engine-rest to answer (default 180 s). */
  timeoutMs?: number;
  /** Run the job executor (default true); the conformance suite executes jobs through the API instead. */
  jobExecution?: boolean;
  /** Size of Operaton's JDBC pool (default: Spring's Hikari default, 10); the bench matches the embedded engine's. */
  dbPoolMax?: number;
  /** Require HTTP Basic on /engine-rest even on loopback (default: exactly when it listens beyond loopback). */
  restAuth?: boolean;
  /** The node's name in Operaton's job log (default: derived from the machine's IP, the same for every node on one machine). */
  nodeName?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** /engine-rest requires HTTP Basic whenever Operaton listens beyond the loopback interface. */
export const restAuthRequired = (host: string): boolean => !LOOPBACK.has(host);

/** Start the built jar and resolve once /engine-rest/engine answers. */
export async function startOperaton(opts: OperatonOptions): Promise<RunningOperaton> {
  const child = spawn('java', ['-jar', JAR], {
    stdio: opts.output ?? 'inherit',
    env: {
      ...process.env,
      ...jdbc(opts.databaseUrl),
      OPERATON_HOST: opts.host,
      OPERATON_PORT: String(opts.port),
      OPERATON_ADMIN_PASSWORD: opts.adminPassword,
      OPERATON_JOB_EXECUTION: String(opts.jobExecution ?? true),
      OPERATON_REST_AUTH: String(opts.restAuth ?? restAuthRequired(opts.host)),
      ...(opts.dbPoolMax ? { SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE: String(opts.dbPoolMax) } : {}),
      ...(opts.nodeName ? { OPERATON_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME: opts.nodeName } : {}),
    },
  });
  const base = `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${opts.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Operaton exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${base}/engine-rest/engine`)).ok) return { base, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`Operaton did not answer ${base}/engine-rest within ${(opts.timeoutMs ?? 180_000) / 1000} s`);
}
