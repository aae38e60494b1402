/**
 * Building SQL safely: identifiers are quoted by `ident`, values always go through `Params` as
 * `$n` bind parameters. No value is ever concatenated into SQL text.
 */
const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** A uuid as PostgreSQL prints or accepts it: ids from requests are checked before they reach SQL. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Quote an identifier that comes from validated metadata (snake_case names only). */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** `schema.table` quoted. */
export function qualified(schema: string, table: string): string {
  return `${ident(schema)}.${ident(table)}`;
}

/** Collects bind parameters while a statement is built; `add` returns the placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A piece of SQL with the parameters it already added to a shared `Params`. */
export interface SqlFragment {
  sql: string;
}
