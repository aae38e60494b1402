/**
 * The one fetch wrapper: JSON in, JSON out, cookies sent (same origin) with the CSRF token repeated
 * in X-CSRF-Token on writes, and any non-2xx answer
 * turned into an `ApiError` carrying the problem+json document — `errors` for field messages and
 * `code` (the last segment of `type`, e.g. `duplicate`, `version-conflict`) for decisions.
 */
import type { FieldError, Problem } from './types.js';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.code = problemCode(problem.type);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** `https://…/problems/version-conflict` or `version-conflict` → `version-conflict`. */
function problemCode(type: string | undefined): string {
  if (!type || type === 'about:blank') return '';
  const segments = type.split(/[/#:]/).filter(Boolean);
  return segments[segments.length - 1] ?? '';
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

let onUnauthorized: (() => void) | undefined;

/** The shell registers what to do when a signed-in request answers 401 (session ended). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The session's CSRF token: the server sets it as cookie `crm_csrf` at sign-in; writes repeat it in a header. */
export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'crm_csrf') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The UI's language, sent as Accept-Language: the server words problems (e.g. a designer's issues) in it. */
let language: string | undefined;
export const setRequestLanguage = (locale: string): void => {
  language = locale;
};

/** The headers of every API call: what it accepts, the UI's language, and (writes) the CSRF token. */
export function apiHeaders(method: string, accept = 'application/json, application/problem+json'): Record<string, string> {
  const headers: Record<string, string> = { Accept: accept };
  if (language) headers['Accept-Language'] = language;
  const csrf = method === 'GET' || method === 'HEAD' ? undefined : csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return headers;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = apiHeaders(method);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
    const problem: Problem = isObject(payload) ? payload : { title: response.statusText };
    throw new ApiError(response.status, { status: response.status, ...problem });
  }
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { title: response.statusText, detail: text.slice(0, 200) };
  }
}

const isObject = (v: unknown): v is Problem => typeof v === 'object' && v !== null && !Array.isArray(v);
