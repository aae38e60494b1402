/** What the core needs from outside, injected so it stays pure and tests stay deterministic. */

export interface VariableLookup {
  (name: string): { found: boolean; value?: unknown };
}

export interface CoreContext {
  /** A fresh unique id (instance, execution, activity instance suffix). */
  newId(): string;
  /** Evaluates a sequence flow's condition source (`${…}`) against the token's scope chain. */
  evaluateCondition(source: string, variables: VariableLookup): boolean;
}
