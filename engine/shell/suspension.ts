/**
 * Suspending and activating process instances, as Camunda does: the instance and its tasks,
 * external tasks and jobs are suspended together (nothing of it can be completed, fetched or
 * executed), and its history state becomes SUSPENDED (ACTIVE again on activation). The revision
 * moves on, so a command that read the instance before the change retries and sees it.
 */
import type { Tx } from './tx.js';

export type InstanceSelector = { instanceIds: string[] } | { definitionId: string } | { definitionKey: string; tenantId?: string | null; withoutTenantId?: boolean };

function select(selector: InstanceSelector): { where: string; params: unknown[] } {
  if ('instanceIds' in selector) return { where: 'id = any($2::text[])', params: [selector.instanceIds] };
  if ('definitionId' in selector) return { where: 'process_definition_id = $2', params: [selector.definitionId] };
  const tenant = selector.tenantId != null ? ' and tenant_id = $3' : selector.withoutTenantId ? ' and tenant_id is null' : '';
  return { where: `process_definition_key = $2${tenant}`, params: selector.tenantId != null ? [selector.definitionKey, selector.tenantId] : [selector.definitionKey] };
}

/** Suspend (or activate) the selected running instances; returns the ids that exist. */
export async function setInstancesSuspended(tx: Tx, selector: InstanceSelector, suspended: boolean): Promise<string[]> {
  const { where, params } = select(selector);
  const rows = await tx.q.query<{ id: string }>(
    `update engine.process_instance set suspended = $1, revision = revision + 1 where ${where} returning id`,
    [suspended, ...params],
  );
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  await tx.q.query(
    `with t as (update engine.task set suspended = $1 where process_instance_id = any($2::text[])),
          e as (update engine.external_task set suspended = $1 where process_instance_id = any($2::text[])),
          j as (update engine.job set suspended = $1 where process_instance_id = any($2::text[]))
     update engine.hi_process_instance set state = case when $1 then 'SUSPENDED' else 'ACTIVE' end
      where id = any($2::text[]) and state in ('ACTIVE', 'SUSPENDED')`,
    [suspended, ids],
  );
  return ids;
}
