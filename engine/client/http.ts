/**
 * HTTP to a Camunda-7-REST engine (Operaton, Camunda 7, or our own /engine-rest), with the
 * technical user's credentials. Distinguishes what a caller must treat differently: the engine
 * answered with an error (`EngineHttpError`, status and Camunda's error type) or the request may
 * not have arrived at all (`EngineUnreachable`: refused, reset, timed out).
 */

export type EngineAuth = { user: string; password: string } | { token: string };

export class EngineHttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineHttpError';
  }
}

export class EngineUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineUnreachable';
  }
}

export interface EngineHttp {
  readonly url: string;
  /** A JSON call; `undefined` for 204. 404 answers null when `nullOn404`. */
  json<T>(method: string, path: string, body?: unknown, opts?: { nullOn404?: boolean }): Promise<T>;
  /** A multipart POST (deployment/create). */
  form<T>(path: string, form: FormData): Promise<T>;
}

export function engineHttp(url: string, auth: EngineAuth | undefined, timeoutMs = 15_000): EngineHttp {
  const base = url.replace(/\/+$/, '');
  const authorization =
    auth === undefined ? undefined : 'token' in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;

  async function send<T>(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>, nullOn404: boolean): Promise<T> {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { ...headers, ...(authorization ? { Authorization: authorization } : {}), Accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new EngineUnreachable(`${method} ${base}${path}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`, { cause: e });
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new EngineUnreachable(`${method} ${base}${path}: the answer broke off`, { cause: e });
    }
    if (res.status === 404 && nullOn404) return null as T;
    if (res.status >= 300) {
      let type = 'HttpError';
      let message = text;
      try {
        const err = JSON.parse(text) as { type?: string; message?: string };
        type = err.type ?? type;
        message = err.message ?? message;
      } catch {
        // not Camunda's error shape (e.g. a proxy's page): keep the text
      }
      throw new EngineHttpError(res.status, type, `${method} ${path} → ${res.status} ${type}: ${message}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    url: base,
    json: (method, path, body, opts = {}) =>
      send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? {} : { 'Content-Type': 'application/json' }, opts.nullOn404 === true),
    form: (path, form) => send('POST', path, form, {}, false),
  };
}
