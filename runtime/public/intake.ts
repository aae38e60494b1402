/**
 * Public intake forms: `POST /api/public/<path>` endpoints that people outside the company post to
 * without signing in (JSON or an HTML form's urlencoded body) — the web-to-lead form, the customer
 * portal's service requests. Each is limited per client address (express-rate-limit; a limit of 0
 * turns the endpoint off), takes only the fields a visitor may fill (anything else is a 400 naming
 * it; values are validated against the entity's schema as any create), and has a honeypot field
 * `website` people never see: a bot filling it gets the same answer and nothing is stored. The
 * record is created by the form's own service account with no owner, over the form's defaults; its
 * triggers fire as for any create. Answer: 202 `{received: true}` (nothing about the record).
 */
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { EngineClient } from '../../engine/index.js';
import type { AuthService, User } from '../auth/service.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
import { createRecord } from '../records/write.js';
import { fireTriggers, writeWithTriggers } from '../triggers/index.js';

export const HONEYPOT = 'website';

export interface RateLimitOptions {
  /** Requests per client address and window; 0 turns the endpoint off (404). */
  limit: number;
  windowMs: number;
}

export interface IntakeForm {
  /** Below /api/public, e.g. `/leads`. */
  path: string;
  entity: string;
  /** The service account that creates the records. */
  account: string;
  /** What a visitor may send. */
  fields: readonly string[];
  /** Values the record gets unless the visitor gave them. */
  defaults?: Record<string, unknown>;
  /** Values the record always gets, whatever the visitor sent. */
  fixed?: Record<string, unknown>;
  /** The 429's detail, `{s}` standing for the seconds to wait. */
  tooMany: string;
}

export interface IntakeDeps {
  db: Db;
  store: ModelStore;
  engine: EngineClient;
  auth: AuthService;
}

/** The visitor's values: text fields trimmed, empty ones left out; anything not on the list refused naming it. */
function visitorValues(body: unknown, fields: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('validation-failed', 'request body must be an object', [{ path: '/', message: 'must be an object' }]);
  const allowed = new Set<string>([...fields, HONEYPOT]);
  const unknown = Object.keys(body).filter((k) => !allowed.has(k));
  if (unknown.length) throw new AppError('unknown-field', `unknown field ${unknown.join(', ')}`, unknown.map((k) => ({ path: `/${k}`, message: 'not a field of this form' })));
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    const v = (body as Record<string, unknown>)[f];
    const t = typeof v === 'string' ? v.trim() : v;
    if (t !== undefined && t !== null && t !== '') values[f] = t;
  }
  return values;
}

/** The router of the public forms (mounted at /api/public), each with its rate limit. */
export function publicIntakeRoutes(deps: IntakeDeps, forms: [IntakeForm, RateLimitOptions][]): Router {
  const r = Router();
  for (const [form, opts] of forms) addIntakeForm(r, deps, form, opts);
  return r;
}

/** Adds the form's endpoint to `r` (nothing when its limit is 0). */
function addIntakeForm(r: Router, deps: IntakeDeps, form: IntakeForm, opts: RateLimitOptions): void {
  if (opts.limit <= 0) return;
  let account: Promise<User> | undefined;
  const principal = () =>
    (account ??= deps.auth.ensureServiceAccount(form.account).catch((e: unknown) => {
      account = undefined;
      throw e;
    }));
  const limiter = rateLimit({
    windowMs: opts.windowMs,
    limit: opts.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next, options) => {
      const retryAfter = Math.ceil(options.windowMs / 1000);
      next(new AppError('too-many-requests', form.tooMany.replace('{s}', String(retryAfter)), undefined, { retryAfter }));
    },
  });
  r.post(form.path, limiter, express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const body: unknown = req.body;
    const values = visitorValues(body, form.fields);
    const trap = (body as Record<string, unknown>)[HONEYPOT];
    if (typeof trap === 'string' && trap.trim() !== '') {
      res.status(202).json({ received: true }); // the same answer a person gets, and nothing stored
      return;
    }
    const model = deps.store.current;
    const entity = model.entities[form.entity];
    if (!entity || entity.hidden) throw new AppError('not-found', `this CRM has no ${form.entity} records`);
    const user = await principal();
    const record = { ...form.defaults, ...values, ...form.fixed };
    await writeWithTriggers<{ id: string }>(
      deps.db,
      (q, rec) => fireTriggers(q, model, deps.engine, form.entity, 'create', [rec.id]),
      (q) => createRecord({ q, user, model }, entity, record, { allowDuplicates: true, ownerId: null }),
    );
    res.status(202).json({ received: true });
  });
}


