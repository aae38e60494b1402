/** runtime/ — the server. Its public surface: configuration and start-up. */
export { loadConfig, ConfigError, CONFIG_SCHEMA, type Config } from './config/index.js';
export { startServer, type RunningServer } from './server.js';
export { Db, type Queryable } from './db/db.js';
export { startEmbeddedPostgres, ensureDatabase, freePort, type EmbeddedPg } from './db/embedded.js';
export { buildOperatonIfStale, hasTool, startOperaton, type RunningOperaton } from './operaton/launch.js';
export { AppError, type ErrorCode, type FieldError } from './errors.js';
