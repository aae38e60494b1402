/**
 * What the engine needs of a database: parameterised queries and transactions. The runtime hands
 * in its own (MikroORM-backed) implementation; the engine never imports runtime code.
 */
/** Row values come back as the driver decodes them: timestamps as `Date` or as text, both accepted. */
export interface EngineQueryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface EngineDb extends EngineQueryable {
  /** Run `fn` in one transaction: commit when it resolves, roll back when it throws. */
  tx<T>(fn: (q: EngineQueryable) => Promise<T>): Promise<T>;
}
