/**
 * Compiling an expression text once (cached by text) and evaluating it; the condition helper for
 * sequence flows and completion conditions.
 */
import type { Node, Template } from './ast.js';
import { LruCache } from './cache.js';
import { javaTrim, toStr } from './coerce.js';
import { EvaluationFailure, ExpressionError } from './errors.js';
import { Evaluator } from './evaluate.js';
import { parseTemplate } from './parser.js';
import type { Expression, ExpressionContext } from './types.js';
import { describe, typeName, unbox } from './values.js';

/** How many compiled texts are kept (the core compiles per evaluation; the cache makes that cheap). */
export const EXPRESSION_CACHE_SIZE = 5000;
const cache = new LruCache<string, Expression>(EXPRESSION_CACHE_SIZE);

/**
 * The compiled form of `source`: one `${…}`/`#{…}` (its value keeps its type), text mixed with
 * evaluations (a string), or plain text (a constant string). The text is taken as given — callers
 * trim where Camunda trims (conditions: see `evaluateCondition`).
 * Throws `ExpressionError` (`syntax` with the offset, or `method` for a function call).
 */
export function compileExpression(source: string): Expression {
  let expression = cache.get(source);
  if (expression === undefined) {
    expression = build(source, parseTemplate(source));
    cache.set(source, expression);
  }
  return expression;
}

function build(source: string, template: Template): Expression {
  const run = (ctx: ExpressionContext, fn: (e: Evaluator) => unknown): unknown => {
    try {
      return fn(new Evaluator(source, ctx));
    } catch (e) {
      if (e instanceof EvaluationFailure) throw new ExpressionError(e.code, source, e.reason, e.position);
      throw e;
    }
  };
  switch (template.kind) {
    case 'text': {
      const text = template.text;
      return Object.freeze({ source, isConstant: true, evaluate: () => text, evaluateTyped: () => text });
    }
    case 'eval': {
      const node = template.node;
      const evaluateTyped = (ctx: ExpressionContext) => run(ctx, (e) => e.evaluate(node));
      return Object.freeze({ source, isConstant: false, evaluate: (ctx: ExpressionContext) => unbox(evaluateTyped(ctx)), evaluateTyped });
    }
    case 'composite': {
      const parts = template.parts;
      const concat = (e: Evaluator): string => parts.map((p: string | Node) => (typeof p === 'string' ? p : toStr(e.evaluate(p)))).join('');
      const evaluate = (ctx: ExpressionContext) => run(ctx, concat);
      return Object.freeze({ source, isConstant: false, evaluate, evaluateTyped: evaluate });
    }
  }
}

/**
 * A condition (sequence flow, completion condition): the text trimmed as Camunda's BPMN parser
 * trims it, evaluated, and required to be a Boolean — Camunda's UelExpressionCondition.
 */
export function evaluateCondition(source: string, ctx: ExpressionContext): boolean {
  const text = javaTrim(source);
  const result = compileExpression(text).evaluate(ctx);
  if (typeof result === 'boolean') return result;
  const reason =
    result === null || result === undefined
      ? 'condition expression returns null'
      : `condition expression returns non-Boolean: ${describe(result)} (${typeName(result)})`;
  throw new ExpressionError('type', text, reason, undefined, reason);
}

/** Empties the compile cache (tests). */
export const clearExpressionCache = (): void => cache.clear();
