/**
 * OpenAPI paths of the lead endpoints (runtime/leads): conversion and the public web-to-lead form;
 * and of the customer portal's public service-request form (runtime/service/portal.ts).
 * Hand-written like openapi-static.ts, merged by openapi.ts when the model has leads / service requests.
 */
import { WEB_LEAD_FIELDS } from '../leads/web-to-lead.js';
import { PORTAL_FIELDS } from '../service/portal.js';
import { jsonBody, jsonResponse, paramRef, problemResponse, R401, responseRef, uuid, type Json } from './openapi-static.js';

const linked = { type: 'object', properties: { id: uuid, created: { type: 'boolean' } }, required: ['id', 'created'] };

export function leadPaths(): Json {
  return {
    '/records/lead/{id}/convert': {
      parameters: [paramRef('id')],
      post: {
        operationId: 'convertLead', tags: ['lead'],
        summary: 'Convert the lead in one transaction: an account (an existing one when the account duplicate rules match), a contact and an opportunity owned by the lead\'s owner, linked from the lead (status converted). Again on a converted lead: its links, nothing changed',
        requestBody: jsonBody({
          type: 'object',
          properties: {
            accountId: { ...uuid, description: 'Link this existing account' },
            account: { type: 'object', description: 'Values for a new account over those from the lead' },
            contact: { type: 'object', description: 'Values for the new contact over those from the lead' },
            opportunity: { anyOf: [{ type: 'object' }, { const: false }], description: 'Values for the new opportunity (name, amount, closeDate…), or false for none' },
          },
        }),
        responses: {
          200: jsonResponse('The lead and what it was converted into', {
            type: 'object',
            properties: { converted: { type: 'boolean' }, lead: { type: 'object' }, account: linked, contact: linked, opportunity: { anyOf: [linked, { type: 'null' }] } },
            required: ['converted', 'lead', 'account', 'contact', 'opportunity'],
          }),
          400: responseRef('BadRequest'), ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound'),
        },
      },
    },
    '/public/leads': {
      post: {
        operationId: 'webToLead', tags: ['lead'], security: [],
        summary: 'Web-to-lead: a visitor\'s enquiry from the company web site (no sign-in; JSON or form-urlencoded). Rate-limited per client address (WEB_LEAD_RATE_LIMIT per WEB_LEAD_RATE_WINDOW_S)',
        requestBody: intakeBody(WEB_LEAD_FIELDS, ['company', 'contactName']),
        responses: {
          202: jsonResponse('Received', { type: 'object', properties: { received: { const: true } } }),
          400: responseRef('BadRequest'),
          404: responseRef('NotFound'),
          429: problemResponse('Too many enquiries from this address; Retry-After says when to try again'),
        },
      },
    },
  };
}

/** A public intake form's request body: its fields as strings plus the honeypot. */
const intakeBody = (fields: readonly string[], required: string[]) =>
  jsonBody({
    type: 'object',
    properties: Object.fromEntries([...fields.map((f) => [f, { type: 'string' }]), ['website', { type: 'string', description: 'Honeypot: leave it out (a form hides it from people)' }]]),
    required,
  });

export function portalPaths(): Json {
  return {
    '/public/service-requests': {
      post: {
        operationId: 'portalServiceRequest', tags: ['serviceRequest'], security: [],
        summary: "Customer portal: a customer's service request (no sign-in; JSON or form-urlencoded; channel portal). Rate-limited per client address (PORTAL_RATE_LIMIT per PORTAL_RATE_WINDOW_S)",
        requestBody: intakeBody(PORTAL_FIELDS, ['subject']),
        responses: {
          202: jsonResponse('Received', { type: 'object', properties: { received: { const: true } } }),
          400: responseRef('BadRequest'),
          404: responseRef('NotFound'),
          429: problemResponse('Too many service requests from this address; Retry-After says when to try again'),
        },
      },
    },
  };
}
