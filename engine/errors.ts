/**
 * The engine's one error type. It carries what Camunda 7's REST API answers with: the exception
 * class name (`type`), the HTTP status Camunda uses for it, and — for parse errors — the
 * per-resource `details`. Domain code (persistence, later the execution core) throws it; only the
 * REST edge (`rest/errors.ts`) turns it into a response. Nothing else decides statuses.
 */

/** Camunda's exception class names that the engine answers with. */
export type EngineErrorType =
  | 'InvalidRequestException' // REST-level: bad parameter, unknown id (with 404)
  | 'RestException' // REST-level: e.g. unknown key (404), unconvertible variable (400)
  | 'ParseException' // a deployment's BPMN could not be parsed or is outside the supported subset
  | 'JsonParseException' // a request body that is not JSON
  | 'NotFoundException' // no such REST resource (route)
  | 'ProcessEngineException' // the engine refuses a command (Camunda answers 500)
  | 'BadUserRequestException' // the engine refuses a command for the caller's input (400, code 0)
  | 'NullValueException' // a command named something that does not exist (Camunda's ensureNotNull: 500)
  | 'TaskAlreadyClaimedException'; // claiming a task someone else is assigned to (500)

/** One problem found in a resource, in Camunda's ParseException `details` shape. */
export interface ResourceProblem {
  message: string;
  line: number;
  column: number;
  mainElementId: string | null;
  elementIds: string[];
}

/** `details` of a ParseException: resource name → its errors and warnings. */
export type ParseDetails = Record<string, { errors: ResourceProblem[]; warnings: ResourceProblem[] }>;

export class EngineError extends Error {
  constructor(
    readonly type: EngineErrorType,
    readonly status: number,
    message: string,
    readonly details?: ParseDetails,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  /**
   * Camunda's `code` for a REST exception wrapping an engine exception (e.g. `Cannot complete task
   * x: …`, a RestException with the cause's code 0); undefined = decided by `type`.
   */
  engineCode?: number;
}

/** A REST-level error (`type` RestException/InvalidRequestException) that wraps an engine exception, as Camunda answers it. */
export function wrapping(cause: unknown, type: EngineErrorType, status: number, prefix: string): EngineError {
  const e = new EngineError(type, status, `${prefix}: ${cause instanceof Error ? cause.message : String(cause)}`);
  e.engineCode = 0;
  return e;
}

export const isEngineError = (e: unknown): e is EngineError => e instanceof EngineError;

/** A bad request parameter or body (Camunda: InvalidRequestException, 400). */
export const invalidRequest = (message: string): EngineError => new EngineError('InvalidRequestException', 400, message);

/** An unknown id (Camunda: InvalidRequestException with 404 — what most "get by id" endpoints answer). */
export const notFound = (message: string): EngineError => new EngineError('InvalidRequestException', 404, message);
