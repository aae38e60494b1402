/**
 * The deployment commands: deploy (with Camunda's duplicate filtering and per-key versioning) and
 * delete. Each runs in one transaction; deployments are serialised by one advisory lock, as
 * Camunda serialises them with its deployment lock, so versions never collide and duplicate
 * filtering sees every earlier deployment.
 */
import { randomUUID } from 'node:crypto';
import type { EngineDb, EngineQueryable } from '../db.js';
import { EngineError, invalidRequest, notFound } from '../errors.js';
import type { ProcessGraph } from '../model/graph.js';
import { scheduleTimerStarts, type DeployedDefinition } from '../jobs/timer-start.js';
import { compileBpmnResources } from './bpmn-deployer.js';
import { DEFINITION_DEPENDENTS } from './dependents.js';
import { DEFINITION_COLUMNS, DEPLOYMENT_COLUMNS, type DeploymentRecord, type ProcessDefinitionRecord } from './records.js';
import { checkResources, checksum, type ResourceInput } from './resources.js';

export interface DeployRequest {
  name?: string | null;
  source?: string | null;
  /** Stored and returned; tenants are otherwise not supported. */
  tenantId?: string | null;
  /** Return the latest deployment of this name instead of deploying when no resource changed. */
  enableDuplicateFiltering?: boolean;
  /** Deploy only the resources that changed (implies duplicate filtering). */
  deployChangedOnly?: boolean;
  resources: ResourceInput[];
}

export interface DeployResult {
  deployment: DeploymentRecord;
  /** The definitions this call created; null when duplicate filtering returned an existing deployment. */
  deployedProcessDefinitions: ProcessDefinitionRecord[] | null;
}

const DEPLOY_LOCK = 727_102;
/** Camunda's source for deployments that name none; duplicate filtering treats the two alike. */
const DEFAULT_SOURCE = 'process application';
/** Camunda's id column is 64 characters; a longer `<key>:<version>:<uuid>` falls back to the uuid. */
const MAX_ID_LENGTH = 64;

export async function deploy(db: EngineDb, req: DeployRequest): Promise<DeployResult> {
  checkResources(req.resources);
  const filtering = Boolean(req.enableDuplicateFiltering || req.deployChangedOnly);
  if (filtering && !req.name) throw invalidRequest('Duplicate filtering needs a deployment name (deployment-name).');
  return db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock($1)', [DEPLOY_LOCK]);
    const toDeploy = filtering ? await resourcesToDeploy(q, req) : req.resources;
    if (toDeploy.length === 0) return { deployment: await latestOfName(q, req), deployedProcessDefinitions: null };
    const compiled = await compileBpmnResources(toDeploy);
    const deployment = await insertDeployment(q, req, toDeploy);
    const deployed: DeployedDefinition[] = [];
    for (const c of compiled) {
      for (const graph of c.processes) deployed.push({ record: await insertDefinition(q, deployment, c.resource.name, graph), graph });
    }
    await scheduleTimerStarts(q, deployed);
    return { deployment, deployedProcessDefinitions: deployed.map((d) => d.record) };
  });
}

/** Same name, same source, same tenant: the earlier deployments duplicate filtering compares with. */
const SAME_ORIGIN = `d.name = $1 and coalesce(d.source, $2) = coalesce($3, $2) and d.tenant_id is not distinct from $4`;
const originParams = (req: DeployRequest) => [req.name, DEFAULT_SOURCE, req.source ?? null, req.tenantId ?? null];

/**
 * Camunda's duplicate filtering: each resource is compared with the latest resource of the same
 * name among earlier deployments of the same origin. None changed → nothing to deploy. Some changed
 * → all of them (or, with deploy-changed-only, just the changed ones).
 */
async function resourcesToDeploy(q: EngineQueryable, req: DeployRequest): Promise<ResourceInput[]> {
  const latest = await q.query<{ name: string; checksum: string }>(
    `select distinct on (r.name) r.name, r.checksum
       from engine.resource r join engine.deployment d on d.id = r.deployment_id
      where ${SAME_ORIGIN} and r.name = any($5::text[])
      order by r.name, d.deployment_time desc, d.id desc`,
    [...originParams(req), req.resources.map((r) => r.name)],
  );
  const known = new Map(latest.map((r) => [r.name, r.checksum]));
  const changed = req.resources.filter((r) => known.get(r.name) !== checksum(r.content));
  if (changed.length === 0) return [];
  return req.deployChangedOnly ? changed : req.resources;
}

async function latestOfName(q: EngineQueryable, req: DeployRequest): Promise<DeploymentRecord> {
  const [row] = await q.query<DeploymentRecord>(
    `select ${DEPLOYMENT_COLUMNS} from engine.deployment d where ${SAME_ORIGIN} order by d.deployment_time desc, d.id desc limit 1`,
    originParams(req),
  );
  return row;
}

async function insertDeployment(q: EngineQueryable, req: DeployRequest, resources: readonly ResourceInput[]): Promise<DeploymentRecord> {
  const [deployment] = await q.query<DeploymentRecord>(
    `insert into engine.deployment as d (id, name, source, tenant_id) values ($1, $2, $3, $4) returning ${DEPLOYMENT_COLUMNS}`,
    [randomUUID(), req.name ?? null, req.source ?? null, req.tenantId ?? null],
  );
  for (const r of resources) {
    await q.query('insert into engine.resource (id, deployment_id, name, bytes, checksum) values ($1, $2, $3, $4, $5)', [
      randomUUID(),
      deployment.id,
      r.name,
      r.content,
      checksum(r.content),
    ]);
  }
  return deployment;
}

async function insertDefinition(q: EngineQueryable, deployment: DeploymentRecord, resourceName: string, graph: ProcessGraph): Promise<ProcessDefinitionRecord> {
  const [{ next }] = await q.query<{ next: number }>('select coalesce(max(version), 0) + 1 as next from engine.process_definition where key = $1', [graph.key]);
  const uuid = randomUUID();
  const id = `${graph.key}:${next}:${uuid}`.length > MAX_ID_LENGTH ? uuid : `${graph.key}:${next}:${uuid}`;
  const [row] = await q.query<ProcessDefinitionRecord>(
    `insert into engine.process_definition as pd
       (id, key, version, name, category, description, version_tag, history_ttl, deployment_id, resource_name, tenant_id, graph, startable)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
     returning ${DEFINITION_COLUMNS}`,
    [
      id,
      graph.key,
      next,
      graph.name ?? null,
      graph.category ?? null,
      graph.description ?? null,
      graph.versionTag ?? null,
      historyDays(graph.historyTimeToLive),
      deployment.id,
      resourceName,
      deployment.tenantId,
      JSON.stringify(graph),
      graph.startableInTasklist ?? true,
    ],
  );
  return row;
}

/** camunda:historyTimeToLive is days, written `180` or `P180D`. */
export function historyDays(ttl: string | undefined): number | null {
  const m = ttl === undefined ? null : /^\s*(?:P(\d+)D|(\d+))\s*$/.exec(ttl);
  return m ? Number(m[1] ?? m[2]) : null;
}

/**
 * Delete a deployment with its resources and definitions. Definitions with running instances block
 * it (Camunda's ProcessEngineException, a 500 there too) unless `cascade`, which deletes them.
 */
export async function deleteDeployment(db: EngineDb, id: string, opts: { cascade?: boolean } = {}): Promise<void> {
  await db.tx(async (q) => {
    const found = await q.query('select id from engine.deployment where id = $1 for update', [id]);
    if (found.length === 0) throw notFound(`Deployment with id '${id}' do not exist`);
    const definitionIds = (await q.query<{ id: string }>('select id from engine.process_definition where deployment_id = $1', [id])).map((r) => r.id);
    if (definitionIds.length) {
      if (!opts.cascade) {
        for (const dependent of DEFINITION_DEPENDENTS) {
          for (const [definitionId, n] of (await dependent.blocking?.(q, definitionIds)) ?? new Map<string, number>()) {
            if (n > 0) {
              throw new EngineError(
                'ProcessEngineException',
                500,
                `ENGINE-03076 Deletion of process definition without cascading failed. Process definition with id: ${definitionId} can't be deleted, since there exists ${n} dependening process instances.`,
              );
            }
          }
        }
      }
      for (const dependent of DEFINITION_DEPENDENTS) if (opts.cascade || !dependent.cascadeOnly) await dependent.remove(q, definitionIds);
    }
    await q.query('delete from engine.deployment where id = $1', [id]); // resources and definitions go with it
  });
}
