/**
 * Message correlation (Camunda's `RuntimeService.createMessageCorrelation`): a message goes to the
 * waiting subscriptions (intermediate catch events, receive tasks, boundary events, event
 * subprocess starts) whose instance matches businessKey / processInstanceId / correlationKeys
 * (process variables) / localCorrelationKeys (the subscription's execution's local variables);
 * when none waits, to the latest definitions whose message start event has that name. One match,
 * or with `all` every match; several without `all` is refused. The matched subscription rows are
 * locked (`FOR UPDATE`), so two concurrent correlations of one message never both deliver it: the
 * second waits, finds the subscription gone and correlates to whatever matches then.
 */
import type { InstanceState } from '../core/index.js';
import { EngineError } from '../errors.js';
import { addVariableFilter, filterValueOf } from '../persistence/variable-filters.js';
import { Where } from '../persistence/query.js';
import type { ProcessDefinitionRecord } from '../persistence/index.js';
import type { TypedValue } from '../values.js';
import { commandInstance, startInstance } from './commands.js';
import { loadDefinition } from './definitions.js';
import type { ShellEnv } from './env.js';
import type { Tx } from './tx.js';
import { changeInstanceVariables } from './variables.js';

export interface CorrelationRequest {
  messageName: string;
  businessKey?: string | null;
  processInstanceId?: string | null;
  correlationKeys?: Record<string, TypedValue>;
  localCorrelationKeys?: Record<string, TypedValue>;
  processVariables?: Record<string, TypedValue>;
  processVariablesLocal?: Record<string, TypedValue>;
  all?: boolean;
  tenantId?: string | null;
  withoutTenantId?: boolean;
}

export type CorrelationResult =
  | { resultType: 'Execution'; executionId: string; processInstanceId: string; tenantId: string | null; state: InstanceState }
  | { resultType: 'ProcessDefinition'; definition: ProcessDefinitionRecord; state: InstanceState };

interface Subscription {
  id: string;
  processInstanceId: string;
  executionId: string | null;
  nodeId: string;
  tenantId: string | null;
}

const javaMap = (m: Record<string, TypedValue> | undefined) =>
  m === undefined ? 'null' : `{${Object.entries(m).map(([k, v]) => `${k}=${JSON.stringify(v.value)}`).join(', ')}}`;

/** Camunda's CorrelationSet, as its MismatchingMessageCorrelationException prints it. */
function correlationSet(r: CorrelationRequest): string {
  return (
    `CorrelationSet [businessKey=${r.businessKey ?? null}, processInstanceId=${r.processInstanceId ?? null}, processDefinitionId=null, ` +
    `correlationKeys=${javaMap(r.correlationKeys)}, localCorrelationKeys=${javaMap(r.localCorrelationKeys)}, tenantId=${r.tenantId ?? null}, ` +
    `isTenantIdSet=${r.tenantId != null || r.withoutTenantId === true}, isExecutionsOnly=false]`
  );
}

const mismatch = (r: CorrelationRequest, detail: string) => new EngineError('RestException', 400, `Cannot correlate message '${r.messageName}': ${detail}`);

async function matchingSubscriptions(tx: Tx, r: CorrelationRequest): Promise<Subscription[]> {
  const w = new Where().add(`s.event_type = 'message'`).add(`not pi.suspended`);
  w.add(`s.event_name = ${w.param(r.messageName)}`);
  if (r.businessKey != null) w.add(`pi.business_key = ${w.param(r.businessKey)}`);
  if (r.processInstanceId != null) w.add(`pi.id = ${w.param(r.processInstanceId)}`);
  if (r.tenantId != null) w.add(`pi.tenant_id = ${w.param(r.tenantId)}`);
  if (r.withoutTenantId) w.add('pi.tenant_id is null');
  for (const [name, value] of Object.entries(r.correlationKeys ?? {})) {
    addVariableFilter(w, `pi.state->'variables'`, { name, operator: 'eq', value: filterValueOf(value) });
  }
  const local = `case when s.execution_id is null then pi.state->'variables' else pi.state->'executions'->s.execution_id->'variables' end`;
  for (const [name, value] of Object.entries(r.localCorrelationKeys ?? {})) {
    addVariableFilter(w, local, { name, operator: 'eq', value: filterValueOf(value) });
  }
  return tx.q.query<Subscription>(
    `select s.id, s.process_instance_id as "processInstanceId", s.execution_id as "executionId", s.node_id as "nodeId", pi.tenant_id as "tenantId"
       from engine.event_subscription s join engine.process_instance pi on pi.id = s.process_instance_id
      ${w.toSql()} order by s.seq for update of s`,
    w.params,
  );
}

/** The latest version of each key (per tenant) whose message start events include the message. */
async function matchingStarts(tx: Tx, r: CorrelationRequest): Promise<string[]> {
  if (r.processInstanceId != null || r.localCorrelationKeys !== undefined) return [];
  const w = new Where();
  w.add(`jsonb_exists(pd.graph->'messageStarts', ${w.param(r.messageName)})`);
  w.add('pd.version = (select max(x.version) from engine.process_definition x where x.key = pd.key and x.tenant_id is not distinct from pd.tenant_id)');
  if (r.tenantId != null) w.add(`pd.tenant_id = ${w.param(r.tenantId)}`);
  if (r.withoutTenantId) w.add('pd.tenant_id is null');
  const rows = await tx.q.query<{ id: string }>(`select pd.id from engine.process_definition pd ${w.toSql()} order by pd.key, pd.tenant_id`, w.params);
  return rows.map((row) => row.id);
}

async function deliver(tx: Tx, env: ShellEnv, r: CorrelationRequest, s: Subscription): Promise<CorrelationResult | null> {
  // A delivery before may have ended this subscription (an interrupting event cancelled its scope).
  const [live] = await tx.q.query('select 1 from engine.event_subscription where id = $1', [s.id]);
  if (!live) return null;
  if (r.processVariablesLocal && Object.keys(r.processVariablesLocal).length > 0) {
    await changeInstanceVariables(tx, env, s.processInstanceId, { executionId: s.executionId, set: r.processVariablesLocal, local: true });
  }
  const state = await commandInstance(tx, env, s.processInstanceId, {
    type: 'event',
    executionId: s.executionId,
    nodeId: s.nodeId,
    ...(r.processVariables ? { variables: r.processVariables } : {}),
  });
  return { resultType: 'Execution', executionId: s.executionId ?? s.processInstanceId, processInstanceId: s.processInstanceId, tenantId: s.tenantId, state };
}

async function startByMessage(tx: Tx, env: ShellEnv, r: CorrelationRequest, definitionId: string): Promise<CorrelationResult> {
  const def = await loadDefinition(tx.q, definitionId);
  const state = await startInstance(tx, env, def, {
    businessKey: r.businessKey ?? null,
    variables: { ...r.processVariables, ...r.processVariablesLocal },
    startEventId: def.graph.messageStarts[r.messageName],
  });
  return { resultType: 'ProcessDefinition', definition: def.record, state };
}

/** Correlate in the caller's transaction; returns what received the message, in order. */
export async function correlateMessage(tx: Tx, env: ShellEnv, r: CorrelationRequest): Promise<CorrelationResult[]> {
  const subscriptions = await matchingSubscriptions(tx, r);
  if (!r.all && subscriptions.length > 1) throw mismatch(r, `${subscriptions.length} executions match the correlation keys: ${correlationSet(r)}`);
  const starts = r.all || subscriptions.length === 0 ? await matchingStarts(tx, r) : [];
  if (!r.all && subscriptions.length === 0 && starts.length > 1) {
    throw mismatch(r, `${starts.length} process definitions match the correlation keys: ${correlationSet(r)}`);
  }
  if (subscriptions.length === 0 && starts.length === 0) {
    if (r.all) return [];
    throw mismatch(r, 'No process definition or execution matches the parameters');
  }
  const results: CorrelationResult[] = [];
  for (const s of subscriptions) {
    const result = await deliver(tx, env, r, s);
    if (result) results.push(result);
  }
  for (const id of starts) results.push(await startByMessage(tx, env, r, id));
  return results;
}
