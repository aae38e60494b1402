/**
 * Keep a ModelStore current when other processes publish: LISTEN on the channel publishing
 * notifies (on commit), refresh on each notification, and after a lost connection reconnect with
 * back-off and refresh once (a notification may have been missed meanwhile).
 */
import pg from 'pg';
import type { Queryable } from '../db/db.js';
import type { Logger } from '../log.js';
import type { ModelStore } from './store.js';

export interface Follower {
  stop(): Promise<void>;
}

export async function followPublishes(url: string, channel: string, store: ModelStore, db: Queryable, log: Logger): Promise<Follower> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;

  const refresh = () => store.refresh(db).catch((e: unknown) => log('refreshing the metadata model failed', e));

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', () => void refresh());
    c.on('error', (e) => {
      log.warn(`metadata listener lost its connection (${e.message}); reconnecting`);
      schedule();
    });
    await c.connect();
    await c.query(`listen ${channel}`);
    client = c;
    delay = 500;
  };

  const schedule = () => {
    const old = client;
    client = undefined;
    old?.end().catch(() => {});
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect()
        .then(refresh)
        .catch(() => {
          delay = Math.min(delay * 2, 30_000);
          schedule();
        });
    }, delay);
    retry.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
