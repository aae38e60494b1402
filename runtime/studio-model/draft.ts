/**
 * The studio draft: one shared copy of the whole metadata package, based on a published version.
 * Every write names the revision it was made on; a write on an older revision is refused with 409
 * `version-conflict` (two analysts never overwrite each other silently). No row = no draft: the
 * draft then equals the newest published version (revision 0).
 */
import { documentsOf, type MetadataPackage } from '../../metadata/index.js';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import { sameJson } from '../publish/index.js';
import { eachDocument, type Documents } from './bundle.js';

export interface Draft {
  baseVersion: number;
  revision: number;
  documents: Documents;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface VersionRow {
  version: number;
  documents: Documents;
  publishedAt: string;
  publishedBy: string | null;
}

/** A published version's documents, in their authored key order when stored so (documents_text). */
export async function readVersion(q: Queryable, version?: number): Promise<VersionRow | null> {
  const rows = await q.query<{ version: number; documents: MetadataPackage; publishedAt: string; publishedBy: string | null }>(
    `select v.version, coalesce(v.documents_text, v.documents::json) as documents, v.published_at as "publishedAt", u.username as "publishedBy"
       from meta.metadata_version v left join sec.user u on u.id = v.published_by
      where ($1::int is null or v.version = $1) order by v.version desc limit 1`,
    [version ?? null],
  );
  return rows[0] ? { ...rows[0], documents: documentsOf(rows[0].documents) } : null;
}

export async function requireVersion(q: Queryable, version: number): Promise<VersionRow> {
  const row = Number.isInteger(version) && version > 0 ? await readVersion(q, version) : null;
  if (!row) throw new AppError('not-found', `no metadata version ${version}`, [{ path: 'version', message: 'no such version' }]);
  return row;
}

export async function readDraft(q: Queryable): Promise<Draft> {
  const rows = await q.query<{ baseVersion: number; revision: number; documents: MetadataPackage; updatedAt: string; updatedBy: string | null }>(
    `select d.base_version as "baseVersion", d.revision, d.documents, d.updated_at as "updatedAt", u.username as "updatedBy"
       from meta.studio_draft d left join sec.user u on u.id = d.updated_by`,
  );
  if (rows[0]) return { ...rows[0], documents: documentsOf(rows[0].documents) };
  const current = await readVersion(q);
  if (!current) throw new AppError('not-found', 'nothing is published yet');
  return { baseVersion: current.version, revision: 0, documents: current.documents, updatedAt: null, updatedBy: null };
}

const conflict = (current: number, expected: number) =>
  new AppError('version-conflict', `the draft was changed by someone else (revision ${current}, yours ${expected}): reload it`, [{ path: 'revision', message: `is ${current} now` }], { currentRevision: current });

/** Check the caller's revision against the stored one (409 when they differ). */
export async function assertRevision(q: Queryable, expected: number): Promise<Draft> {
  const draft = await readDraft(q);
  if (draft.revision !== expected) throw conflict(draft.revision, expected);
  return draft;
}

/** Store the documents as the draft's next revision, if `expected` is still the current one. */
export async function saveDraft(q: Queryable, expected: number, baseVersion: number, documents: Documents, userId: string): Promise<number> {
  const text = JSON.stringify(documents);
  const rows =
    expected === 0
      ? await q.query<{ revision: number }>(
          `insert into meta.studio_draft (base_version, revision, documents, updated_by) values ($1, 1, $2::json, $3)
           on conflict (id) do nothing returning revision`,
          [baseVersion, text, userId],
        )
      : await q.query<{ revision: number }>(
          `update meta.studio_draft set documents = $2::json, base_version = $3, revision = revision + 1, updated_at = now(), updated_by = $4
            where revision = $1 returning revision`,
          [expected, text, baseVersion, userId],
        );
  if (!rows[0]) throw conflict((await readDraft(q)).revision, expected);
  return rows[0].revision;
}

/** Drop the draft if it is still at `revision` (true), else leave it (false). */
export async function clearDraft(q: Queryable, revision: number): Promise<boolean> {
  const rows = await q.query('delete from meta.studio_draft where revision = $1 returning 1', [revision]);
  return rows.length > 0;
}

export type Change = 'added' | 'removed' | 'changed';

/** Which documents differ between two packages, by file. */
export function changedDocuments(from: Documents, to: Documents): { file: string; kind: string; name: string; change: Change }[] {
  const a = new Map(eachDocument(from).map((d) => [d.file, d]));
  const b = new Map(eachDocument(to).map((d) => [d.file, d]));
  const out: { file: string; kind: string; name: string; change: Change }[] = [];
  for (const [file, d] of b) {
    const before = a.get(file);
    if (!before) out.push({ file, kind: d.kind, name: d.name, change: 'added' });
    else if (!sameJson(before.doc, d.doc)) out.push({ file, kind: d.kind, name: d.name, change: 'changed' });
  }
  for (const [file, d] of a) if (!b.has(file)) out.push({ file, kind: d.kind, name: d.name, change: 'removed' });
  return out.sort((x, y) => (x.file < y.file ? -1 : 1));
}

/**
 * The draft moved onto a newer published version (three-way, per document): a document only the
 * draft changed keeps the draft's; one only the newer version changed takes that; one both
 * changed differently is a conflict (the draft cannot be published until it is resolved).
 */
export function rebase(base: Documents, draft: Documents, current: Documents): { documents: Documents; conflicts: string[] } {
  const index = (p: Documents) => new Map(eachDocument(p).map((d) => [d.file, d]));
  const [b, d, c] = [index(base), index(draft), index(current)];
  const out = documentsOf({});
  const conflicts: string[] = [];
  const files = [...new Set([...d.keys(), ...c.keys()])];
  for (const file of files) {
    const [bd, dd, cd] = [b.get(file)?.doc, d.get(file)?.doc, c.get(file)?.doc];
    const same = (x?: object, y?: object) => (x === undefined || y === undefined ? x === y : sameJson(x, y));
    let pick: object | undefined;
    if (same(dd, bd)) pick = cd;
    else if (same(cd, bd) || same(cd, dd)) pick = dd;
    else {
      conflicts.push(file);
      pick = dd;
    }
    const kind = (d.get(file) ?? c.get(file))!.kind;
    if (pick) (out[kind] as object[]).push(pick);
  }
  return { documents: out, conflicts };
}
