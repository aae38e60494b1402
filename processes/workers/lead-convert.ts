/**
 * lead-convert (lead-qualification): the qualifying manager chose to convert — the runtime's
 * POST /api/records/lead/:id/convert makes (or links) account, contact and opportunity of the lead's
 * owner in one transaction, with the opportunity name, amount and close date the manager gave.
 * Calling it again on a converted lead changes nothing, so a retry is safe.
 * Out: accountId, contactId, opportunityId.
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson } from './lib/api.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

interface Converted {
  account: { id: string };
  contact: { id: string };
  opportunity: { id: string } | null;
}

export default {
  topic: 'lead-convert',
  variables: ['opportunityName', 'amount', 'closeDate'],
  async handler(task, taskService, ctx) {
    const leadId = recordIdOf(task);
    const given = { name: task.variables.get('opportunityName'), amount: task.variables.get('amount'), closeDate: task.variables.get('closeDate') };
    const opportunity = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    const out = await apiJson<Converted>(ctx, 'POST', `/records/lead/${leadId}/convert`, { opportunity });
    await taskService.complete(task, new Variables().set('accountId', out.account.id).set('contactId', out.contact.id).set('opportunityId', out.opportunity?.id ?? null));
  },
} satisfies WorkerModule;
