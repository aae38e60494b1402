// Lint: typescript-eslint's recommended rules plus the architecture's import arrows
// (../shared/ARCHITECTURE.md): other folders import a top folder only through its index.ts, and
// engine/ knows nothing of CRM. A wrong import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TOP = ['engine', 'forms', 'processes', 'metadata', 'runtime', 'admin-ui'];

/** Patterns forbidding deep imports into every top folder but `self`, and whole folders in `banned`. */
function boundaries(self, banned = []) {
  const patterns = TOP.filter((t) => t !== self && !banned.includes(t)).map((t) => ({
    group: [`**/${t}/**`, `!**/${t}/index.js`],
    message: `import ${t}/ only through its index.ts (its public surface)`,
  }));
  for (const t of banned) patterns.push({ group: [`**/${t}/**`, `**/${t}/index.js`], message: `${self}/ must not depend on ${t}/ (see ARCHITECTURE.md)` });
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', 'metadata/generated/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  { files: ['engine/**/*.ts'], rules: boundaries('engine', ['metadata', 'forms', 'runtime', 'admin-ui', 'processes']) },
  { files: ['metadata/**/*.ts'], rules: boundaries('metadata', ['forms', 'runtime', 'admin-ui', 'engine', 'processes']) },
  { files: ['forms/**/*.ts'], rules: boundaries('forms', ['runtime', 'admin-ui', 'engine', 'processes']) },
  { files: ['runtime/**/*.ts'], rules: boundaries('runtime') },
  { files: ['processes/**/*.ts'], rules: boundaries('processes', ['runtime', 'metadata', 'forms', 'admin-ui']) },
  // `npm run workers` (its entry point only) reads the product's one configuration and logger;
  // the host and the worker modules stay free of runtime/.
  {
    files: ['processes/workers/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...boundaries('processes', ['runtime', 'metadata', 'forms', 'admin-ui'])['no-restricted-imports'][1].patterns.filter((p) => !p.group.includes('**/runtime/**')),
            { group: ['**/runtime/*', '!**/runtime/log.js', '!**/runtime/config', '**/runtime/config/*', '!**/runtime/config/index.js'], message: 'the workers process reads only runtime/config and runtime/log' },
          ],
        },
      ],
    },
  },
  { files: ['admin-ui/src/**/*.{ts,tsx}'], rules: boundaries('admin-ui', ['runtime', 'metadata', 'forms', 'engine', 'processes']) },
  { files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
