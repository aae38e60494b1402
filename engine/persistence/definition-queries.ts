/** Reading process definitions (Camunda's ProcessDefinitionQuery), their graphs and their XML. */
import type { EngineQueryable } from '../db.js';
import type { ProcessGraph } from '../model/graph.js';
import { orderAndPage, Where, type Page } from './query.js';
import { DEFINITION_COLUMNS, type ProcessDefinitionRecord } from './records.js';

export const DEFINITION_SORT = {
  id: 'pd.id',
  key: 'pd.key',
  name: 'pd.name',
  version: 'pd.version',
  deploymentId: 'pd.deployment_id',
  category: 'pd.category',
  versionTag: 'pd.version_tag',
  tenantId: 'pd.tenant_id',
  deployTime: 'd.deployment_time',
} as const;
export type DefinitionSortBy = keyof typeof DEFINITION_SORT;

export interface DefinitionFilter {
  processDefinitionId?: string;
  processDefinitionIdIn?: string[];
  key?: string;
  keysIn?: string[];
  keyLike?: string;
  name?: string;
  nameLike?: string;
  category?: string;
  categoryLike?: string;
  deploymentId?: string;
  resourceName?: string;
  resourceNameLike?: string;
  version?: number;
  versionTag?: string;
  versionTagLike?: string;
  withoutVersionTag?: boolean;
  /** Only the highest version of each key. */
  latestVersion?: boolean;
  suspended?: boolean;
  active?: boolean;
  startableInTasklist?: boolean;
  notStartableInTasklist?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

const FROM = 'engine.process_definition pd join engine.deployment d on d.id = pd.deployment_id';

function where(f: DefinitionFilter): Where {
  const w = new Where()
    .eq('pd.id', f.processDefinitionId)
    .in('pd.id', f.processDefinitionIdIn)
    .eq('pd.key', f.key)
    .in('pd.key', f.keysIn)
    .like('pd.key', f.keyLike)
    .eq('pd.name', f.name)
    .like('pd.name', f.nameLike)
    .eq('pd.category', f.category)
    .like('pd.category', f.categoryLike)
    .eq('pd.deployment_id', f.deploymentId)
    .eq('pd.resource_name', f.resourceName)
    .like('pd.resource_name', f.resourceNameLike)
    .eq('pd.version', f.version)
    .eq('pd.version_tag', f.versionTag)
    .like('pd.version_tag', f.versionTagLike)
    .in('pd.tenant_id', f.tenantIdIn);
  return w
    .when(f.withoutVersionTag, 'pd.version_tag is null')
    .when(f.latestVersion, 'pd.version = (select max(x.version) from engine.process_definition x where x.key = pd.key)')
    .when(f.suspended, 'pd.suspended')
    .when(f.active, 'not pd.suspended')
    .when(f.startableInTasklist, 'pd.startable')
    .when(f.notStartableInTasklist, 'not pd.startable')
    .when(f.withoutTenantId, 'pd.tenant_id is null');
}

export async function listDefinitions(q: EngineQueryable, f: DefinitionFilter & Page<DefinitionSortBy> = {}): Promise<ProcessDefinitionRecord[]> {
  const w = where(f);
  return q.query<ProcessDefinitionRecord>(`select ${DEFINITION_COLUMNS} from ${FROM} ${w.toSql()} ${orderAndPage(w, f, DEFINITION_SORT, 'pd.id')}`, w.params);
}

export async function countDefinitions(q: EngineQueryable, f: DefinitionFilter = {}): Promise<number> {
  const w = where(f);
  const [row] = await q.query<{ count: number }>(`select count(*)::int as count from ${FROM} ${w.toSql()}`, w.params);
  return row.count;
}

export async function getDefinition(q: EngineQueryable, id: string): Promise<ProcessDefinitionRecord | null> {
  const [row] = await q.query<ProcessDefinitionRecord>(`select ${DEFINITION_COLUMNS} from engine.process_definition pd where pd.id = $1`, [id]);
  return row ?? null;
}

/** The highest version of `key` deployed without a tenant (what Camunda's `/key/{key}` endpoints use). */
export async function getLatestDefinition(q: EngineQueryable, key: string): Promise<ProcessDefinitionRecord | null> {
  const [row] = await q.query<ProcessDefinitionRecord>(
    `select ${DEFINITION_COLUMNS} from engine.process_definition pd where pd.key = $1 and pd.tenant_id is null order by pd.version desc limit 1`,
    [key],
  );
  return row ?? null;
}

/** The definition's compiled graph (what the execution core runs). */
export async function getDefinitionGraph(q: EngineQueryable, id: string): Promise<ProcessGraph | null> {
  const [row] = await q.query<{ graph: ProcessGraph }>('select graph from engine.process_definition where id = $1', [id]);
  return row?.graph ?? null;
}

/** The BPMN XML the definition was deployed from, byte for byte (decoded as UTF-8). */
export async function getDefinitionXml(q: EngineQueryable, id: string): Promise<string | null> {
  const [row] = await q.query<{ bytes: Buffer }>(
    `select r.bytes from engine.process_definition pd
       join engine.resource r on r.deployment_id = pd.deployment_id and r.name = pd.resource_name
      where pd.id = $1`,
    [id],
  );
  return row ? row.bytes.toString('utf8') : null;
}
