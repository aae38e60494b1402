/**
 * Camunda's statistics: per activity of a definition (tokens at rest there, failed jobs,
 * incidents) and per definition (running instances, failed jobs, incidents). Tokens come from the
 * instances' states: a token counts at its activity while it has an activity instance or waits for
 * an asynchronous continuation; a multi-instance body counts as `<activityId>#multiInstanceBody`.
 */
import type { EngineQueryable } from '../db.js';
import { TOKEN_AT_REST } from './instance-queries.js';

export interface IncidentCount {
  incidentType: string;
  incidentCount: number;
}

export interface StatisticsRow {
  id: string;
  instances: number;
  failedJobs: number;
  incidents: IncidentCount[];
}

export interface StatisticsOptions {
  failedJobs?: boolean;
  /** Count incidents (all types, or only `incidentsForType`). */
  incidents?: boolean;
  incidentsForType?: string;
}

const TOKENS = `
  select case when x->'multiInstance' is not null and x->>'scope' = 'true' then (x->>'activityId') || '#multiInstanceBody' else x->>'activityId' end as id
    from engine.process_instance pi, jsonb_each(pi.state->'executions') as e(eid, x)
   where pi.process_definition_id = $1 and x->>'activityId' is not null and ${TOKEN_AT_REST}`;

/** The three counts keyed by `key` (an activity id or a definition id), merged into rows sorted by id. */
function merge(
  instances: { id: string; count: number }[],
  failed: { id: string; count: number }[],
  incidents: { id: string; type: string; count: number }[],
): StatisticsRow[] {
  const rows = new Map<string, StatisticsRow>();
  const row = (id: string) => rows.get(id) ?? rows.set(id, { id, instances: 0, failedJobs: 0, incidents: [] }).get(id)!;
  for (const r of instances) row(r.id).instances = r.count;
  for (const r of failed) row(r.id).failedJobs = r.count;
  for (const r of incidents) row(r.id).incidents.push({ incidentType: r.type, incidentCount: r.count });
  return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function failedJobs(q: EngineQueryable, key: string, where: string, params: unknown[], opts: StatisticsOptions) {
  if (!opts.failedJobs) return [];
  return q.query<{ id: string; count: number }>(`select ${key} as id, count(*)::int as count from engine.job j where j.retries = 0 ${where} group by 1`, params);
}

async function incidentCounts(q: EngineQueryable, key: string, where: string, params: unknown[], opts: StatisticsOptions) {
  if (!opts.incidents && opts.incidentsForType === undefined) return [];
  const type = opts.incidentsForType === undefined ? '' : ` and i.incident_type = $${params.length + 1}`;
  return q.query<{ id: string; type: string; count: number }>(
    `select ${key} as id, i.incident_type as type, count(*)::int as count from engine.incident i where true ${where}${type} group by 1, 2 order by 2`,
    opts.incidentsForType === undefined ? params : [...params, opts.incidentsForType],
  );
}

/** Per activity of `definitionId`. */
export async function activityStatistics(q: EngineQueryable, definitionId: string, opts: StatisticsOptions = {}): Promise<StatisticsRow[]> {
  const instances = await q.query<{ id: string; count: number }>(`select id, count(*)::int as count from (${TOKENS}) t group by id`, [definitionId]);
  const def = 'and process_definition_id = $1';
  return merge(
    instances,
    await failedJobs(q, 'j.activity_id', def, [definitionId], opts),
    await incidentCounts(q, 'i.activity_id', def, [definitionId], opts),
  );
}

/** Per definition that has running instances (or, when asked for, failed jobs or incidents). */
export async function definitionStatistics(q: EngineQueryable, opts: StatisticsOptions = {}): Promise<StatisticsRow[]> {
  const instances = await q.query<{ id: string; count: number }>(
    'select process_definition_id as id, count(*)::int as count from engine.process_instance group by 1',
  );
  return merge(instances, await failedJobs(q, 'j.process_definition_id', '', [], opts), await incidentCounts(q, 'i.process_definition_id', '', [], opts));
}
