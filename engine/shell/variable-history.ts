/**
 * Variable history by diffing the run's states: every variable created or changed in any scope
 * (the process, or an execution's local scope) gets a historic variable instance row (one per
 * variable and scope, its latest value) and a historic detail row (`variableUpdate`, each change).
 * A process variable that disappeared while the instance goes on was removed: its historic
 * instance is marked DELETED. Local variables that end with their scope stay CREATED, as in Camunda.
 */
import type { InstanceState } from '../core/index.js';
import type { TypedValue } from '../values.js';
import type { ApplyInput } from './apply.js';
import type { ShellEnv } from './env.js';
import type { WriteBatch } from './rows.js';
import type { Tx } from './tx.js';

interface Scope {
  executionId: string;
  activityInstanceId: string;
  vars: Record<string, unknown>;
}

function scopes(state: InstanceState | null): Map<string, Scope> {
  const out = new Map<string, Scope>();
  if (!state) return out;
  out.set(state.id, { executionId: state.id, activityInstanceId: state.id, vars: state.variables });
  // A local scope is one activity instance of a token: when the same token enters another scope
  // activity (e.g. a second multi-instance body), its variables are new variable instances, as
  // Camunda's new scope execution has (found by the Operaton conformance suite).
  for (const e of Object.values(state.executions)) {
    if (Object.keys(e.variables).length > 0) out.set(`${e.id}/${e.activityInstanceId ?? ''}`, { executionId: e.id, activityInstanceId: e.activityInstanceId ?? state.id, vars: e.variables });
  }
  return out;
}

const HI_VARIABLE = {
  id: 'text',
  name: 'text',
  type: 'text',
  value: 'jsonb',
  value_info: 'jsonb',
  process_definition_id: 'text',
  process_definition_key: 'text',
  process_instance_id: 'text',
  root_process_instance_id: 'text',
  scope_id: 'text',
  execution_id: 'text',
  activity_instance_id: 'text',
  task_id: 'text',
  revision: 'integer',
  create_time: 'timestamptz',
  tenant_id: 'text',
};

const HI_DETAIL = {
  id: 'text',
  variable_instance_id: 'text',
  name: 'text',
  variable_type: 'text',
  value: 'jsonb',
  value_info: 'jsonb',
  revision: 'integer',
  initial: 'boolean',
  process_definition_id: 'text',
  process_definition_key: 'text',
  process_instance_id: 'text',
  root_process_instance_id: 'text',
  execution_id: 'text',
  activity_instance_id: 'text',
  task_id: 'text',
  time: 'timestamptz',
  tenant_id: 'text',
};

interface Change {
  scopeId: string;
  scope: Scope;
  name: string;
  value: TypedValue;
}

/**
 * Writes the variable history of a run into `batch` (created variables, their details, removals);
 * only updates of existing variable instances run at once, since their details need the new revision.
 */
export async function recordVariableChanges(tx: Tx, env: ShellEnv, input: ApplyInput, nowIso: string, batch: WriteBatch): Promise<void> {
  const before = scopes(input.before);
  const after = scopes(input.after);
  // Scopes that ended in this run: their last values come with their activityEnded effect.
  for (const e of input.effects) {
    if (e.type !== 'activityEnded' || !e.variables) continue;
    const key = `${e.executionId}/${e.activityInstanceId}`;
    if (!after.has(key)) after.set(key, { executionId: e.executionId, activityInstanceId: e.activityInstanceId, vars: e.variables });
  }
  const created: Change[] = [];
  const updated: Change[] = [];
  for (const [scopeId, scope] of after) {
    const old = before.get(scopeId)?.vars ?? {};
    for (const [name, value] of Object.entries(scope.vars)) {
      if (!Object.hasOwn(old, name)) created.push({ scopeId, scope, name, value: value as TypedValue });
      else if (JSON.stringify(old[name]) !== JSON.stringify(value)) updated.push({ scopeId, scope, name, value: value as TypedValue });
    }
  }
  const removed =
    input.before && input.after.status === 'active'
      ? Object.keys(input.before.variables).filter((name) => !Object.hasOwn(input.after.variables, name))
      : [];
  if (created.length === 0 && updated.length === 0 && removed.length === 0) return;

  const { def, instance } = input;
  const common = {
    process_definition_id: def.record.id,
    process_definition_key: def.record.key,
    process_instance_id: instance.id,
    root_process_instance_id: instance.rootProcessInstanceId,
    task_id: input.taskId ?? null,
    tenant_id: instance.tenantId,
  };
  const fields = (c: Change) => ({
    name: c.name,
    value: c.value.value === undefined ? null : c.value.value,
    value_info: c.value.valueInfo ?? null,
    execution_id: c.scope.executionId,
    activity_instance_id: c.scope.activityInstanceId,
  });

  const newRows = created.map((c) => ({ ...common, ...fields(c), id: env.newId(), type: c.value.type, scope_id: c.scopeId, revision: 0, create_time: nowIso }));
  batch.insert('engine.hi_variable', HI_VARIABLE, newRows);

  let updatedRows: { id: string; revision: number; scope_id: string; name: string }[] = [];
  if (updated.length > 0) {
    updatedRows = await tx.q.query(
      `update engine.hi_variable h set value = x.value, value_info = x.value_info, type = x.type, revision = h.revision + 1
         from jsonb_to_recordset($1::jsonb) as x(scope_id text, name text, type text, value jsonb, value_info jsonb)
        where h.process_instance_id = $2 and h.scope_id = x.scope_id and h.name = x.name and h.state = 'CREATED'
        returning h.id, h.revision, h.scope_id, h.name`,
      [JSON.stringify(updated.map((c) => ({ ...fields(c), scope_id: c.scopeId, type: c.value.type }))), instance.id],
    );
  }
  const revisionOf = new Map(updatedRows.map((r) => [`${r.scope_id}\u0000${r.name}`, r]));
  const details = [
    ...newRows.map((r) => ({ ...r, variable_instance_id: r.id, variable_type: r.type, initial: input.before === null })),
    ...updated.flatMap((c) => {
      const row = revisionOf.get(`${c.scopeId}\u0000${c.name}`);
      return row ? [{ ...common, ...fields(c), variable_instance_id: row.id, variable_type: c.value.type, revision: row.revision, initial: false }] : [];
    }),
  ].map((d) => ({ ...d, id: env.newId(), time: nowIso }));
  batch.insert('engine.hi_detail', HI_DETAIL, details);

  if (removed.length > 0) {
    batch.write(
      (p) => `update engine.hi_variable set state = 'DELETED' where process_instance_id = ${p(instance.id)} and scope_id = process_instance_id and name = any(${p(removed)}::text[]) and state = 'CREATED'`,
    );
  }
}
