/**
 * Web-to-lead: the public form endpoint `POST /api/public/leads` (no sign-in) that a company web
 * site posts enquiries to (JSON or an HTML form's urlencoded body). Limited per client address
 * (express-rate-limit; WEB_LEAD_RATE_LIMIT per WEB_LEAD_RATE_WINDOW_S, 0 = endpoint off), only the
 * fields a visitor may fill, validated against the lead schema (400 naming each field), and a
 * honeypot field `website` that people never see: a bot filling it gets the same answer and
 * nothing is stored. The lead is created by the service account `web-to-lead` with no owner (it
 * starts in the pool) and source `internet` unless given; its triggers fire as for any create.
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

export const WEB_LEAD_ACCOUNT = 'web-to-lead';
/** What a visitor may send: the lead fields a contact form asks for. */
export const WEB_LEAD_FIELDS = ['company', 'contactName', 'title', 'phone', 'email', 'industry', 'region', 'source', 'notes'] as const;
const HONEYPOT = 'website';

export interface WebLeadOptions {
  /** Requests per client address and window; 0 turns the endpoint off (404). */
  limit: number;
  windowMs: number;
}

/** The visitor's values: text fields trimmed, empty ones left out; anything not on the list refused naming it. */
function visitorValues(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('validation-failed', 'request body must be an object', [{ path: '/', message: 'must be an object' }]);
  const allowed = new Set<string>([...WEB_LEAD_FIELDS, HONEYPOT]);
  const unknown = Object.keys(body).filter((k) => !allowed.has(k));
  if (unknown.length) throw new AppError('unknown-field', `unknown field ${unknown.join(', ')}`, unknown.map((k) => ({ path: `/${k}`, message: 'not a field of this form' })));
  const values: Record<string, unknown> = {};
  for (const f of WEB_LEAD_FIELDS) {
    const v = (body as Record<string, unknown>)[f];
    const t = typeof v === 'string' ? v.trim() : v;
    if (t !== undefined && t !== null && t !== '') values[f] = t;
  }
  return values;
}

export function webToLeadRoutes(db: Db, store: ModelStore, engine: EngineClient, auth: AuthService, opts: WebLeadOptions): Router {
  const r = Router();
  if (opts.limit <= 0) return r;
  let account: Promise<User> | undefined;
  const principal = () => (account ??= auth.ensureServiceAccount(WEB_LEAD_ACCOUNT).catch((e: unknown) => {
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
      next(new AppError('too-many-requests', `too many enquiries from your address; try again in ${retryAfter} s`, undefined, { retryAfter }));
    },
  });
  r.post('/leads', limiter, express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const body: unknown = req.body;
    const values = visitorValues(body);
    const trap = (body as Record<string, unknown>)[HONEYPOT];
    if (typeof trap === 'string' && trap.trim() !== '') {
      res.status(202).json({ received: true }); // the same answer a person gets, and nothing stored
      return;
    }
    const model = store.current;
    if (!model.entities.lead) throw new AppError('not-found', 'this CRM has no leads');
    const user = await principal();
    const lead = { source: 'internet', ...values };
    await writeWithTriggers<{ id: string }>(
      db,
      (q, rec) => fireTriggers(q, model, engine, 'lead', 'create', [rec.id]),
      (q) => createRecord({ q, user, model }, model.entities.lead, lead, { allowDuplicates: true, ownerId: null }),
    );
    res.status(202).json({ received: true });
  });
  return r;
}
