import type { MetadataIssue } from './types.js';

/**
 * A metadata package was refused. Code `metadata-invalid` is the runtime catalogue's code
 * (runtime/errors.ts → 422); the HTTP edge maps `issues` to the problem's `errors`.
 */
export class MetadataInvalidError extends Error {
  readonly code = 'metadata-invalid' as const;
  constructor(readonly issues: MetadataIssue[]) {
    super(
      `metadata invalid (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  ${i.file}${i.path ? ' ' + i.path : ''}: ${i.message}`).join('\n'),
    );
    this.name = 'MetadataInvalidError';
  }
}
