/**
 * The HTTP edge of the error catalogue: AppError → RFC 9457 problem+json. Anything that is not an
 * AppError is a 500 with no internals leaked (logged server-side).
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, ERROR_CODES, isAppError, isFieldErrorCode, issueFieldError, type ErrorCode } from '../errors.js';
import type { IssueLocale, MetadataIssue } from '../../metadata/index.js';
import { localizeText, localizeTexts, requestLocale, type TextKey, type Worded } from './language.js';

const TITLES: Record<ErrorCode, string> = {
  'bad-request': 'Bad request',
  'validation-failed': 'Validation failed',
  'bad-filter': 'Invalid filter',
  'unknown-field': 'Unknown field',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'field-forbidden': 'Field not editable',
  'csrf-failed': 'CSRF check failed',
  'task-forbidden': 'Not your task',
  'not-found': 'Not found',
  'unknown-entity': 'Unknown entity',
  'version-conflict': 'Version conflict',
  duplicate: 'Possible duplicate',
  'unique-violation': 'Value already exists',
  'in-use': 'Still in use',
  'task-claimed': 'Task claimed by someone else',
  'metadata-invalid': 'Invalid metadata',
  'unsafe-change': 'Unsafe metadata change',
  'migration-failed': 'Migration failed',
  'process-trigger-failed': 'Process trigger refused',
  'payload-too-large': 'Payload too large',
  'too-many-requests': 'Too many requests',
  internal: 'Internal error',
};

export const PROBLEM_BASE = 'https://crm.local/problems/';

/** Members of a problem that hold coded texts (metadata issues, a publish plan's refusals and actions), and where each keeps its text. */
const CODED_MEMBERS: Record<string, TextKey> = { issues: 'message', refusals: 'message', actions: 'summary' };

/** The problem's extra members with their coded texts in `locale`. */
function localizedExtra(extra: Record<string, unknown> | undefined, locale: IssueLocale): Record<string, unknown> | undefined {
  if (!extra) return undefined;
  return Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, Object.hasOwn(CODED_MEMBERS, k) && Array.isArray(v) ? localizeTexts(v as Worded[], locale, CODED_MEMBERS[k]) : v]));
}

export function sendProblem(res: Response, err: AppError, instance?: string, locale: IssueLocale = 'en'): void {
  // Coded texts in the request's language: the extra's metadata issues (a `metadata-invalid` problem's `errors` are made from them), a publish plan's refusals and actions, and field errors coded from the issue catalogue.
  const extra = localizedExtra(err.extra, locale);
  const issues = Array.isArray(extra?.issues) ? (extra.issues as MetadataIssue[]) : undefined;
  const errors = err.errors?.map((e) => (isFieldErrorCode(e.code) ? e : localizeText(e, locale)));
  const body: Record<string, unknown> = {
    type: PROBLEM_BASE + err.code,
    title: TITLES[err.code],
    status: err.status,
    detail: err.message,
    ...(instance ? { instance } : {}),
    ...(errors ? { errors: issues && err.code === 'metadata-invalid' ? issues.map(issueFieldError) : errors } : {}),
    ...(extra ?? {}),
  };
  if (typeof err.extra?.retryAfter === 'number') res.set('Retry-After', String(err.extra.retryAfter));
  res.status(err.status).type('application/problem+json').send(JSON.stringify(body));
}

/** express.json(), express.static and friends throw errors with a `type`/`status`: map them to our codes. */
function fromBodyParser(err: { type?: string; status?: number; message?: string }): AppError | null {
  if (err.type === 'entity.parse.failed') return new AppError('bad-request', 'request body is not valid JSON', [{ path: '', message: err.message ?? 'invalid JSON' }]);
  if (err.type === 'entity.too.large') return new AppError('payload-too-large', 'request body is too large');
  if (err.status === 404) return new AppError('not-found', 'not found');
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return new AppError('bad-request', err.message ?? 'bad request');
  return null;
}

/**
 * Input PostgreSQL refuses as text, wherever it came in (a filter value, a record field, a search
 * term): a NUL character (SQLSTATE 22021). Nothing was written — the statement failed.
 */
function fromDatabase(err: { code?: unknown }): AppError | null {
  if (err.code === '22021') return new AppError('bad-request', 'text must not contain NUL (\\u0000) characters', [{ path: '', message: 'contains a NUL character' }]);
  return null;
}

export function problemHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const app = isAppError(err) ? err : (fromBodyParser(err as object) ?? fromDatabase(err as object));
    if (app) return sendProblem(res, app, req.originalUrl, requestLocale(req));
    log(`unhandled error on ${req.method} ${req.originalUrl}`, err);
    sendProblem(res, new AppError('internal', 'an unexpected error occurred'), req.originalUrl);
  };
}

export const notFoundHandler: RequestHandler = (req, res) =>
  sendProblem(res, new AppError('not-found', `no route for ${req.method} ${req.path}`), req.originalUrl);

export { ERROR_CODES };
