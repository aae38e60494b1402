/**
 * Timer start events, as Camunda schedules them: deploying a process definition creates one
 * `timer-start` job per timer start event of its process scope, and removes the timer-start jobs of
 * the key's earlier versions (only the latest version starts by timer). Runs inside the deployment's
 * transaction. Timer expressions see no variables (there is no instance yet). Deleting the latest
 * version brings the timer starts of the version before it back.
 */
import { randomUUID } from 'node:crypto';
import type { EngineQueryable } from '../db.js';
import { EngineError } from '../errors.js';
import { compileExpression, isExpressionError } from '../expressions/index.js';
import type { ProcessGraph } from '../model/graph.js';
import { DEFINITION_COLUMNS, type ProcessDefinitionRecord } from '../persistence/records.js';
import { JOB } from '../shell/columns.js';
import { insertRows } from '../shell/rows.js';
import { JOB_CHANNEL } from '../shell/signals.js';
import { scheduleTimer } from '../shell/timers.js';

export interface DeployedDefinition {
  record: ProcessDefinitionRecord;
  graph: ProcessGraph;
}

function timerValue(definition: ProcessDefinitionRecord, nodeId: string, expression: string): unknown {
  try {
    return compileExpression(expression.trim()).evaluate({ variable: () => ({ found: false }) });
  } catch (e) {
    if (!isExpressionError(e)) throw e;
    throw new EngineError('ProcessEngineException', 400, `Cannot schedule the timer start event '${nodeId}' of ${definition.key}: ${e.message}`);
  }
}

/** Replace the earlier versions' timer-start jobs by the new definitions' own. */
export async function scheduleTimerStarts(q: EngineQueryable, deployed: readonly DeployedDefinition[], now = new Date()): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (const { record, graph } of deployed) {
    await q.query(
      `delete from engine.job j using engine.process_definition pd
        where j.type = 'timer-start' and pd.id = j.process_definition_id and pd.key = $1
          and pd.tenant_id is not distinct from $2 and pd.id <> $3`,
      [record.key, record.tenantId, record.id],
    );
    for (const node of Object.values(graph.nodes)) {
      if (node.type !== 'startEvent' || node.parent !== null || node.event?.kind !== 'timer') continue;
      const { type, expression } = node.event.timer;
      const timer = scheduleTimer({ type, value: timerValue(record, node.id, expression) }, now);
      rows.push({
        id: randomUUID(),
        type: 'timer-start',
        process_definition_id: record.id,
        process_definition_key: record.key,
        node_id: node.id,
        activity_id: node.id,
        due_date: timer.due.toISOString(),
        repeat: timer.repeat,
        exclusive: true,
        create_time: now.toISOString(),
      });
    }
  }
  await insertRows(q, 'engine.job', JOB, rows); // no instance, execution or owner: those columns stay null
  if (rows.some((r) => (r.due_date as string) <= now.toISOString())) await q.query(`select pg_notify('${JOB_CHANNEL}', '')`);
}

/**
 * Definitions about to be deleted: where one is its key's latest version, the highest version that
 * stays becomes the latest, and its timer start events are scheduled again (as Camunda does).
 */
export async function restorePreviousTimerStarts(q: EngineQueryable, deletedIds: readonly string[]): Promise<void> {
  const sameKey = (a: string, b: string) => `${a}.key = ${b}.key and ${a}.tenant_id is not distinct from ${b}.tenant_id`;
  const previous = await q.query<ProcessDefinitionRecord & { graph: ProcessGraph }>(
    `select ${DEFINITION_COLUMNS}, pd.graph from engine.process_definition pd
      where pd.id <> all($1::text[])
        and pd.version = (select max(x.version) from engine.process_definition x where ${sameKey('x', 'pd')} and x.id <> all($1::text[]))
        and exists (select 1 from engine.process_definition d where d.id = any($1::text[]) and ${sameKey('d', 'pd')}
                       and d.version = (select max(y.version) from engine.process_definition y where ${sameKey('y', 'd')}))`,
    [deletedIds],
  );
  await scheduleTimerStarts(q, previous.map(({ graph, ...record }) => ({ record, graph })));
}
