/**
 * `/process-instance`: query running instances (GET/POST list and count), get, delete, suspend or
 * activate (one, or all of a definition), the activity instance tree, and the process variables.
 */
import { Router } from 'express';
import { invalidRequest, notFound } from '../../errors.js';
import { INSTANCE_SORT, instanceQueries, type InstanceFilter, type InstanceRecord, type InstanceSortBy } from '../../persistence/index.js';
import type { EngineQueryable } from '../../db.js';
import { deleteInstance, inTransaction, loadDefinition, loadInstance, setInstancesSuspended, type InstanceSelector } from '../../shell/index.js';
import { activityInstanceTree, type ActivityInstanceDto } from '../activity-instance-tree.js';
import { processInstanceDto } from '../dto.js';
import { addInstanceVariableRoutes } from '../instance-variables.js';
import { addListRoutes, queryBody } from '../list-routes.js';
import { parseFilters, type ParamKind } from '../params.js';
import { sendJson, sendNoContent } from '../send.js';
import { variablesFromBody, variablesFromQuery } from '../variable-query.js';
import type { RestDeps, RestResource } from './resource.js';

const FILTERS: { [K in keyof InstanceFilter]?: ParamKind } = {
  processInstanceIds: 'stringList',
  businessKey: 'string',
  businessKeyLike: 'string',
  processDefinitionId: 'string',
  processDefinitionKey: 'string',
  processDefinitionKeyIn: 'stringList',
  processDefinitionKeyNotIn: 'stringList',
  deploymentId: 'string',
  superProcessInstance: 'string',
  subProcessInstance: 'string',
  active: 'boolean',
  suspended: 'boolean',
  withIncident: 'boolean',
  incidentId: 'string',
  incidentType: 'string',
  incidentMessage: 'string',
  incidentMessageLike: 'string',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  processDefinitionWithoutTenantId: 'boolean',
  activityIdIn: 'stringList',
  rootProcessInstances: 'boolean',
  leafProcessInstances: 'boolean',
  variableNamesIgnoreCase: 'boolean',
  variableValuesIgnoreCase: 'boolean',
};

const dto = (p: InstanceRecord) => processInstanceDto({ ...p, ended: false });

async function byId(deps: RestDeps, id: string): Promise<InstanceRecord> {
  const row = await instanceQueries.byId(deps.db, id);
  if (!row) throw notFound(`Process instance with id ${id} does not exist`);
  return row;
}

function suspendedFlag(body: Record<string, unknown>): boolean {
  const { suspended } = body;
  if (suspended === undefined || suspended === null) return false; // Camunda's primitive boolean defaults to false
  if (typeof suspended !== 'boolean') throw invalidRequest(`Cannot set 'suspended' to value '${JSON.stringify(suspended)}': a boolean is required`);
  return suspended;
}

/** `PUT /process-instance/suspended`: by definition id, by definition key (+ tenant), or a list of instance ids. */
function bulkSelector(body: Record<string, unknown>): InstanceSelector {
  const text = (name: string) => {
    const v = body[name];
    if (v !== undefined && v !== null && typeof v !== 'string') throw invalidRequest(`Cannot set '${name}' to value '${JSON.stringify(v)}'`);
    return (v ?? undefined) as string | undefined;
  };
  const definitionId = text('processDefinitionId');
  const definitionKey = text('processDefinitionKey');
  const ids = body.processInstanceIds;
  if (definitionId !== undefined && definitionKey !== undefined) {
    throw invalidRequest('Only one of processDefinitionId or processDefinitionKey should be set to update the suspension state.');
  }
  if (definitionId !== undefined) return { definitionId };
  if (definitionKey !== undefined) {
    return { definitionKey, tenantId: text('processDefinitionTenantId') ?? null, withoutTenantId: body.processDefinitionWithoutTenantId === true };
  }
  if (Array.isArray(ids) && ids.every((i) => typeof i === 'string')) return { instanceIds: ids as string[] };
  throw invalidRequest('Either processDefinitionId or processDefinitionKey can be set to update the suspension state.');
}

/** The instance's activity instance tree, or null when no such instance runs (ended or unknown). */
export async function loadActivityInstances(db: EngineQueryable, id: string): Promise<ActivityInstanceDto | null> {
  const row = await loadInstance(db, id);
  if (!row) return null;
  const def = await loadDefinition(db, row.processDefinitionId);
  const ids = Object.values(row.state.executions).flatMap((e) => (e.activityInstanceId ? [e.activityInstanceId] : []));
  const acts = await db.query<{ id: string; type: string; name: string | null }>(
    'select id, activity_type as type, activity_name as name from engine.hi_activity_instance where id = any($1::text[])',
    [ids],
  );
  const incidents = await db.query<{ id: string; executionId: string | null; activityId: string | null }>(
    'select id, execution_id as "executionId", activity_id as "activityId" from engine.incident where process_instance_id = $1 order by incident_timestamp, id',
    [id],
  );
  return activityInstanceTree({
    state: row.state,
    definitionId: def.record.id,
    definitionName: def.record.name,
    graph: def.graph,
    activities: new Map(acts.map((a) => [a.id, { type: a.type, name: a.name }])),
    incidents,
  });
}

async function activityInstances({ db }: RestDeps, id: string): Promise<ActivityInstanceDto> {
  const tree = await loadActivityInstances(db, id);
  if (!tree) throw notFound(`Process instance with id ${id} does not exist`);
  return tree;
}

export const processInstanceResource: RestResource = {
  path: '/process-instance',
  routes(deps) {
    const { db } = deps;
    const r = Router();
    addListRoutes<InstanceFilter, InstanceSortBy, InstanceRecord>(r, db, {
      filters: FILTERS,
      sortKeys: Object.keys(INSTANCE_SORT) as InstanceSortBy[],
      queries: instanceQueries,
      toDto: dto,
      fromQuery: (query) => ({ variables: variablesFromQuery(query, 'variables') }),
      fromBody: (body) => ({ variables: variablesFromBody(body, 'variables') }),
      post: true,
    });
    r.put('/suspended', async (req, res) => {
      const body = queryBody(req);
      const suspended = suspendedFlag(body);
      const selector = bulkSelector(body);
      await inTransaction(db, (tx) => setInstancesSuspended(tx, selector, suspended));
      sendNoContent(res);
    });
    r.get('/:id', async (req, res) => sendJson(res, 200, dto(await byId(deps, req.params.id))));
    r.delete('/:id', async (req, res) => {
      const { failIfNotExists } = parseFilters<{ failIfNotExists?: boolean }>(req.query, { failIfNotExists: 'boolean' });
      parseFilters(req.query, { skipCustomListeners: 'boolean', skipIoMappings: 'boolean', skipSubprocesses: 'boolean' }); // accepted (checked), nothing to skip here
      const deleted = await inTransaction(db, (tx) => deleteInstance(tx, deps.shell, req.params.id));
      if (!deleted && failIfNotExists !== false) throw notFound(`Process instance with id ${req.params.id} does not exist`);
      sendNoContent(res);
    });
    r.put('/:id/suspended', async (req, res) => {
      const suspended = suspendedFlag(queryBody(req));
      const ids = await inTransaction(db, (tx) => setInstancesSuspended(tx, { instanceIds: [req.params.id] }, suspended));
      if (ids.length === 0) throw notFound(`Process instance with id ${req.params.id} does not exist`);
      sendNoContent(res);
    });
    r.get('/:id/activity-instances', async (req, res) => sendJson(res, 200, await activityInstances(deps, req.params.id)));
    addInstanceVariableRoutes(r, deps);
    return r;
  },
};
