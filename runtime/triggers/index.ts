/**
 * Triggers (metadata/triggers): record events that start a process or correlate a message, with
 * the record id as business key. They fire inside the record write's transaction, through the
 * EngineClient: on the embedded engine the record change and the engine change commit together (a
 * start the engine refuses rolls the write back, 422 naming the trigger); on a remote engine the
 * command is written to the outbox in that transaction and delivered after commit, exactly once.
 *
 * A trigger's condition (filter language, lookup paths allowed) and its variables (record field or
 * lookup path → process variable; or a constant, a setting such as a threshold or a duration) are read in ONE statement per trigger for all the written
 * records (a bulk write too), after the change.
 *
 * A trigger that `fires: "on-becoming-true"` fires only for records that come to meet its
 * condition: meta.trigger_state remembers, per trigger and record, whether it held at the last
 * write, and the row turned true in this transaction is what fires (its lock makes two concurrent
 * writes of one record fire once). A record written before the trigger existed counts as not
 * meeting it. A record's rows go when it is deleted (after its delete triggers fired, in the delete's
 * transaction) and are recomputed, firing nothing, when it is restored.
 */
import { EngineError, inEngineTransaction, type EngineClient, type EngineCommand, type EngineVariables, type Submitted } from '../../engine/index.js';
import { issueOf, type CompiledModel, type MetadataIssue, type TriggerDocument } from '../../metadata/index.js';
import type { Db, Queryable } from '../db/db.js';
import { ident, Params } from '../db/sql.js';
import { AppError } from '../errors.js';
import { parseFilter } from '../records/filter.js';
import { compileFilter } from '../records/filter-sql.js';
import { Joins, ROOT_ALIAS } from '../records/query-model.js';
import { conditionProblem } from '../records/condition-problem.js';

export { triggerEngineIssues, type TriggerEngineIssue } from './deployed.js';

export type RecordEvent = 'create' | 'update' | 'delete';

/**
 * The entity a process belongs to: that of the trigger(s) starting it (its business key is a record
 * of that entity); null when no trigger of a known entity starts it.
 */
export function processEntity(model: CompiledModel, processKey: string): string | null {
  const t = model.triggers.find((t) => t.action.type === 'start-process' && t.action.processKey === processKey && Object.hasOwn(model.entities, t.entity));
  return t?.entity ?? null;
}

export function triggersFor(model: CompiledModel, entity: string, event: RecordEvent): TriggerDocument[] {
  return model.triggers.filter((t) => t.enabled !== false && t.entity === entity && t.on.includes(event));
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** A column value → a Camunda-typed variable both engines take (no Json: Operaton lacks Spin). */
export function toEngineVariable(v: unknown): EngineVariables[string] {
  if (v === null || v === undefined) return { value: null, type: 'Null' };
  if (typeof v === 'boolean') return { value: v, type: 'Boolean' };
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { value: v, type: 'Double' };
    return { value: v, type: v >= INT_MIN && v <= INT_MAX ? 'Integer' : 'Long' };
  }
  if (v instanceof Date) return { value: v.toISOString().replace('Z', '+0000'), type: 'Date' };
  if (typeof v === 'string') return { value: v, type: 'String' };
  return { value: JSON.stringify(v), type: 'String' };
}

/**
 * Conditions the records filter refuses (a value not among a field's enum values, a comparison the
 * field's type has not): the static checks pass them, but each write of the entity would then be
 * refused. Issues at the condition's own path, as the triggers editor shows them.
 */
export function triggerConditionIssues(model: CompiledModel): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  for (const t of model.triggers) {
    const entity = model.entities[t.entity];
    if (!entity || t.condition === undefined) continue;
    const problem = conditionProblem(model, entity, t.condition);
    if (problem) issues.push(issueOf(`triggers/${t['x-crm-trigger']}.json`, `/condition${problem.path}`, problem.text));
  }
  return issues;
}

/** The trigger's commands for those of `recordIds` its condition holds for, in the order given. */
async function commandsFor(q: Queryable, model: CompiledModel, t: TriggerDocument, recordIds: readonly string[]): Promise<{ recordId: string; command: EngineCommand }[]> {
  const entity = model.entities[t.entity];
  const joins = new Joins(model, entity);
  const params = new Params();
  const entries = Object.entries(t.action.variables ?? {});
  const mapping = entries.filter((e): e is [string, string] => typeof e[1] === 'string');
  const constants: EngineVariables = Object.fromEntries(entries.flatMap(([name, v]) => (typeof v === 'string' ? [] : [[name, toEngineVariable(v.value)]])));
  const select = mapping.map(([, path], i) => `${joins.resolve(path, `trigger ${t['x-crm-trigger']}/action/variables`).expr} as ${ident(`v${i}`)}`);
  const ids = params.add([...recordIds]);
  const where = [`${ROOT_ALIAS}."id" = any(${ids}::uuid[])`];
  if (t.condition !== undefined) where.push(compileFilter(parseFilter(t.condition), joins, params, `trigger ${t['x-crm-trigger']}/condition`));
  const rows = await q.query<Record<string, unknown> & { id: string }>(
    `select ${[`${ROOT_ALIAS}."id" as id`, ...select].join(', ')} ${joins.from()} where ${where.join(' and ')} order by array_position(${ids}::uuid[], ${ROOT_ALIAS}."id")`,
    params.values,
  );
  return rows.map((row) => {
    const variables: EngineVariables = { ...constants, ...Object.fromEntries(mapping.map(([name], i) => [name, toEngineVariable(row[`v${i}`])])) };
    const command: EngineCommand =
      t.action.type === 'start-process'
        ? { type: 'start', processKey: t.action.processKey, businessKey: row.id, variables }
        : { type: 'correlate', messageName: t.action.messageName, businessKey: row.id, processVariables: variables };
    return { recordId: row.id, command };
  });
}

/**
 * Of the records a trigger's condition now holds for, those it did not hold for at their last write
 * (none recorded: did not); remembers the new state of all of `recordIds`.
 */
async function becameTrue(q: Queryable, trigger: string, recordIds: readonly string[], holding: readonly string[]): Promise<Set<string>> {
  const holds = new Set(holding);
  const notHolding = recordIds.filter((id) => !holds.has(id));
  if (notHolding.length) await q.query('update meta.trigger_state set holds = false where trigger = $1 and record_id = any($2::uuid[]) and holds', [trigger, notHolding]);
  if (!holding.length) return new Set();
  const turned = await q.query<{ id: string }>(
    `insert into meta.trigger_state as s (trigger, record_id, holds) select $1, unnest($2::uuid[]), true
       on conflict (trigger, record_id) do update set holds = true where s.holds = false
       returning s.record_id as id`,
    [trigger, [...holds]],
  );
  return new Set(turned.map((r) => r.id));
}

/** The records' on-becoming-true states: deleted records keep none (every trigger's, those of triggers since removed too). */
async function forgetState(q: Queryable, recordIds: readonly string[]): Promise<void> {
  // By record alone (ix_trigger_state_record), so rows of triggers since removed go too.
  await q.query('delete from meta.trigger_state where record_id = any($1::uuid[])', [recordIds]);
}

/**
 * A restored record's on-becoming-true states as of its restore, firing nothing: a condition that
 * holds counts as having held, so the record's next write does not start again what it started
 * before it was deleted.
 */
export async function rememberTriggerState(q: Queryable, model: CompiledModel, entity: string, recordIds: readonly string[]): Promise<void> {
  for (const t of model.triggers) {
    if (t.enabled === false || t.entity !== entity || t.fires !== 'on-becoming-true') continue;
    const holding = await commandsFor(q, model, t, recordIds);
    await becameTrue(q, t['x-crm-trigger'], recordIds, holding.map((c) => c.recordId));
  }
}

/**
 * Fire the entity's triggers for `event` on each record, in the caller's transaction `q`. A delete
 * then forgets the records' on-becoming-true states (call it for every delete, with or without
 * triggers).
 */
export async function fireTriggers(
  q: Queryable,
  model: CompiledModel,
  engine: EngineClient,
  entity: string,
  event: RecordEvent,
  recordIds: readonly string[],
): Promise<Submitted[]> {
  const submitted: Submitted[] = [];
  for (const t of triggersFor(model, entity, event)) {
    if (recordIds.length === 0) continue;
    let commands = await commandsFor(q, model, t, recordIds);
    if (t.fires === 'on-becoming-true') {
      const turned = await becameTrue(q, t['x-crm-trigger'], recordIds, commands.map((c) => c.recordId));
      commands = commands.filter((c) => turned.has(c.recordId));
    }
    for (const { command } of commands) {
      try {
        submitted.push(await engine.submit(q, command));
      } catch (e) {
        if (e instanceof EngineError && e.status < 500) {
          const name = t['x-crm-trigger'];
          throw new AppError('process-trigger-failed', `trigger ${name}: the process engine refused it: ${e.message}`, [
            { path: `trigger/${name}`, message: e.message },
          ]);
        }
        throw e;
      }
    }
  }
  if (event === 'delete' && recordIds.length > 0) await forgetState(q, recordIds);
  return submitted;
}

/**
 * Run a record write in one transaction and fire the triggers of what it changed there; wake the
 * engine's follow-ups (long polls, outbox delivery) after commit. A lost race inside the engine
 * (two writes reaching one process instance) retries the whole transaction, as the engine's own
 * calls are retried (its `inTransaction`).
 */
export function writeWithTriggers<T>(db: Db, fire: (q: Queryable, result: T) => Promise<Submitted[]>, write: (q: Queryable) => Promise<T>): Promise<T> {
  return inEngineTransaction(db, async (tx) => {
    const result = await write(tx.q);
    for (const s of await fire(tx.q, result)) tx.onCommit(s.afterCommit);
    return result;
  });
}
