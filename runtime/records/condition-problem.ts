/**
 * What the records filter refuses in a condition stored in metadata (a criteria sharing rule's, a
 * trigger's): the static checks pass a value outside a field's enum or a comparison its type has
 * not, and every query using the condition would then fail — so publishing asks this first.
 */
import type { CompiledEntity, CompiledModel } from '../../metadata/index.js';
import { Params } from '../db/sql.js';
import { AppError } from '../errors.js';
import { parseFilter } from './filter.js';
import { compileFilter } from './filter-sql.js';
import { Joins } from './query-model.js';

/** The problem's path within the condition (`/and/1/value`; '' for the whole) and its message; null when it compiles. */
export function conditionProblem(model: CompiledModel, entity: CompiledEntity, condition: unknown): { path: string; message: string } | null {
  try {
    compileFilter(parseFilter(condition), new Joins(model, entity), new Params());
    return null;
  } catch (e) {
    const detail = e instanceof AppError ? e.errors?.[0] : undefined;
    return detail ? { path: detail.path.replace(/^filter(?=\/|$)/, ''), message: detail.message } : { path: '', message: (e as Error).message };
  }
}
