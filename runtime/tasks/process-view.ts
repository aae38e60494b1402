/**
 * One process instance as the process view shows it (GET /api/process-instances/:id): the BPMN XML
 * of the definition version it runs on, what ran in it (with who held each user task), where its
 * tokens are now, its open incidents and tasks — all through the EngineClient, so the same on the
 * embedded engine and on a remote Operaton. Visible to whoever may read the instance's record
 * (404 otherwise, as if it did not exist); a process without a record to whoever may see one of
 * its open tasks; admins and service accounts see every instance.
 */
import type { EngineActivityInstance } from '../../engine/index.js';
import { isUnrestricted, modelFor } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError } from '../errors.js';
import { activityOf, instanceSummary, type RecordProcess } from './processes.js';
import { processEntity, readableRecords } from './records.js';
import { mayView, viewTasks, type RecordRef, type TaskDeps } from './view.js';

export interface ProcessIncident {
  id: string;
  /** The activity the incident happened in (the failed one when known). */
  activityId: string | null;
  type: string;
  message: string | null;
  timestamp: string;
}

export interface ProcessView extends RecordProcess {
  record: RecordRef | null;
  bpmnXml: string | null;
  /** Activities holding a token now (a subprocess and the activity inside it both). */
  activeActivityIds: string[];
  incidents: ProcessIncident[];
  /** Display names of the users named in `activities[].assignee` and `tasks[].assignee`, by id. */
  users: Record<string, string>;
}

const notFound = (id: string) => new AppError('not-found', `process instance ${id} not found`);

/** Every activity id in the tree below the root (the root is the process itself). */
function activeIds(tree: EngineActivityInstance | null): string[] {
  const ids = new Set<string>();
  const walk = (node: EngineActivityInstance) => {
    for (const child of node.childActivityInstances) {
      ids.add(child.activityId.replace(/#multiInstanceBody$/, ''));
      walk(child);
    }
    for (const t of node.childTransitionInstances) ids.add(t.activityId);
  };
  if (tree) walk(tree);
  return [...ids];
}

async function displayNames(q: Queryable, ids: (string | null)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && UUID.test(id)))];
  if (wanted.length === 0) return {};
  const rows = await q.query<{ id: string; name: string }>('select id, display_name as name from sec.user where id = any($1::uuid[])', [wanted]);
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

export async function processView(deps: TaskDeps, user: User, id: string): Promise<ProcessView> {
  const [pi] = await deps.engine.processInstancesById([id]);
  if (!pi) throw notFound(id);
  const model = deps.model();
  const entity = pi.businessKey ? processEntity(model, pi.processDefinitionKey) : null;
  let record: RecordRef | null = null;
  if (entity !== null) {
    const readable = await readableRecords(deps.db, user, modelFor(user, model), entity, [pi.businessKey!]);
    const display = readable.get(pi.businessKey!.toLowerCase());
    if (display !== undefined) record = { entity, id: pi.businessKey!, display };
  }
  const running = pi.state === 'ACTIVE' || pi.state === 'SUSPENDED';
  const viewed = await viewTasks(deps, user, running ? await deps.engine.tasks({ processInstanceId: pi.id }) : []);
  if (!isUnrestricted(user) && record === null) {
    // Its record is not theirs to read, or it has none: then only a task they may see shows it.
    const mayViewOne = entity === null && (await Promise.all(viewed.map((v) => mayView(deps, user, v)))).some(Boolean);
    if (!mayViewOne) throw notFound(id);
  }
  const [history, tree, incidents, bpmnXml] = await Promise.all([
    deps.engine.activityHistory(pi.id),
    running ? deps.engine.activityInstances(pi.id) : Promise.resolve(null),
    running ? deps.engine.incidents(pi.id) : Promise.resolve([]),
    deps.engine.definitionXml(pi.processDefinitionId),
  ]);
  const activities = history.map(activityOf);
  const tasks = viewed.map((v) => v.item);
  return {
    ...instanceSummary(pi),
    record,
    bpmnXml,
    activities,
    activeActivityIds: activeIds(tree),
    incidents: incidents.map((i) => ({
      id: i.id,
      activityId: i.failedActivityId ?? i.activityId,
      type: i.incidentType,
      message: i.incidentMessage,
      timestamp: i.incidentTimestamp,
    })),
    tasks,
    users: await displayNames(deps.db, [...activities.map((a) => a.assignee), ...tasks.map((t) => t.assignee)]),
  };
}
