/**
 * The runtime's one error catalogue. Domain code throws `AppError` with a stable code; the HTTP
 * edge (runtime/http/problem.ts) maps it to RFC 9457 problem+json. Nothing else decides statuses.
 */
import type { IssueCode, MetadataIssue } from '../metadata/index.js';
export interface FieldError {
  /** JSON Pointer-ish path of the offending input, e.g. `/name`, `filter/and/0/op`, `sort/0/field`. */
  path: string;
  /** In English, for people reading the API. */
  message: string;
  /**
   * What is wrong, stable for programs (a UI says it in its own language from it and `params`); see
   * FIELD_ERROR_CODES. Or a code of the issue catalogue (metadata/issue-texts/): the HTTP edge then
   * says `message` in the request's language (runtime/http/language.ts).
   */
  code?: FieldErrorCode | IssueCode;
  params?: Record<string, unknown>;
}

/**
 * The coded errors of record writes, with their `params`:
 * - `transition-not-allowed` {entity, field, from, to, allowed[]}: a state machine refuses the move
 * - `stale-version` {entity, expected, current}: the record changed since the client read it
 * - `field-forbidden` {entity, field}: the user's role may not change the field
 * - `required` {entity, field}: the field has no value
 * - `unique` {entity, field}: another record has the value
 * - `invalid-value` {keyword, …ajv's params; entity for records}: the entity's or the task form's JSON
 *   Schema refuses the value (runtime/records/validate.ts, forms/data.ts); a territory's region or
 *   industry no territory rule's enum field holds (`enum`, runtime/org/territory-values.ts)
 * and of task completions:
 * - `no-reference` {kind: lookup|user|attachment, entity?}: a picked id names nothing the user may pick
 * and of the administration's creates:
 * - `taken` {value}: a user, org unit, role or document template with this key exists already
 */
export const FIELD_ERROR_CODES = ['transition-not-allowed', 'stale-version', 'field-forbidden', 'required', 'unique', 'invalid-value', 'no-reference', 'taken'] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
export const isFieldErrorCode = (code: unknown): code is FieldErrorCode => (FIELD_ERROR_CODES as readonly unknown[]).includes(code);

export const ERROR_CODES = {
  'bad-request': 400,
  'validation-failed': 400,
  'bad-filter': 400,
  'unknown-field': 400,
  unauthenticated: 401,
  forbidden: 403,
  'field-forbidden': 403,
  'csrf-failed': 403,
  'task-forbidden': 403,
  'not-found': 404,
  'unknown-entity': 404,
  'version-conflict': 409,
  duplicate: 409,
  'unique-violation': 409,
  'in-use': 409,
  'task-claimed': 409,
  'metadata-invalid': 422,
  'unsafe-change': 422,
  'migration-failed': 422,
  'process-trigger-failed': 422,
  'payload-too-large': 413,
  'too-many-requests': 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  /** Extra members for the problem document (e.g. `duplicates`, `currentVersion`). */
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, errors?: FieldError[], extra?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.errors = errors;
    this.extra = extra;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** A metadata issue as a problem's field error: `<file>#<JSON path>` and its message. */
export const issueFieldError = (i: MetadataIssue): FieldError => ({ path: `${i.file}#${i.path}`, message: i.message });

/**
 * Metadata refused (422 `metadata-invalid`): its issues as the problem's `errors` and, with their
 * codes, file and document, as `issues` (the HTTP edge words both in the request's language).
 */
export const metadataInvalid = (message: string, issues: readonly MetadataIssue[]): AppError => new AppError('metadata-invalid', message, issues.map(issueFieldError), { issues });
