/** The server's logger: one line per event on stderr, filtered by LOG_LEVEL. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  (msg: string, err?: unknown): void; // an error
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = (l: LogLevel, msg: string) => {
    if (RANK[l] <= RANK[level]) write(`${new Date().toISOString()} ${l.padEnd(5)} ${msg}`);
  };
  const log = ((msg: string, err?: unknown) => at('error', err === undefined ? msg : `${msg}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)) as Logger;
  log.warn = (m) => at('warn', m);
  log.info = (m) => at('info', m);
  log.debug = (m) => at('debug', m);
  return log;
}
