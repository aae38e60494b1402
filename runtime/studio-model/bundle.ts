/**
 * A metadata package as files, in the layout and formatting of the repository's metadata/ folder:
 * `<kind>/<name>.json`, 2-space JSON with a trailing newline, keys in the document's own order — so
 * an exported package copied over metadata/ changes in git exactly the documents that changed.
 */
import { DOCUMENT_KINDS, documentsOf, issueOf, NAME_KEYS, type MetadataIssue, type MetadataPackage } from '../../metadata/index.js';

export type DocKind = (typeof DOCUMENT_KINDS)[number];
export type Documents = Required<MetadataPackage>;


export interface PackageFile {
  path: string;
  text: string;
}

export const nameOfDocument = (kind: DocKind, doc: object): string => String((doc as Record<string, unknown>)[NAME_KEYS[kind]] ?? '');
export const fileOfDocument = (kind: DocKind, doc: object): string => `${kind}/${nameOfDocument(kind, doc)}.json`;
export const formatDocument = (doc: unknown): string => JSON.stringify(doc, null, 2) + '\n';

/** Every document of the package, kind by kind (metadata/'s folder order), by name within a kind. */
export function eachDocument(pkg: Documents): { kind: DocKind; name: string; file: string; doc: object }[] {
  return DOCUMENT_KINDS.flatMap((kind) =>
    (pkg[kind] as object[])
      .map((doc) => ({ kind, name: nameOfDocument(kind, doc), file: fileOfDocument(kind, doc), doc }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  );
}

export function packageFiles(pkg: Documents): PackageFile[] {
  return eachDocument(pkg).map((d) => ({ path: d.file, text: formatDocument(d.doc) }));
}

/**
 * Files → package. Problems (a path outside the layout, a file that is not a JSON object, a name
 * that is not its file's) are issues naming the file; `fileOf` names each document's file for
 * validatePackage.
 */
export function packageOfFiles(files: PackageFile[]): { pkg: Documents; issues: MetadataIssue[]; fileOf: (doc: object) => string | undefined } {
  const pkg = documentsOf({});
  const issues: MetadataIssue[] = [];
  const fileMap = new Map<object, string>();
  const seen = new Set<string>();
  for (const f of files) {
    const path = f.path.replace(/^\.?\/+/, '').replace(/^metadata\//, '');
    const m = /^([a-zA-Z]+)\/([^/]+)\.json$/.exec(path);
    const kind = m && (DOCUMENT_KINDS as readonly string[]).includes(m[1]) ? (m[1] as DocKind) : null;
    if (!m || !kind) {
      issues.push(issueOf(path, '', { code: 'not-metadata-file', params: { kinds: DOCUMENT_KINDS.join('|') } }));
      continue;
    }
    if (seen.has(path)) {
      issues.push(issueOf(path, '', { code: 'file-twice' }));
      continue;
    }
    seen.add(path);
    let doc: unknown;
    try {
      doc = JSON.parse(f.text);
    } catch (e) {
      issues.push(issueOf(path, '', { code: 'bad-json', params: { detail: (e as Error).message } }));
      continue;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      issues.push(issueOf(path, '', { code: 'not-object' }));
      continue;
    }
    const named = (doc as Record<string, unknown>)[NAME_KEYS[kind]];
    if (named !== undefined && named !== m[2]) issues.push(issueOf(path, '/' + NAME_KEYS[kind], { code: 'not-file-name', params: { name: m[2] } }));
    (pkg[kind] as object[]).push(doc);
    fileMap.set(doc, path);
  }
  return { pkg, issues, fileOf: (doc) => fileMap.get(doc) };
}
