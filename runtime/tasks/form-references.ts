/**
 * The ids a task form's data refers to, checked on completion (forms/README.md, "Pickers"): a field
 * annotated `x-crm-lookup: {entity}` must name live records of that entity the user may read,
 * `x-crm-user` active people (no service accounts), `x-crm-attachment` attachments of the task's
 * record. The browser's pickers offer only such ids; the server decides. Each refused id is named by
 * its place in the request body (`/data/technician`, `/data/technicalDocuments/0`).
 */
import type { Form } from '../../forms/index.js';
import { modelFor } from '../access/index.js';
import { listAttachments } from '../attachments/attachments.js';
import type { User } from '../auth/service.js';
import type { Db } from '../db/db.js';
import { UUID } from '../db/sql.js';
import type { FieldError } from '../errors.js';
import { liveReadableIds } from '../records/write.js';
import type { CompiledModel } from '../../metadata/index.js';

/** The ids a field holds, each with its path: a string, or an array's string items. */
function idsOf(name: string, value: unknown): { path: string; id: string }[] {
  if (typeof value === 'string' && value !== '') return [{ path: `/data/${name}`, id: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => (typeof v === 'string' ? [{ path: `/data/${name}/${i}`, id: v }] : []));
  return [];
}

export interface ReferenceContext {
  db: Db;
  user: User;
  model: CompiledModel;
  /** The task's record, when its process runs for one. */
  record: { entity: string; id: string } | null;
}

/** The refusals of the data's references (none: every id is one the user may give). */
export async function referenceErrors(ctx: ReferenceContext, form: Form, data: Record<string, unknown>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const userModel = modelFor(ctx.user, ctx.model);
  for (const [name, prop] of Object.entries(form.schema.properties)) {
    const refs = idsOf(name, data[name]);
    if (refs.length === 0) continue;
    const lookup = prop['x-crm-lookup'] as { entity: string } | undefined;
    let known: Set<string>;
    let what: string;
    let params: Record<string, unknown>;
    if (lookup) {
      const target = userModel.entities[lookup.entity];
      if (!target) throw new Error(`form ${form.id}: ${name} looks up ${lookup.entity}, which is no published entity`);
      known = await liveReadableIds({ q: ctx.db, user: ctx.user, model: userModel }, target, refs.map((r) => r.id));
      what = `no ${lookup.entity} record you may read`;
      params = { kind: 'lookup', entity: lookup.entity };
    } else if (prop['x-crm-user']) {
      const ids = refs.map((r) => r.id).filter((id) => UUID.test(id));
      const rows = await ctx.db.query<{ id: string }>('select id from sec.user where id = any($1::uuid[]) and active and not is_service', [ids]);
      known = new Set(rows.map((r) => r.id));
      what = 'no active person';
      params = { kind: 'user' };
    } else if (prop['x-crm-attachment'] === true) {
      known = new Set(ctx.record ? (await listAttachments(ctx.db, ctx.model, ctx.user, ctx.record)).map((a) => a.id) : []);
      what = ctx.record ? `no attachment of this ${ctx.record.entity}` : 'this task has no record to attach to';
      params = { kind: 'attachment', ...(ctx.record ? { entity: ctx.record.entity } : {}) };
    } else continue;
    for (const r of refs) if (!known.has(r.id.toLowerCase())) errors.push({ path: r.path, message: what, code: 'no-reference', params });
  }
  return errors;
}
