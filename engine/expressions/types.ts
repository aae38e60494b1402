/** The public contract between the expression language and the execution core. */

/** What an expression can see while it is evaluated. */
export interface ExpressionContext {
  /** A variable visible from the executing scope (local first, then parents), or `found: false`. */
  variable(name: string): { found: boolean; value?: unknown };
  /** The process instance's business key (`execution.processBusinessKey`). */
  businessKey?: string | null;
  /**
   * Other `execution.*` members (processInstanceId, activityId, …) as plain data: read as
   * `execution.x` or through the getter `execution.getX()`. Functions here are never called.
   */
  execution?: Record<string, unknown>;
}

/** A compiled expression text; immutable and shared (compiled once per source text). */
export interface Expression {
  readonly source: string;
  /** No `${…}`/`#{…}` in the text: `evaluate` always returns the same string. */
  readonly isConstant: boolean;
  /** The value (any JSON value, or a string for composite text); throws `ExpressionError`. */
  evaluate(ctx: ExpressionContext): unknown;
  /**
   * As `evaluate`, but a number whose Java type a JS number cannot carry comes as a `JavaNumber`
   * (an Integer or Short, an integral Double) — for storing the result as a typed variable.
   */
  evaluateTyped(ctx: ExpressionContext): unknown;
}
