/**
 * Moving from the embedded engine to a remote one (ENGINE_URL) without moving running instances:
 * while the embedded engine still has some, the runtime drains it. New work — deployments and
 * process starts — goes to the remote engine; a message for a business key whose instance still
 * runs embedded goes to that instance (inside the caller's transaction, as on the embedded
 * engine); tasks and history are read from both, and a task is claimed, completed or assigned
 * where it is (a completion or assignment inside a record write too).
 * Once the embedded engine holds no instance, this client behaves as the remote one.
 */
import type { EngineDb, EngineQueryable } from '../db.js';
import { byKeyAndVersion, isTaskCommand, type EngineClient } from './types.js';

/** Whether the embedded engine still runs an instance (of `businessKey`, when given). */
export async function embeddedInstancesRunning(q: EngineQueryable, businessKey?: string): Promise<boolean> {
  const rows =
    businessKey === undefined
      ? await q.query('select 1 from engine.process_instance limit 1')
      : await q.query('select 1 from engine.process_instance where business_key = $1 limit 1', [businessKey]);
  return rows.length > 0;
}

export function drainingClient(embedded: EngineClient, remote: EngineClient, db: EngineDb): EngineClient {
  /** The engine a task id belongs to: the embedded one when it knows the task. */
  const taskEngine = async (id: string) => ((await embedded.task(id)) ? embedded : remote);
  return {
    mode: 'remote',
    deploy: (input) => remote.deploy(input),
    async processDefinitions() {
      // The embedded engine's versions too, while its instances run to their end.
      return [...(await embedded.processDefinitions()), ...(await remote.processDefinitions())].sort(byKeyAndVersion);
    },
    async runningInstanceCounts() {
      return { ...(await embedded.runningInstanceCounts()), ...(await remote.runningInstanceCounts()) };
    },
    async submit(q, command) {
      const stillEmbedded =
        command.type === 'correlate'
          ? await embeddedInstancesRunning(q, command.businessKey)
          : isTaskCommand(command) && (await q.query('select 1 from engine.task where id = $1', [command.taskId])).length > 0;
      return (stillEmbedded ? embedded : remote).submit(q, command);
    },
    startProcess: (c) => remote.startProcess(c),
    async correlateMessage(c) {
      return ((await embeddedInstancesRunning(db, c.businessKey)) ? embedded : remote).correlateMessage(c);
    },
    async tasks(query, page) {
      // Paged: the embedded engine's tasks first, then the remote one's (a draining engine holds few).
      if (!page) return [...(await embedded.tasks(query)), ...(await remote.tasks(query))];
      const own = await embedded.countTasks(query);
      const a = page.firstResult < own ? await embedded.tasks(query, page) : [];
      const rest = page.maxResults - a.length;
      const b = rest > 0 ? await remote.tasks(query, { firstResult: Math.max(0, page.firstResult - own), maxResults: rest }) : [];
      return [...a, ...b];
    },
    async countTasks(query) {
      const [a, b] = await Promise.all([embedded.countTasks(query), remote.countTasks(query)]);
      return a + b;
    },
    async delegateTask(id, userId) {
      await (await taskEngine(id)).delegateTask(id, userId);
    },
    async resolveTask(id, variables) {
      await (await taskEngine(id)).resolveTask(id, variables);
    },
    async setTaskDates(id, dates) {
      await (await taskEngine(id)).setTaskDates(id, dates);
    },
    async task(id) {
      return (await embedded.task(id)) ?? remote.task(id);
    },
    async claimTask(id, userId) {
      await (await taskEngine(id)).claimTask(id, userId);
    },
    async unclaimTask(id) {
      await (await taskEngine(id)).unclaimTask(id);
    },
    async completeTask(id, variables) {
      await (await taskEngine(id)).completeTask(id, variables);
    },
    async taskVariables(id) {
      return (await embedded.taskVariables(id)) ?? remote.taskVariables(id);
    },
    async processInstancesById(ids) {
      const own = await embedded.processInstancesById(ids);
      const rest = ids.filter((id) => !own.some((p) => p.id === id));
      return [...own, ...(await remote.processInstancesById(rest))];
    },
    async processInstances(businessKey) {
      const [a, b] = await Promise.all([embedded.processInstances(businessKey), remote.processInstances(businessKey)]);
      return [...a, ...b];
    },
    async activityHistory(processInstanceId) {
      const own = await embedded.activityHistory(processInstanceId);
      return own.length > 0 ? own : remote.activityHistory(processInstanceId);
    },
    async definitionXml(id) {
      return (await embedded.definitionXml(id)) ?? remote.definitionXml(id);
    },
    async activityInstances(id) {
      return (await embedded.activityInstances(id)) ?? remote.activityInstances(id);
    },
    async incidents(id) {
      const [a, b] = await Promise.all([embedded.incidents(id), remote.incidents(id)]);
      return [...a, ...b];
    },
    start: () => remote.start(),
    stop: () => remote.stop(),
  };
}
