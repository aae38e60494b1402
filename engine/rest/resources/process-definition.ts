/** `/process-definition`: list, count, get by id or by key (latest version), and the BPMN XML. */
import { Router } from 'express';
import type { EngineQueryable } from '../../db.js';
import { EngineError, invalidRequest, notFound, wrapping } from '../../errors.js';
import type { TypedValue } from '../../values.js';
import {
  countDefinitions,
  DEFINITION_SORT,
  getDefinition,
  getDefinitionXml,
  getLatestDefinition,
  listDefinitions,
  type DefinitionFilter,
  type DefinitionSortBy,
  type ProcessDefinitionRecord,
} from '../../persistence/index.js';
import { inTransaction, loadDefinition, startInstance } from '../../shell/index.js';
import { addStatisticsRoutes } from '../definition-statistics.js';
import { processDefinitionDto, processInstanceDto } from '../dto.js';
import { fromVariableDtos, toVariableDtos, type VariableValueDto } from '../variables.js';
import { parseFilters, parsePage, type ParamSpec } from '../params.js';
import { sendJson } from '../send.js';
import type { RestDeps, RestResource } from './resource.js';
import type { Request, Response } from 'express';

const FILTERS: ParamSpec<DefinitionFilter> = {
  processDefinitionId: 'string',
  processDefinitionIdIn: 'stringList',
  key: 'string',
  keysIn: 'stringList',
  keyLike: 'string',
  name: 'string',
  nameLike: 'string',
  category: 'string',
  categoryLike: 'string',
  deploymentId: 'string',
  resourceName: 'string',
  resourceNameLike: 'string',
  version: 'integer',
  versionTag: 'string',
  versionTagLike: 'string',
  withoutVersionTag: 'boolean',
  latestVersion: 'boolean',
  suspended: 'boolean',
  active: 'boolean',
  startableInTasklist: 'boolean',
  notStartableInTasklist: 'boolean',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
};
const SORT_KEYS = Object.keys(DEFINITION_SORT) as DefinitionSortBy[];

async function byId(q: EngineQueryable, id: string): Promise<ProcessDefinitionRecord> {
  const def = await getDefinition(q, id);
  if (!def) throw notFound(`No matching definition with id ${id}`);
  return def;
}

/** `/key/{key}`: the latest version deployed without tenant; Camunda answers a miss with a RestException. */
export async function byKey(q: EngineQueryable, key: string): Promise<ProcessDefinitionRecord> {
  const def = await getLatestDefinition(q, key);
  if (!def) throw new EngineError('RestException', 404, `No matching process definition with key: ${key} and no tenant-id`);
  return def;
}

async function xml(q: EngineQueryable, def: ProcessDefinitionRecord) {
  const bpmn20Xml = await getDefinitionXml(q, def.id);
  if (bpmn20Xml === null) throw notFound(`No matching definition with id ${def.id}`);
  return { id: def.id, bpmn20Xml };
}

interface StartBody {
  variables?: Record<string, VariableValueDto> | null;
  businessKey?: string | null;
  caseInstanceId?: string | null;
  startInstructions?: unknown[] | null;
  skipCustomListeners?: boolean;
  skipIoMappings?: boolean;
  withVariablesInReturn?: boolean;
}

/** `POST …/start`: Camunda's ProcessInstanceWithVariablesDto (variables only with withVariablesInReturn). */
async function start({ db, shell }: RestDeps, def: ProcessDefinitionRecord, req: Request, res: Response): Promise<void> {
  const body = (req.body ?? {}) as StartBody;
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('The request body must be a JSON object.');
  if (body.startInstructions?.length) throw invalidRequest('startInstructions are not supported by this engine: start at the process\'s start event.');
  if (body.businessKey !== undefined && body.businessKey !== null && typeof body.businessKey !== 'string') {
    throw invalidRequest(`Cannot instantiate process definition ${def.id}: businessKey must be a string`);
  }
  const variables = fromVariableDtos(body.variables, `Cannot instantiate process definition ${def.id}`);
  let state;
  try {
    state = await inTransaction(db, async (tx) => startInstance(tx, shell, await loadDefinition(tx.q, def.id), { businessKey: body.businessKey ?? null, variables }));
  } catch (e) {
    // The engine refusing the start (an expression, the model): Camunda's REST answers 500 RestException (Operaton conformance).
    throw e instanceof EngineError && e.type === 'ProcessEngineException' ? wrapping(e, 'RestException', 500, `Cannot instantiate process definition ${def.id}`) : e;
  }
  const self = `${req.protocol}://${req.get('host')}${req.baseUrl.replace(/\/process-definition$/, '')}/process-instance/${encodeURIComponent(state.id)}`;
  const dto = processInstanceDto(
    { id: state.id, definitionId: def.id, definitionKey: def.key, businessKey: state.businessKey, ended: state.status !== 'active', suspended: false, tenantId: def.tenantId },
    self,
  );
  sendJson(res, 200, body.withVariablesInReturn ? { ...dto, variables: toVariableDtos(state.variables as Record<string, TypedValue>) } : dto);
}

export const processDefinitionResource: RestResource = {
  path: '/process-definition',
  routes(deps) {
    const { db } = deps;
    const r = Router();
    r.get('/', async (req, res) => {
      const rows = await listDefinitions(db, { ...parseFilters(req.query, FILTERS), ...parsePage(req.query, SORT_KEYS) });
      sendJson(res, 200, rows.map(processDefinitionDto));
    });
    r.get('/count', async (req, res) => {
      sendJson(res, 200, { count: await countDefinitions(db, parseFilters(req.query, FILTERS)) });
    });
    addStatisticsRoutes(r, db, { byId: (id) => byId(db, id), byKey: (key) => byKey(db, key) });
    r.get('/key/:key', async (req, res) => sendJson(res, 200, processDefinitionDto(await byKey(db, req.params.key))));
    r.get('/key/:key/xml', async (req, res) => sendJson(res, 200, await xml(db, await byKey(db, req.params.key))));
    r.post('/key/:key/start', async (req, res) => start(deps, await byKey(db, req.params.key), req, res));
    r.post('/:id/start', async (req, res) => start(deps, await byId(db, req.params.id), req, res));
    r.get('/:id', async (req, res) => sendJson(res, 200, processDefinitionDto(await byId(db, req.params.id))));
    r.get('/:id/xml', async (req, res) => sendJson(res, 200, await xml(db, await byId(db, req.params.id))));
    return r;
  },
};
