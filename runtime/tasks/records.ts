/**
 * Tasks and their records: a process belongs to the entity of the trigger(s) that start it, and
 * runs for one record of it (business key = record id). Which of those records a user may read —
 * and so which tasks they may see at all — is the access builder's answer, in one statement per
 * entity.
 */
import type { CompiledModel } from '../../metadata/index.js';
import { accessPredicate } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { ident, Params, qualified, UUID } from '../db/sql.js';

/** The entity of the trigger(s) that start a process (runtime/triggers owns the rule). */
export { processEntity } from '../triggers/index.js';

/**
 * The records among `ids` of `entity` the user may read (deleted ones too: a process may outlive
 * its record), with their display value — `model` as the user sees it (a display field hidden from
 * their role shows the id).
 */
export async function readableRecords(q: Queryable, user: User, model: CompiledModel, entityName: string, ids: string[]): Promise<Map<string, string>> {
  const entity = model.entities[entityName];
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  if (!entity || wanted.length === 0) return new Map();
  const p = new Params();
  const display = entity.fields.find((f) => f.name === entity.displayField && !f.hidden);
  const where = [`t0.id = any(${p.add(wanted)}::uuid[])`];
  const access = accessPredicate(user, model, entityName, 'read').sql('t0', p);
  if (access) where.push(`(${access})`);
  const rows = await q.query<{ id: string; display: string | null }>(
    `select t0.id, ${display ? `t0.${ident(display.column)}::text` : 'null'} as display from ${qualified('crm', entity.table)} t0 where ${where.join(' and ')}`,
    p.values,
  );
  return new Map(rows.map((r) => [r.id, r.display ?? r.id]));
}
