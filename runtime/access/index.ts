/**
 * The access-predicate seam. Every read path (list, get, count, history, duplicate matches,
 * expansions) and every write path (which first reads the row it changes) asks this one builder
 * for the SQL condition that limits rows to what `user` may see or change.
 *
 * Today every authenticated user may do everything (no roles or sharing yet): the predicate is
 * "no restriction". The [security] issue replaces the body of `accessPredicate` with the compiled
 * sharing model; callers do not change.
 */
import type { Params } from '../db/sql.js';
import type { User } from '../auth/service.js';

export type AccessAction = 'read' | 'create' | 'update' | 'delete';

/** A row filter for one entity: SQL over the table alias, or null for "every row". */
export interface AccessScope {
  sql(alias: string, params: Params): string | null;
}

const UNRESTRICTED: AccessScope = { sql: () => null };

export function accessPredicate(_user: User, _entity: string, _action: AccessAction): AccessScope {
  return UNRESTRICTED;
}
