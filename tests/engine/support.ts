/**
 * Engine test support: an EngineDb over a plain pg.Pool (the engine needs only query + tx), and the
 * engine's REST router mounted at /engine-rest on a bare Express app listening on 127.0.0.1 —
 * real HTTP, real PostgreSQL, a fresh database per test file.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createEngine, type Engine, type EngineDb, type EngineQueryable } from '../../engine/index.js';
import { freshDatabase } from '../support/harness.js';

export interface PoolDb extends EngineDb {
  pool: pg.Pool;
  close(): Promise<void>;
}

export function poolDb(url: string): PoolDb {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  const queryable = (c: pg.Pool | pg.PoolClient): EngineQueryable => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await c.query(sql, [...params])).rows as R[];
    },
  });
  return {
    pool,
    query: queryable(pool).query,
    async tx<T>(fn: (q: EngineQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(queryable(client));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback');
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** A migrated engine on a fresh database. */
export async function freshEngine(prefix = 'eng'): Promise<{ db: PoolDb; engine: Engine }> {
  const db = poolDb(await freshDatabase(prefix));
  const engine = createEngine({ db, log: () => undefined });
  await engine.migrate();
  return { db, engine };
}

export interface EngineRestServer {
  /** Base URL of the REST API, e.g. http://127.0.0.1:4711/engine-rest */
  url: string;
  db: PoolDb;
  engine: Engine;
  /** Unexpected errors the router reported (a test expecting none asserts it stays empty). */
  errors: unknown[];
  get(path: string): Promise<RestResponse>;
  request(method: string, path: string, init?: { body?: BodyInit; headers?: Record<string, string> }): Promise<RestResponse>;
  stop(): Promise<void>;
}

export interface RestResponse {
  status: number;
  contentType: string | null;
  body: any;
  text: string;
}

export async function startEngineRest(prefix = 'rest'): Promise<EngineRestServer> {
  const db = poolDb(await freshDatabase(prefix));
  const errors: unknown[] = [];
  const engine = createEngine({ db, log: (_m, e) => errors.push(e) });
  await engine.migrate();
  const app = express();
  app.use('/engine-rest', engine.router());
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`;
  const request = async (method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<RestResponse> => {
    const res = await fetch(url + path, { method, body: init.body, headers: init.headers });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, contentType: res.headers.get('content-type'), body, text };
  };
  return {
    url,
    db,
    engine,
    errors,
    request,
    get: (path) => request('GET', path),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}

/** A multipart/form-data body built by hand, part by part, as a browser writes it (so a test controls every byte). */
export function multipartBody(parts: { name: string; value: string | Buffer; filename?: string; contentType?: string }[], boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW') {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(head + '\r\n\r\n'), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /deployment/create with a FormData body (fields, then one file part per resource). */
export function deployForm(fields: Record<string, string>, resources: Record<string, string | Buffer>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [name, content] of Object.entries(resources)) form.append(name, new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  return form;
}

/** Count rows of engine tables (to prove a refused request wrote nothing). */
export async function engineRowCounts(db: EngineQueryable): Promise<{ deployments: number; resources: number; definitions: number }> {
  const [row] = await db.query<{ deployments: number; resources: number; definitions: number }>(
    `select (select count(*)::int from engine.deployment) as deployments,
            (select count(*)::int from engine.resource) as resources,
            (select count(*)::int from engine.process_definition) as definitions`,
  );
  return row;
}

/** Deploy BPMN models (name → XML) through the REST API; returns the deployed definitions by key. */
export async function deployModels(api: EngineRestServer, models: Record<string, string>, name = 'test'): Promise<Record<string, { id: string; key: string; version: number }>> {
  const res = await api.request('POST', '/deployment/create', { body: deployForm({ 'deployment-name': name }, models) });
  if (res.status !== 200) throw new Error(`deployment failed: ${res.status} ${res.text}`);
  const defs = Object.values(res.body.deployedProcessDefinitions ?? {}) as { id: string; key: string; version: number }[];
  return Object.fromEntries(defs.map((d) => [d.key, d]));
}

/** A JSON request to the REST API. */
export function sendJsonTo(api: EngineRestServer, method: string, path: string, body?: unknown): Promise<RestResponse> {
  return api.request(method, path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

/** Start the latest version of `key` with Camunda-typed variables; returns the ProcessInstanceDto. */
export async function startByKey(api: EngineRestServer, key: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await sendJsonTo(api, 'POST', `/process-definition/key/${encodeURIComponent(key)}/start`, body);
  if (res.status !== 200) throw new Error(`start of ${key} failed: ${res.status} ${res.text}`);
  return res.body;
}
