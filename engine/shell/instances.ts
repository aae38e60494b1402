/**
 * Running process instances: one row each, the core's state as jsonb, guarded by a revision
 * (optimistic locking — a concurrent command on the same instance makes the later save fail, and
 * the transaction is retried by `inTransaction`).
 */
import type { InstanceState } from '../core/index.js';
import type { EngineQueryable } from '../db.js';

export interface InstanceRow {
  id: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  businessKey: string | null;
  state: InstanceState;
  revision: number;
  suspended: boolean;
  superProcessInstanceId: string | null;
  superExecutionId: string | null;
  ownerActivityInstanceId: string | null;
  rootProcessInstanceId: string;
  tenantId: string | null;
  startTime: Date | string;
}

export const INSTANCE_COLUMNS = `pi.id, pi.process_definition_id as "processDefinitionId", pi.process_definition_key as "processDefinitionKey",
  pi.business_key as "businessKey", pi.state, pi.revision, pi.suspended, pi.super_process_instance_id as "superProcessInstanceId",
  pi.super_execution_id as "superExecutionId", pi.owner_activity_instance_id as "ownerActivityInstanceId",
  pi.root_process_instance_id as "rootProcessInstanceId", pi.tenant_id as "tenantId", pi.start_time as "startTime"`;

/** Another transaction changed the instance since it was read: the caller's transaction is retried. */
export class OptimisticLockingError extends Error {
  constructor(id: string) {
    super(`The process instance '${id}' was updated by another transaction concurrently.`);
    this.name = 'OptimisticLockingError';
  }
}

export async function loadInstance(q: EngineQueryable, id: string): Promise<InstanceRow | null> {
  const [row] = await q.query<InstanceRow>(`select ${INSTANCE_COLUMNS} from engine.process_instance pi where pi.id = $1`, [id]);
  return row ?? null;
}

export async function insertInstance(q: EngineQueryable, row: Omit<InstanceRow, 'revision' | 'suspended' | 'startTime'>): Promise<void> {
  await q.query(
    `insert into engine.process_instance (id, process_definition_id, process_definition_key, business_key, state, super_process_instance_id,
       super_execution_id, owner_activity_instance_id, root_process_instance_id, tenant_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.id,
      row.processDefinitionId,
      row.processDefinitionKey,
      row.businessKey,
      JSON.stringify(row.state),
      row.superProcessInstanceId,
      row.superExecutionId,
      row.ownerActivityInstanceId,
      row.rootProcessInstanceId,
      row.tenantId,
    ],
  );
}

/** Save a new state over `revision`; throws OptimisticLockingError when someone else saved first. */
export async function saveInstance(q: EngineQueryable, id: string, revision: number, state: InstanceState): Promise<void> {
  const rows = await q.query('update engine.process_instance set state = $2, revision = revision + 1 where id = $1 and revision = $3 returning id', [
    id,
    JSON.stringify(state),
    revision,
  ]);
  if (rows.length === 0) throw new OptimisticLockingError(id);
}
