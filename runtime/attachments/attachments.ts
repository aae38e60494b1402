/**
 * Attachments (docs/attachments.md): files stored with a record. The `attachment` entity keeps the
 * metadata (name, type, size, sha256, the record it belongs to, description) through the ordinary
 * record write (validation, audit); `files.content` keeps the bytes, written in the same
 * transaction. Access follows the record the attachment belongs to — never the attachment's own:
 * listed and downloaded when the record is readable, added when it is editable (and the role may
 * update its entity); a record the user cannot see answers 404, as if it did not exist.
 */
import { createHash } from 'node:crypto';
import type { CompiledEntity, CompiledModel } from '../../metadata/index.js';
import { assertCan, assertRecordLevel, modelFor, type AccessLevel } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { Db, Queryable } from '../db/db.js';
import { ident, qualified, UUID } from '../db/sql.js';
import { AppError } from '../errors.js';
import { decodeRow } from '../records/query.js';
import { createRecord, type ApiRecord } from '../records/write.js';

export const ATTACHMENT_ENTITY = 'attachment';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** The compiled `attachment` entity (404 `unknown-entity` when the published model has none). */
function attachmentEntity(model: CompiledModel): CompiledEntity {
  const e = Object.hasOwn(model.entities, ATTACHMENT_ENTITY) ? model.entities[ATTACHMENT_ENTITY] : undefined;
  if (!e || e.hidden) throw new AppError('unknown-entity', `unknown entity: ${ATTACHMENT_ENTITY}`);
  return e;
}

const column = (e: CompiledEntity, field: string): string => ident(e.fields.find((f) => f.name === field)!.column);

/**
 * 404 unless the user may read the record; for `edit`, 403 unless they may also change it (edit
 * access and the role's update permission on its entity).
 */
export async function assertRecordAccess(q: Queryable, user: User, base: CompiledModel, entity: string, id: string, level: Exclude<AccessLevel, 'full'>): Promise<void> {
  const model = modelFor(user, base);
  if (!Object.hasOwn(model.entities, entity) || model.entities[entity].hidden) throw new AppError('not-found', `${entity} ${id} not found`);
  await assertRecordLevel(q, user, model, entity, id, 'read');
  if (level === 'edit') {
    assertCan(user, model, entity, 'update');
    await assertRecordLevel(q, user, model, entity, id, 'edit');
  }
}

/** Store a file with a record the user may edit; answers the new attachment record. */
export async function addAttachment(
  db: Db,
  model: CompiledModel,
  user: User,
  record: { entity: string; id: string },
  file: UploadedFile,
  fields: { name?: string; description?: string },
): Promise<ApiRecord> {
  const entity = attachmentEntity(model);
  return db.tx(async (q) => {
    await assertRecordAccess(q, user, model, record.entity, record.id, 'edit');
    const body = {
      name: fields.name ?? file.originalname,
      mimeType: file.mimetype || 'application/octet-stream',
      size: file.buffer.length,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      recordEntity: record.entity,
      recordId: record.id.toLowerCase(),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
    };
    // As the uploader (owner, audit), validated like any record; no role holds `attachment` itself.
    const created = await createRecord({ q, user, model }, entity, body, { allowDuplicates: true });
    await q.query('insert into files.content (attachment_id, bytes) values ($1, $2)', [created.id, file.buffer]);
    return created;
  });
}

/** The attachments of a record the user may read, newest first. */
export async function listAttachments(db: Db, model: CompiledModel, user: User, record: { entity: string; id: string }): Promise<ApiRecord[]> {
  const entity = attachmentEntity(model);
  await assertRecordAccess(db, user, model, record.entity, record.id, 'read');
  const rows = await db.query<Record<string, unknown>>(
    `select * from ${qualified('crm', entity.table)} where ${column(entity, 'recordEntity')} = $1 and ${column(entity, 'recordId')} = $2 and deleted_at is null order by created_at desc, id desc`,
    [record.entity, record.id.toLowerCase()],
  );
  return rows.map((row) => decodeRow(model, entity.name, row, {}) as ApiRecord);
}

/** One attachment's bytes, when the user may read the record it belongs to (404 otherwise). */
export async function attachmentContent(db: Db, model: CompiledModel, user: User, id: string): Promise<{ attachment: ApiRecord; bytes: Buffer }> {
  const entity = attachmentEntity(model);
  const notFound = () => new AppError('not-found', `attachment ${id} not found`);
  if (!UUID.test(id)) throw notFound();
  const [row] = await db.query<Record<string, unknown>>(`select * from ${qualified('crm', entity.table)} where id = $1 and deleted_at is null`, [id]);
  if (!row) throw notFound();
  const attachment = decodeRow(model, entity.name, row, {}) as ApiRecord & { recordEntity: string; recordId: string };
  try {
    await assertRecordAccess(db, user, model, attachment.recordEntity, attachment.recordId, 'read');
  } catch (e) {
    // Whether the attachment exists is as secret as its record.
    if (e instanceof AppError && e.code === 'not-found') throw notFound();
    throw e;
  }
  const [content] = await db.query<{ bytes: Buffer }>('select bytes from files.content where attachment_id = $1', [id]);
  if (!content) throw notFound();
  return { attachment, bytes: content.bytes };
}
