/** The JSON body of a request that must be an object (400 naming `/` otherwise). */
import type { Request } from 'express';
import { AppError } from '../errors.js';

export function jsonObjectBody(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new AppError('validation-failed', 'request body must be a JSON object', [{ path: '/', message: 'must be a JSON object' }]);
  return b as Record<string, unknown>;
}
