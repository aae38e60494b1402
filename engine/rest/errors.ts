/**
 * The REST edge of the engine's errors: EngineError → Camunda's error body
 * `{"type","message","code"}` (+ `details` for a ParseException) with its status. Body-parser and
 * route misses are mapped to what Camunda answers for them. Anything else is a 500 that names no
 * internals; the cause goes to the log.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { EngineError, isEngineError, type EngineErrorType } from '../errors.js';
import { sendJson } from './send.js';

/** Camunda 7.19+ adds `code`: the ProcessEngineException's error code (0 = none), null for REST-level exceptions. */
const ENGINE_EXCEPTIONS: ReadonlySet<EngineErrorType> = new Set(['ParseException', 'ProcessEngineException', 'NullValueException', 'TaskAlreadyClaimedException', 'BadUserRequestException']);

export function errorBody(e: EngineError): Record<string, unknown> {
  const body: Record<string, unknown> = { type: e.type, message: e.message, code: e.engineCode ?? (ENGINE_EXCEPTIONS.has(e.type) ? 0 : null) };
  if (e.details) body.details = e.details;
  return body;
}

/** express.json() errors carry a `type`; map them as Camunda's JSON provider answers. */
function fromBodyParser(err: { type?: unknown; status?: unknown; message?: unknown }): EngineError | null {
  const message = typeof err.message === 'string' ? err.message : 'invalid request body';
  if (err.type === 'entity.parse.failed') return new EngineError('JsonParseException', 400, message);
  if (err.type === 'entity.too.large') return new EngineError('InvalidRequestException', 413, 'The request body is too large.');
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return new EngineError('InvalidRequestException', err.status, message);
  return null;
}

export type ErrorLog = (message: string, err: unknown) => void;

export function engineErrorHandler(log: ErrorLog): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = isEngineError(err) ? err : typeof err === 'object' && err !== null ? fromBodyParser(err) : null;
    if (e) return sendJson(res, e.status, errorBody(e));
    log(`engine-rest: unhandled error on ${req.method} ${req.originalUrl}`, err);
    sendJson(res, 500, { type: 'ProcessEngineException', message: 'An unexpected error occurred.', code: 0 });
  };
}

/** No route: JAX-RS answers 404 with a NotFoundException. */
export const routeNotFound: RequestHandler = (req, res) =>
  sendJson(res, 404, errorBody(new EngineError('NotFoundException', 404, `Could not find resource for full path: ${req.originalUrl}`)));
