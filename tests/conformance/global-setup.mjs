/**
 * The conformance run's PostgreSQL (as for every test run) plus Operaton on its own database of
 * that server, built when stale and started once; OPERATON_URL tells the scenarios where it is.
 */
import { createServer } from 'node:net';
import { tsImport } from 'tsx/esm/api';
import testSetup from '../support/global-setup.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  await testSetup();
  // Attach to an Operaton someone already runs (e.g. `npm run operaton`, job executor off): faster
  // when iterating on scenarios; business keys are prefixed per run, so runs do not collide.
  if (process.env.CONFORMANCE_OPERATON_URL) {
    process.env.OPERATON_URL = process.env.CONFORMANCE_OPERATON_URL;
    return;
  }
  const { ensureDatabase } = await tsImport('../../runtime/db/embedded.ts', import.meta.url);
  const { buildOperatonIfStale, hasTool, startOperaton } = await tsImport('../../runtime/operaton/launch.ts', import.meta.url);
  if (!hasTool('java', ['-version']) || !hasTool('mvn', ['-v'])) throw new Error('the conformance suite needs Java 17+ and Maven (Operaton)');
  buildOperatonIfStale((line) => console.log(`[conformance] ${line}`));
  const url = await ensureDatabase(process.env.TEST_DATABASE_URL, `conformance_operaton_${Date.now()}`);
  const operaton = await startOperaton({ databaseUrl: url, host: '127.0.0.1', port: await freePort(), adminPassword: 'conformance-admin', output: 'ignore', jobExecution: false });
  process.env.OPERATON_URL = `${operaton.base}/engine-rest`;
  globalThis.__crmOperaton = operaton;
}
