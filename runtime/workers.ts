/**
 * The external-task workers in-process (WORKERS=in-process, the default): processes/' workers host,
 * started once the HTTP server listens, as the service account `crm-workers` with an API token of
 * its own for this node — for records through /api, and for the engine when it is this server's
 * /engine-rest. With ENGINE_URL (e.g. Operaton) the workers poll that engine with ENGINE_USER/
 * ENGINE_PASSWORD or ENGINE_TOKEN instead: the same worker code either way.
 */
import { hostname } from 'node:os';
import { DEFAULT_WORKERS_DIR, loadWorkerModules, startWorkers } from '../processes/index.js';
import type { AuthService } from './auth/service.js';
import { engineCredentials, mailSettings, type Config } from './config/index.js';
import type { Logger } from './log.js';

export const WORKERS_ACCOUNT = 'crm-workers';

/**
 * Start the in-process workers of a server listening at `url`; undefined when WORKERS=off or the
 * workers folder holds no worker module (then no account or token is made either).
 */
export async function startInProcessWorkers(
  config: Config,
  auth: AuthService,
  url: string,
  port: number,
  log: Logger,
  /** Tells a second host of the same node apart (its own token), e.g. `drain` for the embedded engine's remaining tasks. */
  role = '',
): Promise<{ stop(): Promise<void> } | undefined> {
  const dir = config.WORKERS_DIR ?? DEFAULT_WORKERS_DIR;
  if (config.WORKERS === 'off' || (await loadWorkerModules(dir)).length === 0) return undefined;
  // One token per node (host:port): a restart replaces its own, and never revokes another node's.
  const { user, id, token } = await auth.ensureServiceToken(WORKERS_ACCOUNT, `in-process workers ${hostname()}:${port}${role ? ` (${role})` : ''}`);
  const revoke = () => auth.revokeApiToken(user.id, id).then(() => undefined);
  try {
    const host = await startWorkers({
      engineUrl: config.ENGINE_URL ?? `${url}/engine-rest`,
      auth: config.ENGINE_URL ? engineCredentials(config) : { token },
      workersDir: dir,
      apiUrl: `${url}/api`,
      apiToken: token,
      mail: mailSettings(config),
      log,
    });
    return {
      async stop() {
        await host.stop();
        await revoke().catch((e: unknown) => log('revoking the in-process workers token failed', e));
      },
    };
  } catch (e) {
    await revoke().catch(() => {});
    throw e;
  }
}
