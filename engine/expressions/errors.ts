/**
 * The expression language's one error type. `message` is what Camunda 7 reports for the same
 * failure (its ProcessEngineException text), so the shell can pass it through unchanged: a 4xx on
 * the API call that evaluated the expression, or an incident on the job.
 */

export type ExpressionErrorCode =
  /** The text is no valid expression (JUEL's ELException at parse time). `position` is set. */
  | 'syntax'
  /** An identifier or property that cannot be resolved (JUEL's PropertyNotFoundException). */
  | 'unknown-property'
  /** A value that cannot be coerced to what an operator needs, or a non-Boolean condition. */
  | 'type'
  /** A method or function that does not exist (JUEL's MethodNotFoundException). */
  | 'method'
  /** A valid operation that failed at run time: `%` by zero, a list index out of bounds, a null argument. */
  | 'evaluation';

const PREFIX: Record<ExpressionErrorCode, (source: string) => string> = {
  syntax: (s) => `Error parsing '${s}': `,
  'unknown-property': (s) => `Unknown property used in expression: ${s}. Cause: `,
  method: (s) => `Unknown method used in expression: ${s}. Cause: `,
  type: (s) => `Error while evaluating expression: ${s}. Cause: `,
  evaluation: (s) => `Error while evaluating expression: ${s}. Cause: `,
};

export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    /** The expression text as given to `compileExpression`. */
    readonly source: string,
    /** The cause alone, without the expression text (JUEL's own message). */
    readonly reason: string,
    /** 0-based offset in `source` where the problem was found, when known. */
    readonly position?: number,
    message?: string,
  ) {
    super(message ?? PREFIX[code](source) + reason);
    this.name = 'ExpressionError';
  }
}

export const isExpressionError = (e: unknown): e is ExpressionError => e instanceof ExpressionError;

/**
 * Thrown by the evaluator's helpers, which do not know the expression text; `compile.ts` turns it
 * into an `ExpressionError` naming the source.
 */
export class EvaluationFailure extends Error {
  constructor(
    readonly code: Exclude<ExpressionErrorCode, 'syntax'>,
    readonly reason: string,
    public position?: number,
  ) {
    super(reason);
    this.name = 'EvaluationFailure';
  }
}

export const fail = (code: EvaluationFailure['code'], reason: string, position?: number): never => {
  throw new EvaluationFailure(code, reason, position);
};
