/**
 * The customer portal's service requests: `POST /api/public/service-requests` (no sign-in), a
 * public intake form (runtime/public/intake.ts: JSON or urlencoded, per-address rate limit
 * PORTAL_RATE_LIMIT per PORTAL_RATE_WINDOW_S (0 = endpoint off), only the fields below, honeypot
 * `website`). The request is created by the service account `service-portal` with no owner and
 * channel `portal`, whatever was sent; its trigger starts service-dispatch as for any create.
 */
import type { IntakeForm } from '../public/intake.js';

export const PORTAL_ACCOUNT = 'service-portal';
/** What a customer may send: what the portal's "report a problem" form asks for. */
export const PORTAL_FIELDS = ['subject', 'description', 'contactName', 'contactEmail', 'contactPhone'] as const;

export const PORTAL_FORM: IntakeForm = {
  path: '/service-requests',
  entity: 'serviceRequest',
  account: PORTAL_ACCOUNT,
  fields: PORTAL_FIELDS,
  fixed: { channel: 'portal' },
  tooMany: 'too many service requests from your address; try again in {s} s',
};
