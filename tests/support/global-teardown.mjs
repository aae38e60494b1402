import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const pg = globalThis.__crmTestPg;
  if (!pg) return;
  await pg.stop();
  rmSync(pg.dataDir, { recursive: true, force: true });
}
