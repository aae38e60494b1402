/**
 * Camunda's list resources share one shape: `GET /` and `GET /count` with query parameters, and
 * (where Camunda has them) `POST /` and `POST /count` with the same filters as a JSON body, paging
 * still in the query string. A resource declares its filters, sort keys, query and DTO; this adds
 * the four routes.
 */
import type { Request, Router } from 'express';
import type { EngineDb } from '../db.js';
import { invalidRequest } from '../errors.js';
import type { ListQueries } from '../persistence/index.js';
import { parseBodyFilters, parseBodySorting, parseFilters, parsePage, type ParamKind, type ParamSpec } from './params.js';
import { sendJson } from './send.js';

export interface ListResource<F, S extends string, R> {
  /** The plain parameters (a subset of F's keys; the rest come from fromQuery/fromBody). */
  filters: { [K in keyof F]?: ParamKind };
  sortKeys: readonly S[];
  queries: ListQueries<F, S, R>;
  toDto(row: R, req: Request): unknown;
  /** Filters that are not plain parameters (variable filters): from the query string, and from a POST body. */
  fromQuery?(query: Request['query']): Partial<F>;
  fromBody?(body: Record<string, unknown>): Partial<F>;
  /** Camunda has POST variants of this list. */
  post?: boolean;
  /** Camunda has `GET /{id}`: the answer when the id is unknown (a 404). */
  missing?(id: string): Error;
}

/** The JSON body of a POST query (none = no filters). */
export function queryBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('The query must be a JSON object.');
  return body as Record<string, unknown>;
}

export function addListRoutes<F, S extends string, R>(r: Router, db: EngineDb, l: ListResource<F, S, R>): void {
  const spec = l.filters as ParamSpec<F>;
  const fromQuery = (req: Request) => ({ ...parseFilters(req.query, spec), ...l.fromQuery?.(req.query) }) as F;
  const fromBody = (req: Request) => {
    const body = queryBody(req);
    return { filter: { ...parseBodyFilters(body, spec), ...l.fromBody?.(body) } as F, sorting: parseBodySorting(body, l.sortKeys) };
  };
  const { count, list } = l.queries;
  r.get('/', async (req, res) => {
    const rows = await list(db, { ...fromQuery(req), ...parsePage(req.query, l.sortKeys) });
    sendJson(res, 200, rows.map((row) => l.toDto(row, req)));
  });
  r.get('/count', async (req, res) => sendJson(res, 200, { count: await count(db, fromQuery(req)) }));
  const { missing } = l;
  if (missing) {
    r.get('/:id', async (req, res) => {
      const row = await l.queries.byId(db, req.params.id);
      if (!row) throw missing(req.params.id);
      sendJson(res, 200, l.toDto(row, req));
    });
  }
  if (!l.post) return;
  r.post('/', async (req, res) => {
    const { filter, sorting } = fromBody(req);
    const { firstResult, maxResults } = parsePage(req.query, l.sortKeys);
    const rows = await list(db, { ...filter, ...sorting, firstResult, maxResults });
    sendJson(res, 200, rows.map((row) => l.toDto(row, req)));
  });
  r.post('/count', async (req, res) => sendJson(res, 200, { count: await count(db, fromBody(req).filter) }));
}
