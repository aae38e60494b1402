/**
 * quote-issue: the approved quote is issued — state `issued`, the issue time, and (unless the
 * requester set one) a validity end `quoteValidity` (ISO 8601 duration, e.g. P30D) after today.
 */
import { Variables } from 'camunda-external-task-client-js';
import { DateTime, Duration } from 'luxon';
import { getRecord, patchRecord } from './lib/api.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export default {
  topic: 'quote-issue',
  variables: ['quoteValidity'],
  async handler(task, taskService, ctx) {
    const quoteId = recordIdOf(task);
    const quote = await getRecord(ctx, 'quote', quoteId);
    const validity = Duration.fromISO(String(task.variables.get('quoteValidity') ?? 'P30D'));
    if (!validity.isValid) throw new Error(`quoteValidity is not an ISO 8601 duration: ${String(task.variables.get('quoteValidity'))}`);
    const now = DateTime.utc();
    const validUntil = (quote.validUntil as string | null) ?? now.plus(validity).toISODate();
    await patchRecord(ctx, 'quote', quoteId, { state: 'issued', issuedAt: now.toISO(), validUntil });
    await taskService.complete(task, new Variables().set('validUntil', validUntil));
  },
} satisfies WorkerModule;
