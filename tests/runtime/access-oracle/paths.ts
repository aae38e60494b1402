/**
 * What one user gets through every read and write path of the API, and what the reference says
 * they should get, in the same shape: path → outcome (`"403"`, `"200 [0,3,7]"`, …), with deals
 * named by their index in the world. `search` and `export` take part once their routes exist.
 */
import { parse } from 'csv-parse/sync';
import type { ApiClient } from '../../support/harness.js';
import type { LeanClient, LeanResponse } from './client.js';
import { accessLevel, atLeast, roleAllows } from './reference.js';
import type { Stored } from './store.js';
import type { World } from './world.js';

export type Outcomes = Map<string, string>;
export interface Routes {
  search: boolean;
  export: boolean;
}

/** Whether `GET /api/search` and `GET /api/records/:entity/export` answer yet (as the admin). */
export async function probeRoutes(admin: ApiClient): Promise<Routes> {
  const search = await admin.get('/api/search?q=oracle');
  const exported = await admin.get('/api/records/deal/export?format=csv');
  return { search: search.status === 200, export: exported.status === 200 && (exported.headers.get('content-type') ?? '').includes('csv') };
}

const set = (indexes: number[]) => `200 [${indexes.join(',')}]`;

/** At most `n` requests in flight at once. */
export function limiter(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((res) => waiting.push(res));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** The deals on which user `u` tries a single-record path (each deal's `probe`). */
export const probedBy = (w: World, u: number) => w.deals.map((_, d) => d).filter((d) => w.deals[d].probe.user === u);

export async function observe(api: LeanClient, w: World, stored: Stored, probed: number[], routes: Routes, limit: ReturnType<typeof limiter>): Promise<Outcomes> {
  const index = (id: string) => (stored.deals.includes(id) ? String(stored.deals.indexOf(id)) : `unknown ${id}`);
  const indexes = (ids: string[]) => `200 [${ids.map(index).sort((a, b) => Number(a) - Number(b)).join(',')}]`;
  const listed = (r: LeanResponse) => (r.status === 200 ? indexes(JSON.parse(r.text).items.map((i: { id: string }) => i.id)) : String(r.status));
  const out: Outcomes = new Map();
  const base = '/api/records/deal';
  const staleVersion = { 'if-match': '"999999"' };
  await Promise.all([
    limit(() => api.get(`${base}?limit=1000&fields=id&count=true`)).then((r) => {
      out.set('list', listed(r));
      out.set('count', r.status === 200 ? `200 ${JSON.parse(r.text).count}` : String(r.status));
    }),
    limit(() => api.get(`${base}?limit=1000&fields=id&deleted=only`)).then((r) => out.set('recycle bin', listed(r))),
    // A write tries an expired version: an allowed one answers 409 and changes nothing.
    ...probed.map((d) => {
      const url = `${base}/${stored.deals[d]}`;
      const path = w.deals[d].probe.path;
      const ask = path === 'get' ? () => api.get(`${url}?fields=id`) : () => api.request(path === 'update' ? 'PATCH' : 'DELETE', url, path === 'update' ? {} : undefined, staleVersion);
      return limit(ask).then((r) => out.set(`${path} #${d}`, String(r.status)));
    }),
    routes.export &&
      limit(() => api.get(`${base}/export?format=csv&header=names&fields=id`)).then((r) => {
        if (r.status !== 200) return out.set('export', String(r.status));
        const records = parse(r.text, { columns: true, bom: true }) as { id: string }[];
        out.set('export', indexes(records.map((x) => x.id)));
      }),
    routes.search &&
      limit(() => api.get('/api/search?q=oracle&limit=50')).then((r) => {
        if (r.status !== 200) return out.set('search', String(r.status));
        out.set('search', indexes(stored.deals.filter((id) => r.text.includes(id))));
      }),
  ]);
  return out;
}

/** The same paths by the reference: role permission first (403), then the record's level. */
export function expected(w: World, user: number, probed: number[], routes: Routes): Outcomes {
  const may = (action: string) => roleAllows(w, user, action);
  const level = w.deals.map((_, d) => accessLevel(w, user, d).level);
  const live = (d: number) => !w.deals[d].deleted;
  const readable = w.deals.map((_, d) => d).filter((d) => atLeast(level[d], 'read'));
  const visible = readable.filter(live);
  const out: Outcomes = new Map();
  out.set('list', may('read') ? set(visible) : '403');
  out.set('count', may('read') ? `200 ${visible.length}` : '403');
  out.set('recycle bin', may('read') ? set(readable.filter((d) => !live(d))) : '403');
  for (const d of probed) {
    const path = w.deals[d].probe.path;
    const seen = live(d) && atLeast(level[d], 'read');
    const needs = path === 'get' ? 'read' : path === 'update' ? 'edit' : 'full';
    const permitted = may(path === 'get' ? 'read' : path);
    out.set(`${path} #${d}`, !permitted ? '403' : !seen ? '404' : !atLeast(level[d], needs) ? '403' : path === 'get' ? '200' : '409');
  }
  if (routes.export) out.set('export', may('read') && may('export') ? set(visible) : '403');
  if (routes.search) out.set('search', set(may('read') ? visible : []));
  return out;
}
