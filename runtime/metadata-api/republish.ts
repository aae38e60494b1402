/**
 * Publishing the newest documents with one change applied (one role, one sharing document, one
 * message or document template replaced): a new metadata version like any other publish, taken
 * live at once. The caller checks who may do it.
 */
import { documentsOf, type MetadataPackage } from '../../metadata/index.js';
import type { User } from '../auth/service.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
import { publishMetadata } from '../publish/index.js';

export async function republishLatest(db: Db, store: ModelStore, user: User, change: (docs: Required<MetadataPackage>) => void): Promise<{ version: number; changed: boolean }> {
  // documents_text keeps each document's key order (jsonb does not): the next version, and its export, keep it too.
  const [latest] = await db.query<{ documents: MetadataPackage }>('select coalesce(documents_text, documents::json) as documents from meta.metadata_version order by version desc limit 1');
  if (!latest) throw new AppError('not-found', 'nothing is published yet');
  const docs = documentsOf(latest.documents);
  change(docs);
  const result = await publishMetadata(db, docs, { publishedBy: user.id });
  if (result.changed) store.set(result.version, result.model);
  return { version: result.version, changed: result.changed };
}
