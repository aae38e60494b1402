/** A JSON request body that must be an object: absent → `{}`, anything else but an object → 400. */
import { invalidRequest } from '../errors.js';

export function bodyObject(body: unknown, context?: string): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidRequest(`${context ? `${context}: ` : ''}The request body must be a JSON object.`);
  return body as Record<string, unknown>;
}
