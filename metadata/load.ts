/**
 * Reading a metadata folder: `entities/*.json`, `views/*.json`, `triggers/*.json`, `roles/*.json`,
 * `sharing/*.json`, `templates/*.json` (DOCUMENT_KINDS), each folder optional, files in name order. A file that is not JSON becomes an issue naming it; loading goes on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_KINDS, documentsOf, type MetadataIssue, type MetadataPackage } from './types.js';
import { issueOf } from './issue-texts/index.js';

export interface LoadedMetadata extends MetadataPackage {
  /** Document → its file, relative to the folder (`entities/account.json`). */
  files: Map<object, string>;
  /** Files that could not be read as JSON objects. */
  issues: MetadataIssue[];
  dir: string;
}

/** "Unexpected token } in JSON at position 12" → add line and column of that position. */
function describeJsonError(text: string, error: Error): string {
  const m = /position (\d+)/.exec(error.message);
  if (!m) return error.message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${error.message.replace(/\s*\(line \d+ column \d+\)$/, '')} (line ${line}, column ${column})`;
}

export function loadMetadataDir(dir: string): LoadedMetadata {
  const out: LoadedMetadata = { ...documentsOf({}), files: new Map(), issues: [], dir };
  for (const kind of DOCUMENT_KINDS) {
    const folder = join(dir, kind);
    if (!existsSync(folder)) continue;
    const names = readdirSync(folder).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const file = `${kind}/${name}`;
      const text = readFileSync(join(folder, name), 'utf8');
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        out.issues.push(issueOf(file, '', { code: 'bad-json', params: { detail: describeJsonError(text, e as Error) } }));
        continue;
      }
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
        out.issues.push(issueOf(file, '', { code: 'not-object' }));
        continue;
      }
      (out[kind] as object[] | undefined)?.push(doc);
      out.files.set(doc, file);
    }
  }
  return out;
}
