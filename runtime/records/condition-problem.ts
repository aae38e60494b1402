/**
 * What the records filter refuses in a condition stored in metadata (a criteria sharing rule's, a
 * trigger's): the static checks pass a value outside a field's enum or a comparison its type has
 * not, and every query using the condition would then fail — so publishing asks this first.
 */
import type { CompiledEntity, CompiledModel, IssueText } from '../../metadata/index.js';
import { Params } from '../db/sql.js';
import { AppError, isFieldErrorCode } from '../errors.js';
import { parseFilter } from './filter.js';
import { compileFilter } from './filter-sql.js';
import { Joins } from './query-model.js';

/**
 * The problem's path within the condition (`/and/1/value`; '' for the whole) and what is wrong —
 * the filter's code, or its English words as `condition-refused` — or null when it compiles.
 */
export function conditionProblem(model: CompiledModel, entity: CompiledEntity, condition: unknown): { path: string; text: IssueText } | null {
  try {
    compileFilter(parseFilter(condition), new Joins(model, entity), new Params());
    return null;
  } catch (e) {
    const detail = e instanceof AppError ? e.errors?.[0] : undefined;
    if (!detail) return { path: '', text: { code: 'condition-refused', params: { detail: (e as Error).message } } };
    const path = detail.path.replace(/^filter(?=\/|$)/, '');
    const coded = detail.code !== undefined && !isFieldErrorCode(detail.code);
    return { path, text: coded ? { code: detail.code as IssueText['code'], params: detail.params as IssueText['params'] } : { code: 'condition-refused', params: { detail: detail.message } } };
  }
}
