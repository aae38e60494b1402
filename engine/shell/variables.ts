/**
 * Variables read and written from outside a command (REST variable endpoints). An execution sees
 * its own local variables, then each enclosing scope's, then the process's — the core's lookup
 * order. Writing is a state change: the instance row is saved under its revision (a concurrent
 * command makes the transaction retry) and the change is recorded in variable history by the same
 * diff every command's run goes through.
 */
import type { ExecutionState, InstanceState } from '../core/index.js';
import { EngineError } from '../errors.js';
import type { TypedValue } from '../values.js';
import { identity } from './commands.js';
import { loadDefinition } from './definitions.js';
import type { ShellEnv } from './env.js';
import { loadInstance, saveInstance } from './instances.js';
import type { Tx } from './tx.js';
import { WriteBatch } from './rows.js';
import { recordVariableChanges } from './variable-history.js';

/** The scopes `executionId` sees, innermost first; the process's variables last. */
function scopeChain(state: InstanceState, executionId: string | null): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  const parent = (e: ExecutionState) => (e.parentId === null ? undefined : state.executions[e.parentId]);
  for (let e = executionId === null ? undefined : state.executions[executionId]; e; e = parent(e)) chain.push(e.variables);
  chain.push(state.variables);
  return chain;
}

/** Every variable visible from the execution (inner scopes shadow outer ones), or only its local ones. */
export function visibleVariables(state: InstanceState, executionId: string | null, local = false): Record<string, TypedValue> {
  const chain = scopeChain(state, executionId);
  return Object.assign({}, ...(local ? chain.slice(0, 1) : chain.reverse())) as Record<string, TypedValue>;
}

/** A change of variables as seen from one execution. */
export interface VariableChange {
  executionId: string | null;
  /** Set in the nearest scope that has the variable, else on the process (local: in the execution's own scope). */
  set?: Record<string, TypedValue>;
  /** Removed from the nearest scope that has it (local: only from the execution's own scope). */
  remove?: string[];
  local?: boolean;
}

/** Apply `change` to a working copy of the state. */
export function applyVariableChange(state: InstanceState, change: VariableChange): void {
  const chain = scopeChain(state, change.executionId);
  const scopes = change.local ? chain.slice(0, 1) : chain;
  for (const name of change.remove ?? []) {
    const scope = scopes.find((s) => Object.hasOwn(s, name));
    if (scope) delete scope[name];
  }
  for (const [name, value] of Object.entries(change.set ?? {})) {
    (scopes.find((s) => Object.hasOwn(s, name)) ?? scopes[scopes.length - 1])[name] = value;
  }
}

/**
 * Change an instance's variables in the caller's transaction; returns the new state. `taskId`
 * names the task the change came through in variable history.
 */
export async function changeInstanceVariables(tx: Tx, env: ShellEnv, instanceId: string, change: VariableChange, opts: { taskId?: string } = {}): Promise<InstanceState> {
  const row = await loadInstance(tx.q, instanceId);
  if (!row) throw new EngineError('NullValueException', 500, `execution ${instanceId} doesn't exist: execution is null`);
  const after = structuredClone(row.state);
  applyVariableChange(after, change);
  await saveInstance(tx.q, row.id, row.revision, after);
  const def = await loadDefinition(tx.q, row.processDefinitionId);
  const batch = new WriteBatch();
  await recordVariableChanges(tx, env, { def, instance: identity(row), before: row.state, after, effects: [], ...opts }, env.now().toISOString(), batch);
  await batch.flush(tx.q);
  return after;
}
