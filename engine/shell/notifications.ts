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

/** Every LISTEN of this process on one database: one connection, whatever number of subscribers. */
interface Hub {
  client: pg.Client | undefined;
  subscribers: Set<Subscriber>;
  /** The first connection, awaited by subscribers that come while it is being made. */
  ready: Promise<void>;
  retry: NodeJS.Timeout | undefined;
  delay: number;
}

interface Subscriber {
  channels: Record<string, (payload: string) => void>;
  opts: ListenOptions;
}

const hubs = new Map<string, Hub>();

/** Marks the connection in pg_stat_activity (operators count them; tests find it to cut it). */
export const LISTENER_APPLICATION_NAME = 'crm-listener';

const channelsOf = (hub: Hub): Set<string> => new Set([...hub.subscribers].flatMap((s) => Object.keys(s.channels)));

async function connectHub(url: string, hub: Hub): Promise<void> {
  const c = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME });
  c.on('notification', (n) => {
    for (const s of hub.subscribers) s.channels[n.channel]?.(n.payload ?? '');
  });
  const lost = (e?: Error) => {
    if (hub.client !== c || hubs.get(url) !== hub) return; // an old connection, or stopped
    for (const s of hub.subscribers) s.opts.log(`the notification listener lost its connection (${e?.message ?? 'closed'}); reconnecting`, e);
    scheduleReconnect(url, hub);
  };
  c.on('error', lost);
  c.on('end', () => lost());
  try {
    await c.connect();
    // Until none is missing: a subscriber may come while the LISTENs are sent.
    const listened = new Set<string>();
    for (let missing = [...channelsOf(hub)]; missing.length > 0; missing = [...channelsOf(hub)].filter((ch) => !listened.has(ch)))
      for (const channel of missing) {
        await c.query(`listen ${channel}`);
        listened.add(channel);
      }
  } catch (e) {
    await c.end().catch(() => undefined);
    throw e;
  }
  if (hubs.get(url) !== hub) {
    await c.end().catch(() => undefined);
    return;
  }
  hub.client = c;
  hub.delay = 500;
}

function scheduleReconnect(url: string, hub: Hub): void {
  const old = hub.client;
  hub.client = undefined;
  old?.end().catch(() => undefined);
  if (hubs.get(url) !== hub || hub.retry) return;
  hub.retry = setTimeout(() => {
    hub.retry = undefined;
    connectHub(url, hub)
      .then(() => {
        for (const s of hub.subscribers) s.opts.onReconnect();
      })
      .catch(() => {
        hub.delay = Math.min(hub.delay * 2, 30_000);
        scheduleReconnect(url, hub);
      });
  }, hub.delay);
  hub.retry.unref();
}

/**
 * LISTEN on `channels` of the database at `url`, calling each channel's handler with the
 * notification's payload. Every listener of this process on the same database shares one dedicated
 * connection (a pooled one cannot hold a LISTEN): the engine's wake-ups, metadata publishes, the
 * inbox feed and credential changes cost one connection per node, not four. A lost connection is
 * re-established with back-off (0.5 s doubling to 30 s), and every subscriber's `onReconnect` runs
 * after. Also used by the runtime.
 */
export async function listenWithReconnect(url: string, channels: Record<string, (payload: string) => void>, opts: ListenOptions): Promise<NotificationListener> {
  const me: Subscriber = { channels, opts };
  let hub = hubs.get(url);
  if (!hub) {
    const created: Hub = { client: undefined, subscribers: new Set([me]), ready: Promise.resolve(), retry: undefined, delay: 500 };
    hubs.set(url, created);
    created.ready = connectHub(url, created);
    try {
      await created.ready;
    } catch (e) {
      // This caller is told; subscribers that came meanwhile keep the hub, which retries for them.
      created.subscribers.delete(me);
      if (created.subscribers.size === 0) hubs.delete(url);
      else scheduleReconnect(url, created);
      throw e;
    }
    hub = created;
  } else {
    hub.subscribers.add(me);
    await hub.ready.catch(() => undefined);
    // Connected: listen to this subscriber's channels now; else the next connection listens to them all.
    const client = hub.client;
    if (client) for (const channel of Object.keys(channels)) await client.query(`listen ${channel}`).catch(() => undefined);
  }
  const shared = hub;
  return {
    connected: () => shared.client !== undefined && shared.subscribers.has(me),
    async stop() {
      if (!shared.subscribers.delete(me)) return;
      if (shared.subscribers.size > 0) return; // others still listen (unused channels cost nothing)
      hubs.delete(url);
      if (shared.retry) clearTimeout(shared.retry);
      await shared.client?.end().catch(() => undefined);
      shared.client = undefined;
    },
  };
}
