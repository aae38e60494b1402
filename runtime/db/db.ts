/**
 * The data layer: MikroORM's PostgreSQL connection, used for raw SQL with real bind parameters
 * (`$1…`) through its Kysely client. `Db.tx` runs a callback in one transaction; the `Queryable`
 * it hands out has the same `query` as `Db`, so use cases take a `Queryable` and do not care
 * whether they run inside a larger transaction.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';

// Numbers as numbers, dates as 'YYYY-MM-DD' (never shifted by the server's time zone).
pg.types.setTypeParser(1700, (v) => (v === null ? null : Number(v))); // numeric
pg.types.setTypeParser(20, (v) => (v === null ? null : Number(v))); // int8
pg.types.setTypeParser(1082, (v) => v); // date

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/** pg error with SQLSTATE code, as thrown by query(). */
export interface PgError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
}

type Client = Kysely<unknown> | Transaction<unknown>;

function queryable(client: Client): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const res = await client.executeQuery<R>(CompiledQuery.raw(sql, [...params]));
      return res.rows as R[];
    },
  };
}

export class Db implements Queryable {
  private constructor(
    readonly orm: MikroORM,
    private readonly client: Kysely<unknown>,
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
    const client = orm.em.getConnection().getClient() as Kysely<unknown>;
    return new Db(orm, client, url);
  }

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return queryable(this.client).query<R>(sql, params);
  }

  /** Run `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.client.transaction().execute((trx) => fn(queryable(trx)));
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
