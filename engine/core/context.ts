/** What the core needs from outside, injected so it stays pure and tests stay deterministic. */

/** A variable visible from a token's scope chain, in the shell's stored form. */
export interface VariableLookup {
  (name: string): { found: boolean; value?: unknown };
}

/** What an expression may read besides variables (`execution.processBusinessKey`, `execution.getActivityId()`, …). */
export interface EvaluationInfo {
  processInstanceId: string;
  processDefinitionId: string;
  businessKey: string | null;
  executionId: string;
  activityId: string | null;
}

export interface CoreContext {
  /** A fresh unique id (instance, execution, activity instance suffix). */
  newId(): string;
  /** Evaluates a sequence flow's (or completion) condition source (`${…}`) against the token's scope chain. */
  evaluateCondition(source: string, variables: VariableLookup, info?: EvaluationInfo): boolean;
  /**
   * Evaluates an expression or constant text (user task attributes, topics, timers, message
   * names, input/output parameters, multi-instance collection/cardinality, call activity
   * mappings); returns the raw JSON value. Throws the expression's error (the command fails).
   */
  evaluate(source: string, variables: VariableLookup, info: EvaluationInfo): unknown;
  /**
   * An expression's result in the stored form, typed as Camunda types it (input/output parameters,
   * call activity sourceExpression): a bare `${name}` keeps the variable's stored value and type;
   * any other result is typed like a JUEL value (integers are Long, as JUEL's number literals and
   * arithmetic are).
   */
  evaluateToVariable(source: string, variables: VariableLookup, info: EvaluationInfo): unknown;
  /**
   * A value the engine itself produces (loopCounter, nrOf*, collection element, error code) → the
   * stored variable form. `javaCollection`: a camunda:list / camunda:map parameter value, which
   * Camunda stores as an Object variable (a java.util.ArrayList / java.util.TreeMap).
   */
  toVariable(raw: unknown, javaCollection?: boolean): unknown;
}
