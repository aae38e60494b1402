/**
 * fetchAndLock as Camunda's FetchExternalTasksCmd runs it: pick up to `maxTasks` fetchable tasks
 * (lock expired or never locked, retries left, not suspended) of the requested topics — highest
 * priority first when `usePriority`, then by the requested create-time order, then in creation
 * order — and lock them for the worker, each for its topic's lockDuration, in one statement.
 * `FOR UPDATE SKIP LOCKED` keeps concurrent fetches (other requests, other processes) from ever
 * returning the same task: a row another fetch is locking is passed over, not waited for.
 *
 * Each locked task comes with the variables visible from its execution (only its local ones with
 * `localVariables`; only the named ones with `variables`).
 */
import type { EngineQueryable } from '../db.js';
import { EngineError } from '../errors.js';
import { EXTERNAL_TASK_COLUMNS, EXTERNAL_TASK_FROM, FETCHABLE, type ExternalTaskRecord } from '../persistence/index.js';
import { Where } from '../persistence/query.js';
import { filterValueOfJson, valueCondition } from '../persistence/variable-filters.js';
import type { InstanceState } from '../core/index.js';
import type { TypedValue } from '../values.js';
import { ensureNotNull } from './external-tasks.js';
import { visibleVariables } from './variables.js';

export interface TopicRequest {
  topicName: string;
  /** ms */
  lockDuration: number;
  /** Only these variables (null/absent: all). */
  variables?: string[] | null;
  localVariables?: boolean;
  businessKey?: string | null;
  processDefinitionId?: string | null;
  processDefinitionIdIn?: string[] | null;
  processDefinitionKey?: string | null;
  processDefinitionKeyIn?: string[] | null;
  /** A LIKE pattern, as Camunda matches it. */
  processDefinitionVersionTag?: string | null;
  /** Tasks whose instance has any of these process variables with this value. */
  processVariables?: Record<string, unknown> | null;
  withoutTenantId?: boolean;
  tenantIdIn?: string[] | null;
}

export interface FetchRequest {
  workerId: string;
  maxTasks: number;
  usePriority?: boolean;
  /** Camunda 7.21+: only `createTime` can be sorted by. */
  sorting?: { sortBy: 'createTime'; sortOrder: 'asc' | 'desc' }[];
  topics: TopicRequest[];
}

export interface LockedExternalTask extends ExternalTaskRecord {
  variables: Record<string, TypedValue>;
}

/** Camunda's validation (its EnsureUtil messages; the REST API answers them with 500). */
export function checkFetchRequest(req: FetchRequest): void {
  ensureNotNull('workerId', req.workerId);
  if (!(req.maxTasks >= 0)) throw new EngineError('ProcessEngineException', 500, 'maxResults is not greater than or equal to 0');
  for (const t of req.topics) {
    ensureNotNull('topicName', t.topicName);
    if (!(t.lockDuration > 0)) throw new EngineError('ProcessEngineException', 500, 'lockTime is not greater than 0');
  }
}

/** The requested topics (the last request of a topic name wins, as in Camunda's builder). */
function topicsByName(req: FetchRequest): Map<string, TopicRequest> {
  return new Map(req.topics.map((t) => [t.topicName, t]));
}

/** Any of the topics, each with its own filters (Camunda's per-topic conditions, or'ed). */
function topicCondition(w: Where, topics: Iterable<TopicRequest>): string {
  const options = [...topics].map((t) => {
    const sub: string[] = [`et.topic_name = ${w.param(t.topicName)}`];
    const eq = (column: string, v: unknown) => {
      if (v != null) sub.push(`${column} = ${w.param(v)}`);
    };
    const any = (column: string, v: string[] | null | undefined) => {
      if (v?.length) sub.push(`${column} = any(${w.param(v)}::text[])`);
    };
    eq('coalesce(pi.business_key, et.business_key)', t.businessKey);
    eq('et.process_definition_id', t.processDefinitionId);
    any('et.process_definition_id', t.processDefinitionIdIn);
    eq('et.process_definition_key', t.processDefinitionKey);
    any('et.process_definition_key', t.processDefinitionKeyIn);
    if (t.withoutTenantId) sub.push('et.tenant_id is null');
    else any('et.tenant_id', t.tenantIdIn);
    if (t.processDefinitionVersionTag != null) sub.push(`pd.version_tag like ${w.param(t.processDefinitionVersionTag)}`);
    const vars = Object.entries(t.processVariables ?? {});
    if (vars.length > 0) {
      const matches = vars.map(([name, value]) => valueCondition(w, `(pi.state->'variables'->${w.param(name)})`, 'eq', filterValueOfJson(value), false));
      sub.push(`(${matches.join(' or ')})`);
    }
    return `(${sub.join(' and ')})`;
  });
  return `(${options.join(' or ')})`;
}

function ordering(req: FetchRequest): string {
  const keys = [...(req.usePriority ? ['et.priority desc'] : []), ...(req.sorting ?? []).map((s) => `et.create_time ${s.sortOrder === 'desc' ? 'desc' : 'asc'}`)];
  return [...keys, 'et.seq'].join(', ');
}

/** Lock up to maxTasks tasks for the worker; [] when none is fetchable now. One statement (run it with `inStatement`). */
export async function fetchAndLock(q: EngineQueryable, req: FetchRequest): Promise<LockedExternalTask[]> {
  checkFetchRequest(req);
  const topics = topicsByName(req);
  if (topics.size === 0 || req.maxTasks === 0) return [];
  const w = new Where();
  const durations = w.param(JSON.stringify(Object.fromEntries([...topics.values()].map((t) => [t.topicName, t.lockDuration]))));
  const worker = w.param(req.workerId);
  const cond = topicCondition(w, topics.values());
  const order = ordering(req);
  // The instance's state (for the variables) comes in the same statement as the locked tasks.
  const rows = await q.query<ExternalTaskRecord & { instanceState: InstanceState | null }>(
    `with picked as (
       select et.id from ${EXTERNAL_TASK_FROM}
        where ${FETCHABLE} and ${cond}
        order by ${order}
        limit ${w.param(req.maxTasks)}
        for update of et skip locked
     ), locked as (
       update engine.external_task t
          set worker_id = ${worker}, lock_expiration_time = now() + ((${durations}::jsonb ->> t.topic_name)::bigint * interval '1 millisecond')
         from picked where t.id = picked.id
       returning t.*
     )
     select ${EXTERNAL_TASK_COLUMNS}, pi.state as "instanceState"
       from locked et join engine.process_definition pd on pd.id = et.process_definition_id
       left join engine.process_instance pi on pi.id = et.process_instance_id
      order by ${order}`,
    w.params,
  );
  return rows.map(({ instanceState: state, ...r }) => {
    const topic = topics.get(r.topicName) as TopicRequest;
    return { ...r, variables: state ? pick(visibleVariables(state, r.executionId, topic.localVariables === true), topic.variables) : {} };
  });
}

function pick(vars: Record<string, TypedValue>, names: string[] | null | undefined): Record<string, TypedValue> {
  if (names == null) return vars;
  return Object.fromEntries(names.filter((n) => Object.hasOwn(vars, n)).map((n) => [n, vars[n]]));
}

/**
 * ms until the next lock of a task the request could fetch expires (a long poll sleeps no longer),
 * or null when no such task is locked. Database clock, as the locks.
 */
export async function msUntilNextUnlock(q: EngineQueryable, req: FetchRequest): Promise<number | null> {
  const topics = topicsByName(req);
  if (topics.size === 0) return null;
  const w = new Where();
  const cond = topicCondition(w, topics.values());
  const [row] = await q.query<{ ms: number | null }>(
    `select ceil(extract(epoch from min(et.lock_expiration_time) - now()) * 1000)::float8 as ms from ${EXTERNAL_TASK_FROM}
      where et.lock_expiration_time > now() and not et.suspended and (et.retries is null or et.retries > 0) and ${cond}`,
    w.params,
  );
  return row?.ms ?? null;
}
