/** What the shell needs besides a transaction: ids, the clock, wake-up signals and a log. */
import type { ErrorLog } from '../rest/errors.js';
import type { Signals } from './signals.js';

export interface ShellEnv {
  newId(): string;
  now(): Date;
  signals: Signals;
  log?: ErrorLog;
}
