/** `/process-definition`: list, count, get by id or by key (latest version), and the BPMN XML. */
import { Router } from 'express';
import type { EngineQueryable } from '../../db.js';
import { EngineError, notFound } from '../../errors.js';
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
import { processDefinitionDto } from '../dto.js';
import { parseFilters, parsePage, type ParamSpec } from '../params.js';
import { sendJson } from '../send.js';
import type { RestResource } from './resource.js';

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
async function byKey(q: EngineQueryable, key: string): Promise<ProcessDefinitionRecord> {
  const def = await getLatestDefinition(q, key);
  if (!def) throw new EngineError('RestException', 404, `No matching process definition with key: ${key} and no tenant-id`);
  return def;
}

async function xml(q: EngineQueryable, def: ProcessDefinitionRecord) {
  const bpmn20Xml = await getDefinitionXml(q, def.id);
  if (bpmn20Xml === null) throw notFound(`No matching definition with id ${def.id}`);
  return { id: def.id, bpmn20Xml };
}

export const processDefinitionResource: RestResource = {
  path: '/process-definition',
  routes({ db }) {
    const r = Router();
    r.get('/', async (req, res) => {
      const rows = await listDefinitions(db, { ...parseFilters(req.query, FILTERS), ...parsePage(req.query, SORT_KEYS) });
      sendJson(res, 200, rows.map(processDefinitionDto));
    });
    r.get('/count', async (req, res) => {
      sendJson(res, 200, { count: await countDefinitions(db, parseFilters(req.query, FILTERS)) });
    });
    r.get('/key/:key', async (req, res) => sendJson(res, 200, processDefinitionDto(await byKey(db, req.params.key))));
    r.get('/key/:key/xml', async (req, res) => sendJson(res, 200, await xml(db, await byKey(db, req.params.key))));
    r.get('/:id', async (req, res) => sendJson(res, 200, processDefinitionDto(await byId(db, req.params.id))));
    r.get('/:id/xml', async (req, res) => sendJson(res, 200, await xml(db, await byId(db, req.params.id))));
    return r;
  },
};
