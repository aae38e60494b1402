/**
 * The expression language: the JUEL subset Camunda 7 models use (`${…}`), compiled to a tree and
 * evaluated by a pure interpreter — never JavaScript `eval`/`Function`. Grammar and coercions:
 * engine/README.md, "Expressions".
 */
export { compileExpression, evaluateCondition, clearExpressionCache, EXPRESSION_CACHE_SIZE } from './compile.js';
export { ExpressionError, isExpressionError, type ExpressionErrorCode } from './errors.js';
export type { Expression, ExpressionContext } from './types.js';
export { JavaNumber } from './values.js';
export { commaSeparatedExpressions } from './comma-list.js';
