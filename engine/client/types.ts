/**
 * EngineClient — everything the runtime does with processes, on either engine: the embedded one
 * (in-process, inside the caller's transaction) or any Camunda-7-REST engine such as Operaton
 * (`ENGINE_URL`, HTTP, commands through a transactional outbox). Results are Camunda 7 REST DTOs,
 * so a caller cannot tell the two apart.
 */
import type { EngineQueryable } from '../db.js';
import type { ActivityInstanceDto } from '../rest/activity-instance-tree.js';
import type { processDefinitionDto, taskDto } from '../rest/dto.js';
import type { historicActivityInstanceDto, historicProcessInstanceDto } from '../rest/history-dto.js';
import type { incidentDto } from '../rest/resources/incident.js';
import type { VariableValueDto } from '../rest/variables.js';

/** Camunda-typed variables: `{ name: { value, type } }`. */
export type Variables = Record<string, VariableValueDto>;

/** Start the latest version of `processKey` for a business key (a record id). */
export interface StartCommand {
  type: 'start';
  processKey: string;
  businessKey: string;
  variables?: Variables;
}

/**
 * Deliver a message to every execution of the business key's instances waiting for it (none is
 * fine: a record event may come when no process waits), or start a process by its message start
 * event when no instance waits and one has it — Camunda's `correlateAll`.
 */
export interface CorrelateCommand {
  type: 'correlate';
  messageName: string;
  businessKey: string;
  processVariables?: Variables;
}

/**
 * Make `userId` the assignee of an open user task (task assignees are user ids — uuid strings —
 * in this product: docs/security.md). Idempotent: setting the same assignee twice changes nothing.
 */
export interface SetAssigneeCommand {
  type: 'setAssignee';
  taskId: string;
  userId: string;
}

/**
 * Complete an open user task with variables (set on the process instance, as Camunda's task
 * complete does). Idempotent on delivery: a task that is gone was completed by an earlier attempt
 * (or by someone else), and is not completed again.
 */
export interface CompleteCommand {
  type: 'complete';
  taskId: string;
  variables?: Variables;
}

/**
 * Resolve a delegated (PENDING) task with variables: it goes back to its owner (Camunda's resolve;
 * a delegated task is resolved, not completed). Idempotent on delivery as `complete`.
 */
export interface ResolveCommand {
  type: 'resolve';
  taskId: string;
  variables?: Variables;
}

export type EngineCommand = StartCommand | CorrelateCommand | SetAssigneeCommand | CompleteCommand | ResolveCommand;

/** Commands that act on one task (ordered per task in the outbox, not per business key). */
export type TaskCommand = SetAssigneeCommand | CompleteCommand | ResolveCommand;
export const isTaskCommand = (c: EngineCommand): c is TaskCommand => c.type === 'setAssignee' || c.type === 'complete' || c.type === 'resolve';

/**
 * The variable each command leaves on the instances it started or reached: a retried delivery
 * asks the engine whether its command id is there before sending again (idempotence).
 */
export const COMMAND_ID_VARIABLE = 'crmCommandId';

/** `variables` plus the command's id under COMMAND_ID_VARIABLE. */
export const withCommandId = (variables: Variables | undefined, commandId: string): Variables => ({
  ...variables,
  [COMMAND_ID_VARIABLE]: { value: commandId, type: 'String' },
});

/** What `submit` hands back: run `afterCommit` once the caller's transaction committed. */
export interface Submitted {
  commandId: string;
  afterCommit(): void;
}

export type TaskDto = ReturnType<typeof taskDto>;
export type ProcessDefinitionDto = ReturnType<typeof processDefinitionDto>;
export type HistoricProcessInstanceDto = ReturnType<typeof historicProcessInstanceDto>;
export type HistoricActivityInstanceDto = ReturnType<typeof historicActivityInstanceDto>;
export type IncidentDto = ReturnType<typeof incidentDto>;
export type { ActivityInstanceDto };

/** Camunda's TaskQueryDto (as `POST /task` takes it): the filters the runtime uses. */
export interface TaskQuery {
  taskId?: string;
  taskIdIn?: string[];
  processInstanceId?: string;
  processInstanceBusinessKey?: string;
  processDefinitionKey?: string;
  taskDefinitionKey?: string;
  assignee?: string;
  candidateUser?: string;
  candidateGroups?: string[];
  /** Candidate filters see unassigned tasks only, unless this is true (Camunda's rule). */
  includeAssignedTasks?: boolean;
  unassigned?: boolean;
  owner?: string;
  delegationState?: 'PENDING' | 'RESOLVED';
  name?: string;
  nameLike?: string;
  /** Dates as Camunda's REST API writes them (`yyyy-MM-dd'T'HH:mm:ss.SSSZ`). */
  dueBefore?: string;
  dueAfter?: string;
  createdAfter?: string;
  minPriority?: number;
  maxPriority?: number;
  sorting?: { sortBy: string; sortOrder: 'asc' | 'desc' }[];
}

/** Camunda's paging of a query (`firstResult`, `maxResults`). */
export interface QueryPage {
  firstResult: number;
  maxResults: number;
}

/** The dates of an open task a user may change (null: none). */
export interface TaskDates {
  due: string | null;
  followUp: string | null;
}

/** The source of the runtime's deployments unless a deploy names another. */
export const DEFAULT_DEPLOY_SOURCE = 'crm-runtime';

/** Definitions in key order, each key's versions oldest first. */
export const byKeyAndVersion = (a: ProcessDefinitionDto, b: ProcessDefinitionDto): number => (a.key === b.key ? a.version - b.version : a.key < b.key ? -1 : 1);

export interface DeployInput {
  name: string;
  resources: { name: string; content: Buffer }[];
  /** The deployment's source (default `crm-runtime`): duplicate filtering compares with earlier deployments of the same name and source. */
  source?: string;
  /** Duplicate filtering, changed resources only (default true); false deploys a new version of every resource. */
  duplicateFiltering?: boolean;
}

export interface EngineClient {
  readonly mode: 'embedded' | 'remote';
  /** Deploy, by default with duplicate filtering (changed resources only); the ids of definitions it created. */
  deploy(input: DeployInput): Promise<string[]>;
  /** Every deployed process definition, all versions (Camunda's `GET /process-definition`), by key then version. */
  processDefinitions(): Promise<ProcessDefinitionDto[]>;
  /** Running instances per definition id (Camunda's `GET /process-definition/statistics`); a definition without any is absent. */
  runningInstanceCounts(): Promise<Record<string, number>>;
  /**
   * Issue a command as part of the caller's transaction `q`. Embedded: executed now, in `q` — the
   * record write and the engine change commit together. Remote: written to the outbox in `q` and
   * delivered after commit, with retries, exactly once.
   */
  submit(q: EngineQueryable, command: EngineCommand): Promise<Submitted>;
  /** Start now (outside any caller transaction); the new instance's id. */
  startProcess(command: Omit<StartCommand, 'type'>): Promise<{ id: string }>;
  /** Correlate now; how many executions or starts the message reached. */
  correlateMessage(command: Omit<CorrelateCommand, 'type'>): Promise<number>;
  /** Tasks matching the query, in its `sorting` order; one page of them when `page` is given. */
  tasks(query: TaskQuery, page?: QueryPage): Promise<TaskDto[]>;
  /** How many tasks match the query (Camunda's `/task/count`). */
  countTasks(query: TaskQuery): Promise<number>;
  task(id: string): Promise<TaskDto | null>;
  /**
   * Camunda's delegate: the assignee becomes the owner (unless there is one), `userId` the
   * assignee, the delegation PENDING — until the delegate resolves it.
   */
  delegateTask(id: string, userId: string): Promise<void>;
  /** Camunda's resolve: variables set from the task, the owner its assignee again, RESOLVED. */
  resolveTask(id: string, variables?: Variables): Promise<void>;
  /** Set the due and follow-up dates of an open task (ISO instants or null). */
  setTaskDates(id: string, dates: TaskDates): Promise<void>;
  claimTask(id: string, userId: string): Promise<void>;
  /** Make an open task unassigned again. */
  unclaimTask(id: string): Promise<void>;
  completeTask(id: string, variables?: Variables): Promise<void>;
  /** The variables visible from an open task (its own scope and the process instance's); null when there is no such task. */
  taskVariables(id: string): Promise<Variables | null>;
  /** Historic process instances (running and ended) of a business key, oldest first. */
  processInstances(businessKey: string): Promise<HistoricProcessInstanceDto[]>;
  /** Historic process instances by id (any order; unknown ids left out). */
  processInstancesById(ids: string[]): Promise<HistoricProcessInstanceDto[]>;
  /** What ran in an instance, in order of occurrence. */
  activityHistory(processInstanceId: string): Promise<HistoricActivityInstanceDto[]>;
  /** The BPMN 2.0 XML of a deployed definition (by definition id), or null when there is none. */
  definitionXml(processDefinitionId: string): Promise<string | null>;
  /** Where a running instance's tokens are (Camunda's activity instance tree); null when it does not run. */
  activityInstances(processInstanceId: string): Promise<ActivityInstanceDto | null>;
  /** The open incidents of an instance. */
  incidents(processInstanceId: string): Promise<IncidentDto[]>;
  /** Background work (remote: the outbox deliverer); idempotent. */
  start(): void;
  stop(): Promise<void>;
}
