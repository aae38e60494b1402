/**
 * A process instance's runtime state, as the execution core reads and returns it. Plain JSON (the
 * persistence shell stores it as rows or jsonb); the core never mutates a state it was given.
 *
 * Execution tree (simpler than Camunda's, same observable behaviour):
 * - the process instance itself is not an entry of `executions`: its id is `InstanceState.id`, its
 *   variables are `InstanceState.variables`, and its activity instance id is the instance id;
 * - every token is an execution whose `parentId` is its scope: null for the process, else the
 *   execution of the embedded subprocess it runs in;
 * - a token that entered an embedded subprocess stays on the subprocess node and becomes that
 *   subprocess's scope (`scope: true`, its `variables` are the subprocess's local variables); the
 *   tokens inside have it as parent. When the last of them ends it leaves the subprocess.
 */

export type InstanceStatus = 'active' | 'completed' | 'terminated';

/** What a token at rest waits for. A subprocess scope token is at rest with `waiting: null`. */
export type WaitKind = 'userTask' | 'externalTask' | 'receiveTask' | 'join';

export interface ExecutionState {
  id: string;
  /** The scope execution: null = the process instance, else a subprocess scope token's id. */
  parentId: string | null;
  /** The node the token is at (or, while `activityInstanceId` is null, about to enter). */
  activityId: string | null;
  /** The current activity instance (`<activityId>:<id>`, Camunda's format); null between activities. */
  activityInstanceId: string | null;
  /** True while the token is the scope of an embedded subprocess it entered. */
  scope: boolean;
  waiting: WaitKind | null;
  /** Local variables (the subprocess's when `scope`). */
  variables: Record<string, unknown>;
}

export interface InstanceState {
  id: string;
  definitionId: string;
  businessKey: string | null;
  status: InstanceStatus;
  executions: Record<string, ExecutionState>;
  /** Process-scope variables. */
  variables: Record<string, unknown>;
}
