/**
 * Web-to-lead: the public form endpoint `POST /api/public/leads` (no sign-in) that a company web
 * site posts enquiries to — a public intake form (runtime/public/intake.ts: JSON or urlencoded,
 * per-address rate limit WEB_LEAD_RATE_LIMIT per WEB_LEAD_RATE_WINDOW_S (0 = endpoint off), only
 * the fields below, honeypot `website`). The lead is created by the service account `web-to-lead`
 * with no owner (it starts in the pool) and source `internet` unless given; its triggers fire as
 * for any create.
 */
import type { IntakeForm, RateLimitOptions } from '../public/intake.js';

export const WEB_LEAD_ACCOUNT = 'web-to-lead';
/** What a visitor may send: the lead fields a contact form asks for. */
export const WEB_LEAD_FIELDS = ['company', 'contactName', 'title', 'phone', 'email', 'industry', 'region', 'source', 'notes'] as const;

export type WebLeadOptions = RateLimitOptions;

export const WEB_LEAD_FORM: IntakeForm = {
  path: '/leads',
  entity: 'lead',
  account: WEB_LEAD_ACCOUNT,
  fields: WEB_LEAD_FIELDS,
  defaults: { source: 'internet' },
  tooMany: 'too many enquiries from your address; try again in {s} s',
};
