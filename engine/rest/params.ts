/**
 * Query parameters as Camunda's REST reads them: each filter declared with a kind, converted, and
 * refused with Camunda's messages (`Cannot set query parameter 'x' to value 'y'`, sortBy/sortOrder
 * rules). Unknown parameters are ignored, as Camunda ignores them.
 */
import type { Request } from 'express';
import { invalidRequest } from '../errors.js';
import { parseDate } from './dates.js';

export type ParamKind = 'string' | 'boolean' | 'integer' | 'date' | 'stringList';
export type ParamSpec<T> = { [K in keyof Required<T>]: ParamKind };

/** The first value of a query parameter (repeated parameters: the first wins, as in JAX-RS). */
function raw(query: Request['query'], name: string): string | undefined {
  const v = query[name];
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined) return undefined;
  if (typeof first !== 'string') throw cannotSet(name, JSON.stringify(first));
  return first;
}

const cannotSet = (name: string, value: string) => invalidRequest(`Cannot set query parameter '${name}' to value '${value}'`);

const INT = /^-?\d{1,10}$/;

function convert(name: string, value: string, kind: ParamKind): unknown {
  switch (kind) {
    case 'string':
      return value;
    case 'stringList':
      return value.split(',');
    case 'boolean': {
      const v = value.toLowerCase();
      if (v === 'true' || v === 'false') return v === 'true';
      throw cannotSet(name, value);
    }
    case 'integer': {
      const n = Number(value);
      if (!INT.test(value) || n > 2 ** 31 - 1 || n < -(2 ** 31)) throw cannotSet(name, value);
      return n;
    }
    case 'date': {
      const d = parseDate(value);
      if (!d) throw cannotSet(name, value);
      return d;
    }
  }
}

/** Read the filters `spec` declares; absent parameters stay absent. */
export function parseFilters<T>(query: Request['query'], spec: ParamSpec<T>): T {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec) as [string, ParamKind][]) {
    const value = raw(query, name);
    if (value !== undefined) out[name] = convert(name, value, kind);
  }
  return out as T;
}

export interface PageParams<S extends string> {
  sortBy?: S;
  sortOrder?: 'asc' | 'desc';
  firstResult?: number;
  maxResults?: number;
}

/** sortBy (one of `sortKeys`) with sortOrder — both or neither — and firstResult/maxResults. */
export function parsePage<S extends string>(query: Request['query'], sortKeys: readonly S[]): PageParams<S> {
  const sortBy = raw(query, 'sortBy');
  const sortOrder = raw(query, 'sortOrder');
  const page: PageParams<S> = {};
  if ((sortBy === undefined) !== (sortOrder === undefined)) throw invalidRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  if (sortBy !== undefined) {
    if (!sortKeys.includes(sortBy as S)) throw invalidRequest(`Cannot set query parameter 'sortBy' to value '${sortBy}'`);
    if (sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidRequest(`Cannot set query parameter 'sortOrder' to value '${sortOrder}'`);
    page.sortBy = sortBy as S;
    page.sortOrder = sortOrder;
  }
  for (const name of ['firstResult', 'maxResults'] as const) {
    const value = raw(query, name);
    if (value === undefined) continue;
    const n = convert(name, value, 'integer') as number;
    if (n < 0) throw cannotSet(name, value);
    page[name] = n;
  }
  return page;
}

/** A multipart text field as Java's Boolean.parseBoolean reads it: "true" in any case, else false. */
export const formBoolean = (v: unknown): boolean => typeof v === 'string' && v.toLowerCase() === 'true';

/**
 * The same filters from a POST query's JSON body (Camunda's `POST /task`, `/process-instance`, …):
 * lists are JSON arrays, the other kinds JSON scalars (a string holding a boolean, number or date is
 * read too, as Jackson reads it); null means absent. A value of the wrong shape is refused like a bad
 * query parameter.
 */
export function parseBodyFilters<T>(body: Record<string, unknown>, spec: ParamSpec<T>): T {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec) as [string, ParamKind][]) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (kind === 'stringList') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw cannotSet(name, JSON.stringify(value));
      out[name] = value;
    } else {
      if (typeof value === 'object') throw cannotSet(name, JSON.stringify(value));
      out[name] = convert(name, String(value), kind);
    }
  }
  return out as T;
}

/** A POST query's `sortBy`/`sortOrder` and `sorting: [{sortBy, sortOrder}]` (Camunda's SortingDto), checked against `sortKeys`. */
export function parseBodySorting<S extends string>(body: Record<string, unknown>, sortKeys: readonly S[]): Pick<PageParams<S>, 'sortBy' | 'sortOrder'> & { sorting?: { sortBy: S; sortOrder: 'asc' | 'desc' }[] } {
  const one = (item: Record<string, unknown>) => {
    const { sortBy, sortOrder = 'asc' } = item;
    if (typeof sortBy !== 'string' || !sortKeys.includes(sortBy as S)) throw invalidRequest(`sortBy parameter has invalid value: ${String(sortBy)}`);
    if (sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidRequest(`sortOrder parameter has invalid value: ${String(sortOrder)}`);
    return { sortBy: sortBy as S, sortOrder: sortOrder as 'asc' | 'desc' };
  };
  const out: ReturnType<typeof parseBodySorting<S>> = {};
  if (body.sortBy !== undefined && body.sortBy !== null) Object.assign(out, one(body));
  if (body.sorting !== undefined && body.sorting !== null) {
    if (!Array.isArray(body.sorting) || body.sorting.some((s) => typeof s !== 'object' || s === null)) throw invalidRequest('sorting must be an array of {sortBy, sortOrder}');
    out.sorting = (body.sorting as Record<string, unknown>[]).map(one);
  }
  return out;
}
