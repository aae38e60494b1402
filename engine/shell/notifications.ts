/**
 * Wake-ups from other processes: LISTEN on the engine's NOTIFY channels over a dedicated
 * connection (a pooled one cannot hold a LISTEN) and forward each notification to this process's
 * signals — a new external task to the long polls waiting for its topic, a due job to the job
 * executor. A lost connection is re-established with back-off (0.5 s doubling to 30 s); after
 * reconnecting every waiter is woken once, since a notification may have been missed meanwhile.
 */
import pg from 'pg';
import type { ErrorLog } from '../rest/errors.js';
import { ANY_TOPIC } from './long-poll.js';
import { EXTERNAL_TASK_CHANNEL, JOB_CHANNEL, type Signals } from './signals.js';

export interface NotificationListener {
  stop(): Promise<void>;
  /** Whether the LISTEN connection is up now (notifications sent meanwhile are heard). */
  connected(): boolean;
}

/** Channel → what a notification on it does (its payload: the topic, for external tasks). */
function handlers(signals: Signals): Record<string, (payload: string) => void> {
  return { [JOB_CHANNEL]: () => signals.job(), [EXTERNAL_TASK_CHANNEL]: (topic) => signals.externalTask(topic) };
}

/** After a reconnect: whatever may have been missed is looked at again. */
const refresh = (signals: Signals) => {
  signals.externalTask(ANY_TOPIC);
  signals.job();
};

export function listenForNotifications(url: string, signals: Signals, log: ErrorLog): Promise<NotificationListener> {
  return listenWithReconnect(url, handlers(signals), { onReconnect: () => refresh(signals), log: (message, e) => log(`engine: ${message}`, e) });
}

export interface ListenOptions {
  /** After a reconnect (a notification may have been missed while the connection was down). */
  onReconnect(): void;
  /** Told when the connection is lost (it is re-established with back-off). */
  log(message: string, err: unknown): void;
}

/**
 * LISTEN on `channels` over a dedicated connection to `url`, calling each channel's handler with
 * the notification's payload; a lost connection is re-established with back-off (0.5 s doubling
 * to 30 s) and `onReconnect` runs after. Also used by the runtime for metadata publishes.
 */
export async function listenWithReconnect(url: string, channels: Record<string, (payload: string) => void>, opts: ListenOptions): Promise<NotificationListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => channels[n.channel]?.(n.payload ?? ''));
    const lost = (e?: Error) => {
      if (client !== c || stopped) return; // an old connection, or stopping
      opts.log(`the notification listener lost its connection (${e?.message ?? 'closed'}); reconnecting`, e);
      schedule();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    try {
      await c.connect();
      for (const channel of Object.keys(channels)) await c.query(`listen ${channel}`);
    } catch (e) {
      await c.end().catch(() => undefined);
      throw e;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    delay = 500;
  };

  const schedule = (): void => {
    const old = client;
    client = undefined;
    old?.end().catch(() => undefined);
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect()
        .then(() => opts.onReconnect())
        .catch(() => {
          delay = Math.min(delay * 2, 30_000);
          schedule();
        });
    }, delay);
    retry.unref();
  };

  await connect();
  return {
    connected: () => client !== undefined,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
