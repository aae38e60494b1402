/** migrateEngine: creates schema `engine` once, however many processes run it at the same time. */
import { migrateEngine } from '../../../engine/persistence/index.js';
import { freshDatabase } from '../../support/harness.js';
import { poolDb } from '../support.js';

test('given a fresh database, when three migrators run at once and then again, then each migration is applied exactly once', async () => {
  const db = poolDb(await freshDatabase('engmig'));
  try {
    const runs = await Promise.all([migrateEngine(db), migrateEngine(db), migrateEngine(db)]);
    expect(runs.flat()).toEqual(['0001-repository']);
    expect(await migrateEngine(db)).toEqual([]);
    const tables = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'engine' order by table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(['deployment', 'migration', 'process_definition', 'resource']);
  } finally {
    await db.close();
  }
});
