/**
 * Start-up against a given database: invalid metadata stops start with every error (file, JSON
 * path, message) and publishes nothing; unchanged files publish no new version on restart; /health
 * and /ready answer without a session.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTENER_APPLICATION_NAME } from '../../engine/index.js';
import { DEFAULT_METADATA_DIR } from '../../metadata/index.js';
import { loadConfig } from '../../runtime/config/index.js';
import { Db } from '../../runtime/db/db.js';
import { AppError } from '../../runtime/errors.js';
import { startServer } from '../../runtime/server.js';
import { freshDatabase, startTestServer } from '../support/harness.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-meta-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('invalid metadata stops start, naming every file and path, and publishes nothing', async () => {
  cpSync(DEFAULT_METADATA_DIR, join(dir, 'bad'), { recursive: true, filter: (src) => !src.includes('generated') });
  writeFileSync(join(dir, 'bad', 'entities', 'broken.json'), '{ "x-crm-entity": "broken", ');
  writeFileSync(
    join(dir, 'bad', 'views', 'ghost.json'),
    JSON.stringify({ 'x-crm-view': 'ghost', entity: 'nothing', label: { 'zh-CN': '幽灵', en: 'Ghost' }, columns: ['name'] }),
  );
  const url = await freshDatabase('badmeta');
  const config = loadConfig({}, { DATABASE_URL: url, PORT: 0, ADMIN_PASSWORD: 'admin-password', METADATA_DIR: join(dir, 'bad') });
  const err = await startServer(config).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const paths = (err as AppError).errors!.map((e) => e.path);
  expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/entities\/broken\.json#/), expect.stringMatching(/views\/ghost\.json#\/entity/)]));
  const db = await Db.connect(url);
  try {
    expect(await db.query('select * from meta.metadata_version')).toEqual([]);
    expect(await db.query(`select table_name from information_schema.tables where table_schema = 'crm'`)).toEqual([]);
  } finally {
    await db.close();
  }
});

test('a restart with unchanged metadata files publishes no new version; /health and /ready are open', async () => {
  const first = await startTestServer();
  const v = first.server.metadataVersion;
  await first.stop();
  const second = await startTestServer({ databaseUrl: first.databaseUrl, adminPassword: first.adminPassword });
  try {
    expect(second.server.metadataVersion).toBe(v);
    expect((await second.server.db.query('select count(*)::int as n from meta.metadata_version'))[0]).toEqual({ n: 1 });
    expect((await fetch(second.url + '/health')).status).toBe(200);
    const ready = await fetch(second.url + '/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', metadataVersion: v });
    // Engine wake-ups, metadata publishes, the inbox feed and credential changes: one LISTEN connection.
    const listeners = await second.server.db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where application_name = $1 and datname = current_database()`, [LISTENER_APPLICATION_NAME]);
    expect(listeners).toEqual([{ n: 1 }]);
  } finally {
    await second.stop();
  }
  // and it is closed with the server
  const db = await Db.connect(first.databaseUrl);
  try {
    expect(await db.query(`select count(*)::int as n from pg_stat_activity where application_name = $1 and datname = current_database()`, [LISTENER_APPLICATION_NAME])).toEqual([{ n: 0 }]);
  } finally {
    await db.close();
  }
});
