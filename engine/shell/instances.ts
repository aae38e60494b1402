/**
 * Running process instances: one row each, the core's state as jsonb, guarded by a revision
 * (optimistic locking — a concurrent command on the same instance makes the later save fail, and
 * the transaction is retried by `inTransaction`).
 */
import type { InstanceState } from '../core/index.js';
import type { EngineQueryable } from '../db.js';
import type { WriteBatch } from './rows.js';

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

/**
 * A select-list item giving the instance `idExpr` names as one json column, `"instance"` (null when
 * it does not exist): a command that locks a task row reads its instance in the same round trip.
 * Read with `instanceFromJson`.
 */
export const instanceColumnOf = (idExpr: string): string =>
  `(select row_to_json(i) from (select ${INSTANCE_COLUMNS} from engine.process_instance pi where pi.id = ${idExpr}) i) as "instance"`;

/** The InstanceRow of an `instanceColumnOf` column (json keeps every field but the start time's type, which stays a string). */
export const instanceFromJson = (json: unknown): InstanceRow | null => (json ?? null) as InstanceRow | null;

export async function loadInstance(q: EngineQueryable, id: string): Promise<InstanceRow | null> {
  const [row] = await q.query<InstanceRow>(`select ${INSTANCE_COLUMNS} from engine.process_instance pi where pi.id = $1`, [id]);
  return row ?? null;
}

const INSERT_COLUMNS = {
  id: 'text',
  process_definition_id: 'text',
  process_definition_key: 'text',
  business_key: 'text',
  state: 'jsonb',
  super_process_instance_id: 'text',
  super_execution_id: 'text',
  owner_activity_instance_id: 'text',
  root_process_instance_id: 'text',
  tenant_id: 'text',
};

/** Insert a new instance's row as part of `batch` (its tasks and subscriptions may be in the same batch). */
export function insertInstance(batch: WriteBatch, row: Omit<InstanceRow, 'revision' | 'suspended' | 'startTime'>): void {
  batch.insert('engine.process_instance', INSERT_COLUMNS, [
    {
      id: row.id,
      process_definition_id: row.processDefinitionId,
      process_definition_key: row.processDefinitionKey,
      business_key: row.businessKey,
      state: row.state,
      super_process_instance_id: row.superProcessInstanceId,
      super_execution_id: row.superExecutionId,
      owner_activity_instance_id: row.ownerActivityInstanceId,
      root_process_instance_id: row.rootProcessInstanceId,
      tenant_id: row.tenantId,
    },
  ]);
}

/**
 * An instance that ran to its end leaves the runtime, as a counted write of `batch` under the
 * revision it was read at (the caller fails the transaction when it deleted nothing): its tasks,
 * external tasks, jobs, subscriptions and incidents go with it (FK cascade).
 */
export function deleteEndedInstance(batch: WriteBatch, id: string, revision: number): void {
  batch.countRows((p) => `delete from engine.process_instance where id = ${p(id)} and revision = ${p(revision)} returning id`);
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
