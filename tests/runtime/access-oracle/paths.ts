/**
 * What one user gets through every read and write path of the API, and what the reference says
 * they should get, in the same shape: path → outcome (`"403"`, `"200 [0,3,7]"`, …), with deals
 * named by their index in the world.
 */
import { parse } from 'csv-parse/sync';
import type { LeanClient, LeanResponse } from './client.js';
import { accessLevel, atLeast, roleAllows } from './reference.js';
import type { Stored } from './store.js';
import { STAGES, type ProbePath, type World } from './world.js';

export type Outcomes = Map<string, string>;

const set = (indexes: number[]) => `200 [${indexes.join(',')}]`;

/** Deals per stage with the sum of their amounts, as `aggregate?groupBy=stage&metrics=count,sum:amount` reports them. */
function byStage(rows: { stage: string; count: number; sum: number | null }[]): string {
  const total = rows.reduce((t, r) => ({ count: t.count + r.count, sum: r.sum === null ? t.sum : (t.sum ?? 0) + r.sum }), { count: 0, sum: null as number | null });
  const line = (r: { count: number; sum: number | null }) => `${r.count}/${r.sum}`;
  return `200 ${[...rows].sort((a, b) => a.stage.localeCompare(b.stage)).map((r) => `${r.stage} ${line(r)}`).join(', ') || 'no groups'}; total ${line(total)}`;
}

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

const BASE = '/api/records/deal';
/** Writes carry an expired version: an allowed one answers 409 version-conflict and changes nothing. */
const STALE = { 'if-match': '"999999"' };
const ASK: Record<ProbePath, (api: LeanClient, url: string) => Promise<LeanResponse>> = {
  get: (api, url) => api.get(`${url}?fields=id`),
  update: (api, url) => api.request('PATCH', url, {}, STALE),
  delete: (api, url) => api.request('DELETE', url, undefined, STALE),
  access: (api, url) => api.get(`${url}/access`),
  history: (api, url) => api.get(`${url}/history`),
};

export async function observe(api: LeanClient, w: World, stored: Stored, probed: number[], limit: ReturnType<typeof limiter>): Promise<Outcomes> {
  const index = (id: string) => (stored.deals.includes(id) ? String(stored.deals.indexOf(id)) : `unknown ${id}`);
  const indexes = (ids: string[]) => `200 [${ids.map(index).sort((a, b) => Number(a) - Number(b)).join(',')}]`;
  const out: Outcomes = new Map();
  /** GET `path`; a 200 becomes `ok(answer)`, anything else its status. */
  const ask = (name: string, path: string, ok: (r: LeanResponse) => string) =>
    limit(() => api.get(path)).then((r) => out.set(name, r.status === 200 ? ok(r) : String(r.status)));
  const items = (r: LeanResponse) => indexes(JSON.parse(r.text).items.map((i: { id: string }) => i.id));
  await Promise.all([
    limit(() => api.get(`${BASE}?limit=1000&fields=id&count=true`)).then((r) => {
      out.set('list', r.status === 200 ? items(r) : String(r.status));
      out.set('count', r.status === 200 ? `200 ${JSON.parse(r.text).count}` : String(r.status));
    }),
    ask('recycle bin', `${BASE}?limit=1000&fields=id&deleted=only`, items),
    ask('export', `${BASE}/export?format=csv&header=names&fields=id`, (r) => indexes((parse(r.text, { columns: true, bom: true }) as { id: string }[]).map((x) => x.id))),
    ask('search', '/api/search?q=oracle&limit=50', (r) => indexes(stored.deals.filter((id) => r.text.includes(id)))),
    ask('aggregate', `${BASE}/aggregate?groupBy=stage&metrics=count,sum:amount`, (r) =>
      byStage(
        (JSON.parse(r.text).groups as { key: { stage: string }; values: { count: number; 'sum:amount': number | string | null } }[]).map((g) => ({
          stage: g.key.stage,
          count: Number(g.values.count),
          sum: g.values['sum:amount'] === null ? null : Number(g.values['sum:amount']),
        })),
      ),
    ),
    ...probed.map((d) => {
      const path = w.deals[d].probe.path;
      return limit(() => ASK[path](api, `${BASE}/${stored.deals[d]}`)).then((r) =>
        out.set(`${path} #${d}`, path === 'access' && r.status === 200 ? `200 ${JSON.parse(r.text).level}` : String(r.status)),
      );
    }),
  ]);
  return out;
}

/** The same paths by the reference: role permission first (403), then the record's level. */
export function expected(w: World, user: number, probed: number[]): Outcomes {
  const may = (action: string) => roleAllows(w, user, action);
  const level = w.deals.map((_, d) => accessLevel(w, user, d).level);
  const live = (d: number) => !w.deals[d].deleted;
  const readable = w.deals.map((_, d) => d).filter((d) => atLeast(level[d], 'read'));
  const visible = readable.filter(live);
  const out: Outcomes = new Map();
  out.set('list', may('read') ? set(visible) : '403');
  out.set('count', may('read') ? `200 ${visible.length}` : '403');
  out.set('recycle bin', may('read') ? set(readable.filter((d) => !live(d))) : '403');
  out.set('export', may('read') && may('export') ? set(visible) : '403');
  out.set('search', set(may('read') ? visible : []));
  const stages = STAGES.map((stage) => {
    const deals = visible.filter((d) => w.deals[d].stage === stage);
    const amounts = deals.map((d) => w.deals[d].amount).filter((a) => a !== null);
    return { stage, count: deals.length, sum: amounts.length ? amounts.reduce((a, b) => a + b, 0) : null };
  });
  out.set('aggregate', may('read') ? byStage(stages.filter((s) => s.count > 0)) : '403');
  for (const d of probed) {
    const path = w.deals[d].probe.path;
    // get shows a live record, history and access a deleted one too, at read level; update needs edit, delete full.
    const reads = path === 'get' || path === 'history' || path === 'access';
    const seen = atLeast(level[d], 'read') && (live(d) || path === 'history' || path === 'access');
    const needs = path === 'update' ? 'edit' : path === 'delete' ? 'full' : 'read';
    const outcome = path === 'access' ? `200 ${level[d]}` : reads ? '200' : '409';
    out.set(`${path} #${d}`, !may(reads ? 'read' : path) ? '403' : !seen ? '404' : !atLeast(level[d], needs) ? '403' : outcome);
  }
  return out;
}
