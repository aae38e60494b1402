/**
 * `npm run workers`: the worker modules of WORKERS_DIR as their own process — a worker fleet
 * scaled apart from the runtime — against ENGINE_URL (the runtime's /engine-rest or Operaton's),
 * with ENGINE_USER/ENGINE_PASSWORD or ENGINE_TOKEN; records through API_URL with API_TOKEN.
 * Stops cleanly on Ctrl-C / SIGTERM (open long poll abandoned, running handlers finished).
 * It reads the product's one configuration (runtime/config), nothing else of the runtime.
 */
import { engineCredentials, loadConfigOrExit, mailSettings } from '../../runtime/config/index.js';
import { createLogger } from '../../runtime/log.js';
import { startWorkers, type RunningWorkers } from './host.js';

const say = (line: string) => console.log(`[workers] ${line}`);

const config = loadConfigOrExit('workers');

const local = `http://127.0.0.1:${config.PORT}`;
const engineUrl = config.ENGINE_URL ?? `${local}/engine-rest`;
const auth = engineCredentials(config);
const log = createLogger(config.LOG_LEVEL);

let running: RunningWorkers | undefined;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping…`);
  await running?.stop();
  say('stopped');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

try {
  running = await startWorkers({
    engineUrl,
    auth,
    workersDir: config.WORKERS_DIR,
    apiUrl: config.API_URL ?? `${local}/api`,
    apiToken: config.API_TOKEN ?? config.ENGINE_TOKEN,
    mail: mailSettings(config),
    log,
  });
} catch (e) {
  console.error(`[workers] start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
if (running.topics.length === 0) {
  say('no worker modules: nothing to run');
  process.exit(0);
}
if (stopping) await running.stop();
say(`ready: ${running.topics.join(', ')} on ${engineUrl} (${auth ? ('token' in auth ? 'bearer token' : `user ${auth.user}`) : 'no credentials'}) · Ctrl-C to stop`);
