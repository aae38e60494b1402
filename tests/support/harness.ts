/**
 * The test harness: a real server (real HTTP on 127.0.0.1, real PostgreSQL) on a fresh database of
 * its own, created on the server that jest's global setup started. Tests isolate by database and
 * unique names, never by truncating shared tables.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../runtime/config/index.js';
import { ensureDatabase } from '../../runtime/db/embedded.js';
import { startServer, type RunningServer } from '../../runtime/server.js';

export interface TestServer {
  url: string;
  adminPassword: string;
  databaseUrl: string;
  server: RunningServer;
  /** An API client logged in as admin. */
  admin: ApiClient;
  stop(): Promise<void>;
}

/** Poll `condition` until it holds (every 50 ms, up to `ms`); a test waits on a condition, never a sleep. */
export async function waitFor(condition: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function freshDatabase(prefix = 't'): Promise<string> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run through jest (global setup starts PostgreSQL)');
  return ensureDatabase(admin, uniqueName(prefix).toLowerCase());
}

/** A server on a fresh database, or on `databaseUrl` (then pass the admin password it was made with). */
export async function startTestServer(
  opts: { metadataDir?: string; processesDir?: string; formsDir?: string; databaseUrl?: string; adminPassword?: string; config?: Partial<Config> } = {},
): Promise<TestServer> {
  const databaseUrl = opts.databaseUrl ?? (await freshDatabase('srv'));
  const adminPassword = opts.adminPassword ?? 'pw-' + randomBytes(8).toString('hex');
  const config = loadConfig({}, { DATABASE_URL: databaseUrl, PORT: 0, ADMIN_PASSWORD: adminPassword, METADATA_DIR: opts.metadataDir, PROCESSES_DIR: opts.processesDir, FORMS_DIR: opts.formsDir, DB_POOL_MAX: 5, ...opts.config });
  const server = await startServer(config);
  const admin = new ApiClient(server.url);
  await admin.login('admin', adminPassword);
  return { url: server.url, adminPassword, databaseUrl, server, admin, stop: () => server.stop() };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client that keeps the session cookies, like a browser would, and sends the CSRF header on writes as the UI does. */
export class ApiClient {
  private cookie?: string;
  private csrf?: string;
  constructor(
    readonly baseUrl: string,
    private bearer?: string,
  ) {}

  async login(username: string, password: string): Promise<ApiResponse> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status === 200) {
      const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
      this.cookie = cookies.join('; ');
      this.csrf = cookies.find((c) => c.startsWith('crm_csrf='))?.slice('crm_csrf='.length);
    }
    return res;
  }

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD', 'OPTIONS'].includes(method)) h['x-csrf-token'] ??= this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The answer's bytes (e.g. a PDF), with the session and CSRF header as for `request`. */
  async bytes(method: string, path: string, body?: unknown): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
    const h: Record<string, string> = {};
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  /** The response itself, unread (e.g. a Server-Sent Events stream); abort with `signal`. */
  open(path: string, signal: AbortSignal): Promise<Response> {
    return fetch(this.baseUrl + path, { headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}) }, signal });
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  put<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}
