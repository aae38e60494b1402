/**
 * End-to-end scenario support: every step goes through /engine-rest over real HTTP (never the shell
 * or the database), as a Camunda 7.22 client would drive it — deploy an inline model, start, work
 * the tasks, correlate messages, fire timers through the job API, then read history, variables
 * and tasks back through the REST API.
 */
import { modelerXml } from '../core/support.js';
import { deployModels, sendJsonTo, startEngineRest, type EngineRestServer, type RestResponse } from '../support.js';

export { external, flow, message, modelerXml, start, timer, userTask } from '../core/support.js';
export type { EngineRestServer } from '../support.js';

/** One REST server (fresh database) for the file; asserts after each test that nothing failed unexpectedly. */
export function useEngineRest(prefix: string): { readonly api: EngineRestServer } {
  const holder = {} as { api: EngineRestServer };
  beforeAll(async () => {
    holder.api = await startEngineRest(prefix);
  });
  afterAll(async () => holder.api.stop());
  afterEach(() => expect(holder.api.errors).toEqual([]));
  return holder;
}

/** A request that must answer `status` (default 200/204); its body. */
export async function ok(res: Promise<RestResponse> | RestResponse, status?: number): Promise<any> {
  const r = await res;
  if (status === undefined ? r.status !== 200 && r.status !== 204 : r.status !== status) throw new Error(`expected ${status ?? '2xx'}, got ${r.status} ${r.text}`);
  return r.body;
}

/** Deploys one inline process (`body`: its flow elements); returns its definition. */
export async function deploy(api: EngineRestServer, processId: string, body: string, rootElements = ''): Promise<{ id: string; key: string; version: number }> {
  const defs = await deployModels(api, { [`${processId}.bpmn`]: modelerXml(processId, body, rootElements) }, processId);
  return defs[processId];
}

/** Plain values → Camunda's typed variable DTOs (String, Boolean, Integer/Long, Double, Null, Json). */
export function typed(values: Record<string, unknown>): Record<string, { value: unknown; type: string }> {
  const one = (v: unknown) => {
    if (v === null) return { value: null, type: 'Null' };
    if (typeof v === 'string') return { value: v, type: 'String' };
    if (typeof v === 'boolean') return { value: v, type: 'Boolean' };
    if (typeof v === 'number') return { value: v, type: !Number.isInteger(v) ? 'Double' : Math.abs(v) < 2 ** 31 ? 'Integer' : 'Long' };
    return { value: JSON.stringify(v), type: 'Json' };
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, one(v)]));
}

/** Starts the latest `key` with plain variables (typed by `typed`); returns the process instance id. */
export async function startInstance(api: EngineRestServer, key: string, variables: Record<string, unknown> = {}, businessKey?: string): Promise<string> {
  const res = await ok(sendJsonTo(api, 'POST', `/process-definition/key/${key}/start`, { variables: typed(variables), businessKey }));
  return res.id;
}

const query = (filter: Record<string, string | number | boolean>) => new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)])).toString();

/** Activity ids of the instance's history, in Camunda's `occurrence` order. */
export async function history(api: EngineRestServer, processInstanceId: string): Promise<string[]> {
  return (await activityInstances(api, processInstanceId)).map((a) => a.activityId);
}

/** The historic activity instances (HistoricActivityInstanceDto) of an instance, in occurrence order. */
export async function activityInstances(api: EngineRestServer, processInstanceId: string): Promise<any[]> {
  return ok(api.get(`/history/activity-instance?${query({ processInstanceId, sortBy: 'occurrence', sortOrder: 'asc' })}`));
}

/** Activity ids of the canceled activity instances, in occurrence order. */
export async function canceled(api: EngineRestServer, processInstanceId: string): Promise<string[]> {
  return (await activityInstances(api, processInstanceId)).filter((a) => a.canceled).map((a) => a.activityId);
}

/** The historic process instance's state: ACTIVE, COMPLETED, INTERNALLY_TERMINATED, … */
export async function state(api: EngineRestServer, processInstanceId: string): Promise<string> {
  return (await ok(api.get(`/history/process-instance/${processInstanceId}`))).state;
}

/** GET /task with a filter (TaskDto list, sorted by Camunda's default order). */
export function tasks(api: EngineRestServer, filter: Record<string, string | number | boolean>): Promise<any[]> {
  return ok(api.get(`/task?${query(filter)}`));
}

/** The task definition keys of the instance's open tasks, sorted. */
export async function openTaskKeys(api: EngineRestServer, processInstanceId: string): Promise<string[]> {
  return (await tasks(api, { processInstanceId })).map((t) => t.taskDefinitionKey).sort();
}

/** The one open task of an instance (optionally at `taskDefinitionKey`). */
export async function taskOf(api: EngineRestServer, processInstanceId: string, taskDefinitionKey?: string): Promise<any> {
  const found = await tasks(api, taskDefinitionKey === undefined ? { processInstanceId } : { processInstanceId, taskDefinitionKey });
  if (found.length !== 1) throw new Error(`expected one task of ${processInstanceId} ${taskDefinitionKey ?? ''}, found ${found.length}`);
  return found[0];
}

export async function completeTask(api: EngineRestServer, taskId: string, variables: Record<string, unknown> = {}): Promise<void> {
  await ok(sendJsonTo(api, 'POST', `/task/${taskId}/complete`, { variables: typed(variables) }), 204);
}

/** Completes the one open task at `taskDefinitionKey` of the instance. */
export async function completeTaskAt(api: EngineRestServer, processInstanceId: string, taskDefinitionKey: string, variables: Record<string, unknown> = {}): Promise<void> {
  await completeTask(api, (await taskOf(api, processInstanceId, taskDefinitionKey)).id, variables);
}

/** fetchAndLock of every task of `topic` (optionally of one instance); the LockedExternalTaskDtos. */
export async function fetch(api: EngineRestServer, topic: string, processInstanceId?: string, maxTasks = 10): Promise<any[]> {
  const t: Record<string, unknown> = { topicName: topic, lockDuration: 60000 };
  if (processInstanceId) t.processInstanceId = processInstanceId;
  return ok(sendJsonTo(api, 'POST', '/external-task/fetchAndLock', { workerId: 'scenario-worker', maxTasks, topics: [t] }));
}

/** Fetches the one task of `topic` (of the instance, if given) and completes it with `variables`; the locked task. */
export async function fetchAndComplete(api: EngineRestServer, topic: string, variables: Record<string, unknown> = {}, processInstanceId?: string): Promise<any> {
  const locked = await fetch(api, topic, processInstanceId, 1);
  if (locked.length !== 1) throw new Error(`no external task of topic ${topic} to fetch`);
  await ok(sendJsonTo(api, 'POST', `/external-task/${locked[0].id}/complete`, { workerId: 'scenario-worker', variables: typed(variables) }), 204);
  return locked[0];
}

/** Fetches the one task of `topic` and reports a BPMN error for it. */
export async function fetchAndThrow(api: EngineRestServer, topic: string, errorCode: string, extra: { errorMessage?: string; variables?: Record<string, unknown> } = {}, processInstanceId?: string): Promise<any> {
  const locked = await fetch(api, topic, processInstanceId, 1);
  if (locked.length !== 1) throw new Error(`no external task of topic ${topic} to fetch`);
  const body = { workerId: 'scenario-worker', errorCode, errorMessage: extra.errorMessage, variables: extra.variables && typed(extra.variables) };
  await ok(sendJsonTo(api, 'POST', `/external-task/${locked[0].id}/bpmnError`, body), 204);
  return locked[0];
}

/** The jobs (JobDto) matching a /job query. */
export function jobs(api: EngineRestServer, filter: Record<string, string | number | boolean>): Promise<any[]> {
  return ok(api.get(`/job?${query(filter)}`));
}

/** Executes now every job matching the filter (POST /job/{id}/execute); how many ran. */
export async function executeJobs(api: EngineRestServer, filter: Record<string, string | number | boolean>): Promise<number> {
  const found = await jobs(api, filter);
  for (const job of found) await ok(sendJsonTo(api, 'POST', `/job/${job.id}/execute`), 204);
  return found.length;
}

/** Fires the instance's timers (optionally those of one activity) now; how many fired. */
export function fireTimers(api: EngineRestServer, processInstanceId: string, activityId?: string): Promise<number> {
  return executeJobs(api, activityId === undefined ? { processInstanceId, timers: true } : { processInstanceId, timers: true, activityId });
}

/**
 * Fires the instance's timers once each is due (waiting in real time for it): a cycle's schedule
 * only advances with the clock — a timer executed early gets the same due date again, as in Camunda.
 */
export async function fireTimersWhenDue(api: EngineRestServer, filter: Record<string, string | number | boolean>): Promise<number> {
  const found = await jobs(api, { ...filter, timers: true });
  for (const job of found) {
    const wait = Date.parse(String(job.dueDate).replace('+0000', 'Z')) - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait + 5));
    await ok(sendJsonTo(api, 'POST', `/job/${job.id}/execute`), 204);
  }
  return found.length;
}

/** POST /message; with `resultEnabled` the correlation results, else undefined. */
export async function correlate(api: EngineRestServer, messageName: string, body: Record<string, unknown> = {}): Promise<any> {
  return ok(sendJsonTo(api, 'POST', '/message', { messageName, ...body }));
}

/** The instance's process-scope variables as `name → {type, value}`, from the history (so ended instances too). */
export async function variables(api: EngineRestServer, processInstanceId: string): Promise<Record<string, { type: string; value: unknown }>> {
  const found = await ok(api.get(`/history/variable-instance?${query({ processInstanceId, activityInstanceIdIn: processInstanceId })}`));
  return Object.fromEntries(found.map((v: any) => [v.name, { type: v.type, value: v.value }]));
}

/** The instance's process-scope variables as plain `name → value`. */
export async function values(api: EngineRestServer, processInstanceId: string): Promise<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(await variables(api, processInstanceId)).map(([k, v]) => [k, v.value]));
}

/** Historic process instances (HistoricProcessInstanceDto) matching a filter. */
export function historicInstances(api: EngineRestServer, filter: Record<string, string | number | boolean>): Promise<any[]> {
  return ok(api.get(`/history/process-instance?${query(filter)}`));
}

// ---- inline BPMN building blocks (as Camunda Modeler writes them) ----

/** `<bpmn:timerEventDefinition>` with a timeDuration, timeDate or timeCycle. */
export const timerOf = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
export const errorDef = (ref?: string, extra = '') => `<bpmn:errorEventDefinition${ref ? ` errorRef="${ref}"` : ''}${extra ? ` ${extra}` : ''} />`;
/** A boundary event on `host` (interrupting unless `interrupting` is false). */
export const boundary = (id: string, host: string, definition: string, interrupting = true) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}"${interrupting ? '' : ' cancelActivity="false"'}>${definition}</bpmn:boundaryEvent>`;
export const endEvent = (id: string, definition = '') => (definition ? `<bpmn:endEvent id="${id}">${definition}</bpmn:endEvent>` : `<bpmn:endEvent id="${id}" />`);
export const messageRoot = (id: string, name: string) => `<bpmn:message id="${id}" name="${name}" />`;
export const errorRoot = (id: string, code: string, message?: string) =>
  `<bpmn:error id="${id}" name="${id}" errorCode="${code}"${message === undefined ? '' : ` camunda:errorMessage="${message}"`} />`;
/** Flows chaining the ids in order: F1 a→b, F2 b→c, … (ids prefixed by `prefix`). */
export const chain = (ids: string[], prefix = 'F') => ids.slice(1).map((id, i) => `<bpmn:sequenceFlow id="${prefix}${i + 1}" sourceRef="${ids[i]}" targetRef="${id}" />`).join('\n');

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
