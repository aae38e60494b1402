/** Reading deployments and their resources (Camunda's DeploymentQuery and resource lookups). */
import type { EngineQueryable } from '../db.js';
import { orderAndPage, Where, type Page } from './query.js';
import { DEPLOYMENT_COLUMNS, RESOURCE_COLUMNS, type DeploymentRecord, type ResourceRecord } from './records.js';

export const DEPLOYMENT_SORT = { id: 'd.id', name: 'd.name', deploymentTime: 'd.deployment_time', tenantId: 'd.tenant_id' } as const;
export type DeploymentSortBy = keyof typeof DEPLOYMENT_SORT;

export interface DeploymentFilter {
  id?: string;
  name?: string;
  nameLike?: string;
  source?: string;
  withoutSource?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  /** Deployed strictly after / before. */
  after?: Date;
  before?: Date;
}

function where(f: DeploymentFilter): Where {
  const w = new Where().eq('d.id', f.id).eq('d.name', f.name).like('d.name', f.nameLike).eq('d.source', f.source).in('d.tenant_id', f.tenantIdIn);
  w.when(f.withoutSource, 'd.source is null').when(f.withoutTenantId, 'd.tenant_id is null');
  if (f.after) w.add(`d.deployment_time > ${w.param(f.after)}`);
  if (f.before) w.add(`d.deployment_time < ${w.param(f.before)}`);
  return w;
}

export async function listDeployments(q: EngineQueryable, f: DeploymentFilter & Page<DeploymentSortBy> = {}): Promise<DeploymentRecord[]> {
  const w = where(f);
  const sql = `select ${DEPLOYMENT_COLUMNS} from engine.deployment d ${w.toSql()} ${orderAndPage(w, f, DEPLOYMENT_SORT, 'd.id')}`;
  return q.query<DeploymentRecord>(sql, w.params);
}

export async function countDeployments(q: EngineQueryable, f: DeploymentFilter = {}): Promise<number> {
  const w = where(f);
  const [row] = await q.query<{ count: number }>(`select count(*)::int as count from engine.deployment d ${w.toSql()}`, w.params);
  return row.count;
}

export async function getDeployment(q: EngineQueryable, id: string): Promise<DeploymentRecord | null> {
  const [row] = await q.query<DeploymentRecord>(`select ${DEPLOYMENT_COLUMNS} from engine.deployment d where d.id = $1`, [id]);
  return row ?? null;
}

/** The deployment's resources by name, or null when there is no such deployment. */
export async function listResources(q: EngineQueryable, deploymentId: string): Promise<ResourceRecord[] | null> {
  const rows = await q.query<ResourceRecord>(`select ${RESOURCE_COLUMNS} from engine.resource r where r.deployment_id = $1 order by r.name`, [deploymentId]);
  if (rows.length) return rows;
  return (await getDeployment(q, deploymentId)) ? [] : null;
}

export async function getResource(q: EngineQueryable, deploymentId: string, resourceId: string): Promise<(ResourceRecord & { bytes: Buffer }) | null> {
  const [row] = await q.query<ResourceRecord & { bytes: Buffer }>(
    `select ${RESOURCE_COLUMNS}, r.bytes from engine.resource r where r.deployment_id = $1 and r.id = $2`,
    [deploymentId, resourceId],
  );
  return row ?? null;
}
