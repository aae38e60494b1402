/** One whitelisted method of a value kind: its parameter count and its body. */
export interface MethodSpec {
  readonly arity: number;
  call(base: never, args: unknown[]): unknown;
}

/** Builds a kind's method table. A Map, so a name like `constructor` can never hit a prototype. */
export const methods = <B>(entries: Record<string, { arity: number; call(base: B, args: unknown[]): unknown }>): ReadonlyMap<string, MethodSpec> =>
  new Map(Object.entries(entries));
