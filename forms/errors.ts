import type { FormIssue } from './types.js';

/** A forms folder was refused: every issue names its file and the JSON Pointer inside it. */
export class FormsInvalidError extends Error {
  constructor(
    readonly dir: string,
    readonly issues: FormIssue[],
  ) {
    super(`forms in ${dir} are invalid (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n` + issues.map((i) => `  ${i.file}${i.path ? ' ' + i.path : ''}: ${i.message}`).join('\n'));
    this.name = 'FormsInvalidError';
  }
}
