/**
 * lead-dedupe (lead-qualification): asks the runtime's duplicate rules (normalised phone, e-mail,
 * company name — POST /api/records/:entity/duplicates) whether the lead matches another lead, a
 * contact or an account. A match moves the lead to `duplicate` (from `new`) for a person to review.
 * Also says who works the lead's tasks: its owner when that is a person, else the intake group.
 * Out: duplicateCount, duplicates (one line per match), company, contactName, ownerId (null: none),
 * ownerTo (the owner's or the intake group's recipient id).
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson, getRecord, patchRecord } from './lib/api.js';
import { Org } from './lib/org.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

interface Match {
  rule: string;
  id: string;
  display: unknown;
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));

export default {
  topic: 'lead-dedupe',
  variables: ['intakeGroup'],
  async handler(task, taskService, ctx) {
    const leadId = recordIdOf(task);
    const lead = await getRecord(ctx, 'lead', leadId);
    // The lead's values under each entity's field names; each entity's own rules decide what matches.
    const asks: [string, Record<string, unknown>, string][] = [
      ['lead', { company: lead.company, phone: lead.phone, email: lead.email }, `?excludeId=${leadId}`],
      ['contact', { email: lead.email, mobile: lead.phone }, ''],
      ['account', { name: lead.company, phone: lead.phone }, ''],
    ];
    const found = await Promise.all(
      asks.map(async ([entity, values, query]) =>
        (await apiJson<{ items: Match[] }>(ctx, 'POST', `/records/${entity}/duplicates${query}`, defined(values))).items.map((m) => ({ entity, ...m })),
      ),
    );
    const matches = found.flat();
    if (matches.length > 0 && lead.status === 'new') await patchRecord(ctx, 'lead', leadId, { status: 'duplicate' });
    const org = await Org.load(ctx);
    const owner = typeof lead.ownerId === 'string' && org.users.some((u) => u.id === lead.ownerId) ? lead.ownerId : null;
    const vars = new Variables()
      .set('duplicateCount', matches.length)
      .set('duplicates', matches.map((m) => `${m.entity}: ${String(m.display ?? m.id)} (${m.rule})`).join('\n'))
      .set('company', lead.company ?? null)
      .set('contactName', lead.contactName ?? null)
      .set('ownerId', owner)
      .set('ownerTo', owner ? `user:${owner}` : String(task.variables.get('intakeGroup')));
    await taskService.complete(task, vars);
  },
} satisfies WorkerModule;
