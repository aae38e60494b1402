/**
 * record-update: writes the task's variables named `set_<field>` to the process's record (the
 * business key, of the entity whose trigger starts the process) through the records API as the
 * service account, then completes. In BPMN, e.g. to mirror the process state into the record:
 *
 *   <bpmn:serviceTask id="markDispatched" camunda:type="external" camunda:topic="record-update">
 *     <bpmn:extensionElements><camunda:inputOutput>
 *       <camunda:inputParameter name="set_status">dispatched</camunda:inputParameter>
 *     </camunda:inputOutput></bpmn:extensionElements>
 *   </bpmn:serviceTask>
 *
 * Writing the same values again is harmless, so a retry after a crash changes nothing more. A record
 * the API refuses (unknown field, bad value, state transition not allowed) fails the task, naming it.
 */
import { patchRecord } from './lib/api.js';
import { processRecord } from './lib/process-record.js';
import type { WorkerModule } from './types.js';

const PREFIX = 'set_';

/** `set_<field>` variables → `{field: value}` (dates as ISO text, as the records API takes them). */
export function fieldsToSet(variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (!name.startsWith(PREFIX) || name.length === PREFIX.length) continue;
    out[name.slice(PREFIX.length)] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

export default {
  topic: 'record-update',
  async handler(task, taskService, ctx) {
    const fields = fieldsToSet(task.variables.getAll());
    if (Object.keys(fields).length > 0) {
      const record = await processRecord(ctx, task);
      if (!record) throw new Error(`record-update: process ${task.processDefinitionKey} instance ${task.processInstanceId} has no record (no business key, or no trigger starts the process)`);
      await patchRecord(ctx, record.entity, record.id, fields);
    }
    await taskService.complete(task);
  },
} satisfies WorkerModule;
