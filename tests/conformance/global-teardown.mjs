import testTeardown from '../support/global-teardown.mjs';

export default async function globalTeardown() {
  await globalThis.__crmOperaton?.stop();
  await testTeardown();
}
