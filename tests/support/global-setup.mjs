/**
 * Starts one PostgreSQL for the whole jest run: the external one named by DATABASE_URL, else an
 * embedded one on a temp dir (fsync off). Test files create their own databases from it
 * (tests/support/harness.ts), so nothing is shared between files but the server.
 * Plain ESM (jest loads global setup outside its transform); TypeScript comes in through tsx.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = await tsImport('../../runtime/db/embedded.ts', import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'crm-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, fast: true });
  process.env.TEST_DATABASE_URL = pg.url;
  globalThis.__crmTestPg = pg;
}
