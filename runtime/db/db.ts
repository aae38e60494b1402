/**
 * The data layer: MikroORM's PostgreSQL connection pool, used for raw SQL with real bind
 * parameters (`$1…`). `Db.tx` runs a callback in one transaction; the `Queryable` it hands out has
 * the same `query` as `Db`, so use cases take a `Queryable` and do not care whether they run inside
 * a larger transaction.
 *
 * Hot statements are prepared: PostgreSQL plans a statement anew on every call otherwise, and for
 * the engine's statements (data-modifying CTEs) planning costs several times the execution. A
 * statement with parameters is prepared on a connection once the process has run it a few times —
 * except statements on schema `crm`, whose tables a metadata publish may change under a cached plan.
 * Each connection keeps at most MAX_PREPARED of them (each holds a plan in its backend's memory).
 */
import { createHash } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pg, { type Pool, type PoolClient, type QueryConfig } from 'pg';

// Numbers as numbers, dates as 'YYYY-MM-DD' (never shifted by the server's time zone).
pg.types.setTypeParser(1700, (v) => (v === null ? null : Number(v))); // numeric
pg.types.setTypeParser(20, (v) => (v === null ? null : Number(v))); // int8
pg.types.setTypeParser(1082, (v) => v); // date

/** Runs before a statement is prepared (a one-off query costs a parse either way). */
const PREPARE_AFTER = 3;
/** Prepared statements per connection, at most. */
const MAX_PREPARED = 256;
/** Distinct statements counted, at most (the counts start over beyond it). */
const MAX_COUNTED = 10_000;

class Statements {
  private readonly runs = new Map<string, number>();
  /** Statement name by text once it is worth preparing; null: never prepared (schema crm). Saves hashing the text on every call. */
  private readonly names = new Map<string, string | null>();
  private readonly prepared = new WeakMap<PoolClient, Set<string>>();

  config(client: PoolClient, text: string, values: unknown[]): QueryConfig {
    if (values.length === 0) return { text, values };
    let name = this.names.get(text);
    if (name === undefined) {
      const runs = (this.runs.get(text) ?? 0) + 1;
      if (this.runs.size >= MAX_COUNTED) this.runs.clear();
      this.runs.set(text, runs);
      if (runs < PREPARE_AFTER) return { text, values };
      name = /\bcrm\./.test(text) ? null : 's' + createHash('sha1').update(text).digest('hex').slice(0, 30);
      if (this.names.size >= MAX_COUNTED) this.names.clear();
      this.names.set(text, name);
    }
    if (name === null) return { text, values };
    let mine = this.prepared.get(client);
    if (mine?.has(name)) return { name, text, values };
    if (!mine) this.prepared.set(client, (mine = new Set()));
    if (mine.size >= MAX_PREPARED) return { text, values };
    mine.add(name);
    return { name, text, values };
  }
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/** pg error with SQLSTATE code, as thrown by query(). */
export interface PgError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
}

function queryable(client: PoolClient, statements: Statements): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const res = await client.query(statements.config(client, sql, [...params]));
      return res.rows as R[];
    },
  };
}

export class Db implements Queryable {
  private readonly statements = new Statements();

  private constructor(
    readonly orm: MikroORM,
    private readonly pool: Pool,
    readonly url: string,
  ) {}

  static async connect(url: string, opts: { poolMax?: number } = {}): Promise<Db> {
    const orm = await MikroORM.init({
      clientUrl: url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      pool: { max: opts.poolMax ?? 10 },
      debug: false,
    });
    const pool = (await orm.em.getConnection().getNativeClient()) as Pool;
    return new Db(orm, pool, url);
  }

  /** One statement on a pooled connection (autocommit). */
  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const client = await this.pool.connect();
    try {
      return await queryable(client, this.statements).query<R>(sql, params);
    } finally {
      client.release();
    }
  }

  /** Run `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      try {
        const result = await fn(queryable(client, this.statements));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch((re: unknown) => {
          broken = re instanceof Error ? re : new Error(String(re));
        });
        throw e;
      }
    } finally {
      // A connection that could not even roll back is discarded, not reused.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
