/**
 * `GET /process-definition/statistics` (per definition: running instances, failed jobs,
 * incidents) and `GET /process-definition/{id}/statistics`, `/key/{key}/statistics` (per activity:
 * tokens there, failed jobs, incidents). Failed jobs and incidents are counted only when asked
 * for (`failedJobs=true`, `incidents=true` or `incidentsForType=…`), as in Camunda.
 */
import type { Request, Router } from 'express';
import type { EngineDb } from '../db.js';
import { invalidRequest } from '../errors.js';
import { activityStatistics, definitionStatistics, listDefinitions, type ProcessDefinitionRecord, type StatisticsOptions } from '../persistence/index.js';
import { processDefinitionDto } from './dto.js';
import { parseFilters } from './params.js';
import { sendJson } from './send.js';

function options(req: Request): StatisticsOptions {
  const o = parseFilters<StatisticsOptions & { rootIncidents?: boolean }>(req.query, {
    failedJobs: 'boolean',
    incidents: 'boolean',
    incidentsForType: 'string',
    rootIncidents: 'boolean',
  });
  const set = [o.incidents, o.incidentsForType !== undefined, o.rootIncidents].filter((x) => x === true).length;
  if (set > 1) throw invalidRequest('Only one of the query parameter includeIncidents, includeRootIncidents or includeIncidentsForType can be set.');
  return { failedJobs: o.failedJobs, incidents: o.incidents || o.rootIncidents, incidentsForType: o.incidentsForType };
}

/** Adds the routes; `definition(req)` resolves `/:id` and `/key/:key` (404 when unknown). */
export function addStatisticsRoutes(r: Router, db: EngineDb, definition: { byId(id: string): Promise<ProcessDefinitionRecord>; byKey(key: string): Promise<ProcessDefinitionRecord> }): void {
  r.get('/statistics', async (req, res) => {
    const rows = await definitionStatistics(db, options(req));
    const defs = await listDefinitions(db, { processDefinitionIdIn: rows.map((s) => s.id) });
    const byId = new Map(defs.map((d) => [d.id, d]));
    sendJson(
      res,
      200,
      rows.flatMap((s) => {
        const def = byId.get(s.id);
        return def ? [{ id: s.id, instances: s.instances, failedJobs: s.failedJobs, definition: processDefinitionDto(def), incidents: s.incidents }] : [];
      }),
    );
  });
  const activities = async (req: Request, def: ProcessDefinitionRecord) =>
    (await activityStatistics(db, def.id, options(req))).map((s) => ({ id: s.id, instances: s.instances, failedJobs: s.failedJobs, incidents: s.incidents }));
  r.get('/key/:key/statistics', async (req, res) => sendJson(res, 200, await activities(req, await definition.byKey(req.params.key))));
  r.get('/:id/statistics', async (req, res) => sendJson(res, 200, await activities(req, await definition.byId(req.params.id))));
}
