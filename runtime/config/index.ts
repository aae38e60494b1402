/**
 * The one typed configuration of the server, read from environment variables, defaulted and
 * validated with ajv against CONFIG_SCHEMA at start. A bad value stops start with a message that
 * names the variable.
 */
import { Ajv } from 'ajv';
import { resolve } from 'node:path';

export interface Config {
  PORT: number;
  HOST: string;
  DATA_DIR: string;
  DATABASE_URL?: string;
  ADMIN_PASSWORD?: string;
  METADATA_DIR?: string;
  PROCESSES_DIR?: string;
  FORMS_DIR?: string;
  SESSION_TTL_HOURS: number;
  SECURE_COOKIES: boolean;
  DB_POOL_MAX: number;
  LOG_LEVEL: 'error' | 'warn' | 'info' | 'debug';
  OPERATON_PORT: number;
  OPERATON_HOST: string;
  OPERATON_ADMIN_PASSWORD?: string;
  OPERATON_RUNTIME_PASSWORD?: string;
  ENGINE_URL?: string;
  ENGINE_USER?: string;
  ENGINE_PASSWORD?: string;
  ENGINE_TOKEN?: string;
  WORKERS: 'in-process' | 'off';
  WORKERS_DIR?: string;
  API_URL?: string;
  API_TOKEN?: string;
  WEB_LEAD_RATE_LIMIT: number;
  WEB_LEAD_RATE_WINDOW_S: number;
  PORTAL_RATE_LIMIT: number;
  PORTAL_RATE_WINDOW_S: number;
  DEMO: boolean;
  SMTP_URL?: string;
  MAIL_FROM: string;
  ATTACHMENT_MAX_MB: number;
}

/** An http(s) URL without query or fragment. */
const HTTP_URL = '^https?://[^\\s/?#]+(/[^\\s?#]*)?$';
/** smtp:// (STARTTLS when offered) or smtps:// (TLS), optionally user:password@, host, port, query options. */
const SMTP_URL = '^smtps?://[^\\s/?#]+/?(\\?\\S*)?$';

/** Each variable, its schema and default. README's configuration table mirrors this. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port (0 = any free port)' },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1', description: 'Interface to listen on' },
    DATA_DIR: { type: 'string', minLength: 1, default: '.data', description: 'Embedded PostgreSQL data and other local state' },
    DATABASE_URL: {
      type: 'string',
      pattern: '^postgres(ql)?://',
      description: 'External PostgreSQL 14+; when set, no embedded PostgreSQL starts',
    },
    ADMIN_PASSWORD: { type: 'string', minLength: 8, description: 'Password of the first admin (only used when the admin is created)' },
    METADATA_DIR: { type: 'string', minLength: 1, description: 'Folder of metadata documents published at start (default: the shipped metadata/)' },
    PROCESSES_DIR: { type: 'string', minLength: 1, description: 'Folder of BPMN models deployed at start (default: the shipped processes/)' },
    FORMS_DIR: { type: 'string', minLength: 1, description: 'Folder of user task forms published at start with METADATA_DIR (default: the shipped forms/)' },
    SESSION_TTL_HOURS: { type: 'integer', minimum: 1, maximum: 720, default: 12, description: 'Login session lifetime' },
    SECURE_COOKIES: { type: 'boolean', default: false, description: 'Served over HTTPS: cookies marked Secure, HSTS sent (true or false)' },
    DB_POOL_MAX: { type: 'integer', minimum: 1, maximum: 200, default: 10, description: 'Database connections per process' },
    LOG_LEVEL: { enum: ['error', 'warn', 'info', 'debug'], default: 'info', description: 'Log verbosity' },
    OPERATON_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 8080, description: '`npm run operaton`: HTTP port of Operaton' },
    OPERATON_HOST: { type: 'string', minLength: 1, default: '127.0.0.1', description: '`npm run operaton`: interface Operaton listens on' },
    OPERATON_ADMIN_PASSWORD: { type: 'string', minLength: 8, description: '`npm run operaton`: password of Operaton\'s admin (default: generated once, kept in DATA_DIR/operaton)' },
    OPERATON_RUNTIME_PASSWORD: {
      type: 'string',
      minLength: 8,
      description: '`npm run operaton`: password of the technical user crmruntime (default: generated once, kept in DATA_DIR/operaton)',
    },
    ENGINE_URL: {
      type: 'string',
      pattern: HTTP_URL,
      description: 'A remote Camunda 7 REST engine (e.g. Operaton) the runtime and workers use; unset: the embedded engine (workers: http://127.0.0.1:PORT/engine-rest)',
    },
    ENGINE_USER: { type: 'string', minLength: 1, description: 'Workers: HTTP Basic user on ENGINE_URL (with ENGINE_PASSWORD)' },
    ENGINE_PASSWORD: { type: 'string', minLength: 1, description: 'Workers: HTTP Basic password on ENGINE_URL' },
    ENGINE_TOKEN: { type: 'string', minLength: 1, description: 'Workers: bearer token on ENGINE_URL (instead of ENGINE_USER/ENGINE_PASSWORD)' },
    WORKERS: { enum: ['in-process', 'off'], default: 'in-process', description: 'Run the external-task workers inside the runtime, or not (a fleet runs them: npm run workers)' },
    WORKERS_DIR: { type: 'string', minLength: 1, description: 'Folder of worker modules, one file per topic (default: the shipped processes/workers/)' },
    API_URL: {
      type: 'string',
      pattern: HTTP_URL,
      description: '`npm run workers`: the runtime\'s API base the workers reach records through (default: http://127.0.0.1:PORT/api)',
    },
    API_TOKEN: { type: 'string', minLength: 1, description: '`npm run workers`: service token for API_URL (default: ENGINE_TOKEN)' },
    WEB_LEAD_RATE_LIMIT: {
      type: 'integer', minimum: 0, maximum: 100000, default: 10,
      description: 'Public web-to-lead endpoint (POST /api/public/leads): enquiries accepted per client address and window; 0 turns the endpoint off',
    },
    WEB_LEAD_RATE_WINDOW_S: { type: 'integer', minimum: 1, maximum: 86400, default: 600, description: 'The web-to-lead rate limit\'s window, seconds' },
    PORTAL_RATE_LIMIT: {
      type: 'integer', minimum: 0, maximum: 100000, default: 10,
      description: 'Customer portal endpoint (POST /api/public/service-requests): service requests accepted per client address and window; 0 turns the endpoint off',
    },
    PORTAL_RATE_WINDOW_S: { type: 'integer', minimum: 1, maximum: 86400, default: 600, description: 'The customer portal rate limit\'s window, seconds' },
    DEMO: {
      type: 'boolean',
      default: false,
      description: 'Seed the demo organisation once (also `npm start -- --demo`): users for every role, printed with their passwords, sample records and a running instance of each process',
    },
    SMTP_URL: {
      type: 'string',
      pattern: SMTP_URL,
      description: 'The mail server notifications are sent through, e.g. smtp://user:password@mail.example.com:587; unset: notifications are in-app only',
    },
    MAIL_FROM: { type: 'string', minLength: 3, default: 'CRM <crm@localhost>', description: 'Sender of notification e-mails' },
    ATTACHMENT_MAX_MB: { type: 'integer', minimum: 1, maximum: 1024, default: 20, description: 'Largest attachment accepted, in MiB' },
  },
  dependencies: { ENGINE_USER: ['ENGINE_PASSWORD'], ENGINE_PASSWORD: ['ENGINE_USER'] },
} as const;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super('invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

const varsOfType = (type: string) =>
  new Set(
    Object.entries(CONFIG_SCHEMA.properties)
      .filter(([, s]) => 'type' in s && s.type === type)
      .map(([k]) => k),
  );
const INTEGER_VARS = varsOfType('integer');
const BOOLEAN_VARS = varsOfType('boolean');

/** Build the config from an environment (process.env by default) plus overrides (tests). */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(CONFIG_SCHEMA.properties)) {
    const v = env[key];
    if (v === undefined || v === '') continue;
    // Integers arrive as text: convert only a clean integer, so "3000abc" stays a string and fails.
    raw[key] = INTEGER_VARS.has(key) && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
    // Booleans likewise: only `true`/`1` or `false`/`0`; anything else stays text and fails.
    if (BOOLEAN_VARS.has(key) && /^(true|false|1|0)$/.test(v.trim())) raw[key] = /^(true|1)$/.test(v.trim());
  }
  Object.assign(raw, overrides);
  const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
  const validate = ajv.compile(CONFIG_SCHEMA);
  if (!validate(raw)) {
    throw new ConfigError(
      (validate.errors ?? []).map((e) => ({
        variable: e.instancePath.replace(/^\//, '') || String(e.params?.additionalProperty ?? e.params?.missingProperty ?? '(config)'),
        message: e.keyword !== 'pattern' ? (e.message ?? 'invalid') : e.params?.pattern === HTTP_URL ? 'must be an http:// or https:// URL' : e.params?.pattern === SMTP_URL ? 'must be an smtp:// or smtps:// URL' : (e.message ?? 'invalid'),
      })),
    );
  }
  if (raw.ENGINE_TOKEN !== undefined && raw.ENGINE_USER !== undefined)
    throw new ConfigError([{ variable: 'ENGINE_TOKEN', message: 'set either ENGINE_TOKEN or ENGINE_USER/ENGINE_PASSWORD, not both' }]);
  const cfg = raw as unknown as Config;
  cfg.DATA_DIR = resolve(cfg.DATA_DIR);
  return cfg;
}

/** The workers' credentials on ENGINE_URL: ENGINE_TOKEN, else ENGINE_USER/ENGINE_PASSWORD, else none. */
export function engineCredentials(config: Config): { token: string } | { user: string; password: string } | undefined {
  if (config.ENGINE_TOKEN) return { token: config.ENGINE_TOKEN };
  if (config.ENGINE_USER && config.ENGINE_PASSWORD) return { user: config.ENGINE_USER, password: config.ENGINE_PASSWORD };
  return undefined;
}

/** The workers' mail server and sender: undefined when SMTP_URL is not set (in-app notifications only). */
export function mailSettings(config: Config): { url: string; from: string } | undefined {
  return config.SMTP_URL ? { url: config.SMTP_URL, from: config.MAIL_FROM } : undefined;
}

/** For a command's entry point: the config from process.env, or exit 2 with the problems on stderr as `[tag] …`. */
export function loadConfigOrExit(tag: string): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`[${tag}] ${e.message}`);
    process.exit(2);
  }
}
