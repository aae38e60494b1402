/**
 * Attachment fields (kind `attachment`, docs/attachments.md): every id a write puts in one must
 * name a live attachment of the record being written — not another record's file, even one the
 * user may read. A record being created has no attachments yet, so a create may only leave such
 * fields empty: upload to the saved record, then choose. One query for all fields of all rows.
 */
import type { CompiledEntity, CompiledField } from '../../metadata/index.js';
import { ident, qualified, UUID } from '../db/sql.js';
import type { FieldError } from '../errors.js';
import { assertValid } from './validate.js';
import type { WriteContext } from './write.js';

const idsOf = (v: unknown): string[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

/** `rows[i]` is written to record `recordIds[i]` (null: a record being created). */
export async function assertAttachmentsOwn(ctx: WriteContext, entity: CompiledEntity, rows: Record<string, unknown>[], recordIds: (string | null)[], pathOf: (i: number) => string): Promise<void> {
  const fields = entity.fields.filter((f) => f.kind === 'attachment' && !f.hidden && rows.some((r) => idsOf(r[f.name]).length > 0));
  if (fields.length === 0) return;
  const own = await ownAttachments(ctx, entity, rows, recordIds, fields);
  const errors: FieldError[] = [];
  rows.forEach((r, i) => {
    for (const f of fields) {
      const ids = idsOf(r[f.name]);
      const bad = ids.findIndex((id) => !own.has(`${(recordIds[i] ?? '').toLowerCase()}:${id.toLowerCase()}`));
      if (bad < 0) continue;
      const at = Array.isArray(r[f.name]) ? `${pathOf(i)}/${f.name}/${bad}` : `${pathOf(i)}/${f.name}`;
      errors.push({ path: at, message: recordIds[i] ? `no such attachment of this ${entity.name}` : 'attachments are chosen once the record is saved: upload to it, then choose' });
    }
  });
  assertValid(errors);
}

/** `<recordId>:<attachmentId>` for the live attachments among the ids that belong to their record. */
async function ownAttachments(ctx: WriteContext, entity: CompiledEntity, rows: Record<string, unknown>[], recordIds: (string | null)[], fields: CompiledField[]): Promise<Set<string>> {
  const att = Object.hasOwn(ctx.model.entities, 'attachment') ? ctx.model.entities.attachment : undefined;
  const wanted = rows.flatMap((r, i) => (recordIds[i] ? fields.flatMap((f) => idsOf(r[f.name]).filter((id) => UUID.test(id))) : []));
  if (!att || wanted.length === 0) return new Set();
  const col = (name: string) => ident(att.fields.find((f) => f.name === name)!.column);
  const found = await ctx.q.query<{ record_id: string; id: string }>(
    `select ${col('recordId')}::text as record_id, id::text as id from ${qualified('crm', att.table)}
      where id = any($1::uuid[]) and deleted_at is null and ${col('recordEntity')} = $2 and ${col('recordId')}::text = any($3::text[])`,
    [wanted, entity.name, recordIds.filter((x): x is string => x !== null).map((x) => x.toLowerCase())],
  );
  return new Set(found.map((r) => `${r.record_id.toLowerCase()}:${r.id.toLowerCase()}`));
}
