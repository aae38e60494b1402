/**
 * `npm run test:conformance`: every scenario of tests/conformance on the embedded engine and on
 * Operaton (built and started by the global setup), failing on any difference, and the scale test
 * of tests/scale (two Operaton nodes, two worker processes). Separate from `npm test` because it
 * needs Java and Maven.
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/tests/conformance/**/*.conformance.ts', '<rootDir>/tests/scale/**/*.conformance.ts'],
  globalSetup: '<rootDir>/tests/conformance/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/conformance/global-teardown.mjs',
  testTimeout: 120000,
  maxWorkers: 1,
};
