/**
 * A metadata folder for trigger tests: the shipped entities and views plus test triggers — a
 * finance lead starts `lead-follow-up` (tests/runtime/triggers-fixture) with its company and id
 * as variables plus three constants (settings); a trade lead coming to score 80 starts it too,
 * once (`fires: on-becoming-true`); an update correlates `lead-updated` with its status; an account
 * create, and the delete of the lead of company 'Undeletable of Test', start a process that is never
 * deployed.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRIGGER_PROCESSES_DIR = fileURLToPath(new URL('../runtime/triggers-fixture/', import.meta.url));

export function triggerMetadataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-triggers-'));
  const shipped = fileURLToPath(new URL('../../metadata/', import.meta.url));
  cpSync(join(shipped, 'entities'), join(dir, 'entities'), { recursive: true });
  cpSync(join(shipped, 'views'), join(dir, 'views'), { recursive: true });
  cpSync(join(shipped, 'meta-schemas'), join(dir, 'meta-schemas'), { recursive: true });
  mkdirSync(join(dir, 'triggers'));
  const trigger = (name: string, doc: object) =>
    writeFileSync(join(dir, 'triggers', `${name}.json`), JSON.stringify({ $schema: '../meta-schemas/trigger.schema.json', 'x-crm-trigger': name, ...doc }));
  trigger('finance-lead', {
    entity: 'lead',
    on: ['create'],
    condition: { field: 'industry', op: 'eq', value: 'finance' },
    action: { type: 'start-process', processKey: 'lead-follow-up', variables: { company: 'company', leadId: 'id', followUpAfter: { value: 'P2D' }, scoreThreshold: { value: 60 }, escalate: { value: true } } },
  });
  trigger('lead-updated', { entity: 'lead', on: ['update'], action: { type: 'correlate-message', messageName: 'lead-updated', variables: { status: 'status' } } });
  // Starts once when a lead comes to score 80 or more, not on every edit of a hot lead.
  trigger('hot-lead', {
    entity: 'lead',
    on: ['create', 'update'],
    condition: { and: [{ field: 'score', op: 'gte', value: 80 }, { field: 'industry', op: 'eq', value: 'trade' }] },
    action: { type: 'start-process', processKey: 'lead-follow-up', variables: { company: 'company', leadId: 'id' } },
    fires: 'on-becoming-true',
  });
  trigger('account-undeployed', { entity: 'account', on: ['create'], action: { type: 'start-process', processKey: 'never-deployed' } });
  trigger('undeletable-lead', {
    entity: 'lead',
    on: ['delete'],
    condition: { field: 'company', op: 'eq', value: 'Undeletable of Test' },
    action: { type: 'start-process', processKey: 'never-deployed' },
  });
  return dir;
}
