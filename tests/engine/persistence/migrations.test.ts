/** migrateEngine: creates schema `engine` once, however many processes run it at the same time. */
import { migrateEngine } from '../../../engine/persistence/index.js';
import { freshDatabase } from '../../support/harness.js';
import { poolDb } from '../support.js';

test('given a fresh database, when three migrators run at once and then again, then each migration is applied exactly once', async () => {
  const db = poolDb(await freshDatabase('engmig'));
  try {
    const runs = await Promise.all([migrateEngine(db), migrateEngine(db), migrateEngine(db)]);
    const applied = runs.flat();
    expect(new Set(applied).size).toBe(applied.length); // nothing twice
    expect(applied.slice(0, 2)).toEqual(['0001-repository', '0002-execution']);
    expect(runs.filter((r) => r.length > 0)).toHaveLength(1); // one migrator did all, the others waited and found nothing
    expect(await migrateEngine(db)).toEqual([]);
    const tables = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'engine' order by table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['deployment', 'migration', 'process_definition', 'resource', 'process_instance', 'task', 'external_task', 'job', 'event_subscription', 'incident']),
    );
    expect((await db.query<{ n: number }>('select count(*)::int as n from engine.migration'))[0].n).toBe(applied.length);
  } finally {
    await db.close();
  }
});
