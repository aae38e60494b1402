/**
 * lead-release (lead-qualification): the resource-protection period ran out before the lead was
 * qualified — it goes back to the pool: no owner, status `pool`, assignedAt cleared.
 * Out: releasedFrom (the previous owner, passed over by the next lead-assign), ownerId = null,
 * ownerTo (the intake group), releaseTo (the qualifying group and the previous owner: who is told).
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson, getRecord, patchRecord } from './lib/api.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export default {
  topic: 'lead-release',
  variables: ['intakeGroup', 'qualifyGroup'],
  async handler(task, taskService, ctx) {
    const leadId = recordIdOf(task);
    const intakeGroup = String(task.variables.get('intakeGroup'));
    const lead = await getRecord(ctx, 'lead', leadId);
    const previous = typeof lead.ownerId === 'string' ? lead.ownerId : null;
    if (previous) await apiJson(ctx, 'PUT', `/records/lead/${leadId}/owner`, { ownerId: null });
    await patchRecord(ctx, 'lead', leadId, { status: 'pool', assignedAt: null });
    const to = [task.variables.get('qualifyGroup') ?? intakeGroup, previous ? `user:${previous}` : null].filter(Boolean).join(',');
    await taskService.complete(task, new Variables().set('releasedFrom', previous).set('ownerId', null).set('ownerTo', intakeGroup).set('releaseTo', to));
  },
} satisfies WorkerModule;
