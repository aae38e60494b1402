/**
 * Keep a ModelStore current when other processes publish: LISTEN on the channel publishing
 * notifies (on commit), refresh on each notification, and after a lost connection (re-established
 * with back-off by the engine's listener) refresh once — a notification may have been missed.
 */
import { listenWithReconnect } from '../../engine/index.js';
import type { Queryable } from '../db/db.js';
import type { Logger } from '../log.js';
import type { ModelStore } from './store.js';

export interface Follower {
  stop(): Promise<void>;
}

export function followPublishes(url: string, channel: string, store: ModelStore, db: Queryable, log: Logger): Promise<Follower> {
  const refresh = () => void store.refresh(db).catch((e: unknown) => log('refreshing the metadata model failed', e));
  return listenWithReconnect(url, { [channel]: refresh }, { onReconnect: refresh, log: (message) => log.warn(`metadata: ${message}`) });
}
