/**
 * quote-return: a reviewer returned the quote. The quote's state and last return reason are
 * mirrored (`returnState`, `returnReason`), and each step of `returnTo` — `step=recipient` pairs,
 * the recipient a candidate group id or `user:<id>` — goes back to its previous owner: whoever
 * completed that step last, having claimed it, becomes `<step>Assignee` (else the recipient when it
 * is one user, else nobody: the step's group). `returnNotifyTo` names who the notify step tells.
 */
import { Variables } from 'camunda-external-task-client-js';
import { commaList, patchRecord } from './lib/api.js';
import { lastAssignee } from './lib/history.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export default {
  topic: 'quote-return',
  variables: ['returnState', 'returnReason', 'returnTo'],
  async handler(task, taskService, ctx) {
    const quoteId = recordIdOf(task);
    const reason = task.variables.get('returnReason');
    await patchRecord(ctx, 'quote', quoteId, { state: String(task.variables.get('returnState')), returnReason: typeof reason === 'string' ? reason.slice(0, 2000) : null });
    const out = new Variables();
    const told: string[] = [];
    for (const entry of commaList(task.variables.get('returnTo'))) {
      const [step, recipient = ''] = entry.split('=');
      const previous = (await lastAssignee(ctx, 'quote', quoteId, task.processInstanceId, step, false)) ?? (recipient.startsWith('user:') ? recipient.slice(5) : null);
      out.set(`${step}Assignee`, previous);
      told.push(previous ? `user:${previous}` : recipient);
    }
    await taskService.complete(task, out.set('returnNotifyTo', [...new Set(told.filter(Boolean))].join(',')));
  },
} satisfies WorkerModule;
