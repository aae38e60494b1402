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
 * - a token that entered a multi-instance activity becomes its *multi-instance body* (`scope: true`,
 *   `multiInstance` set; Camunda's nrOf* variables are its locals); each inner instance is a token
 *   with the body as parent, on the same node.
 * - a non-scope token's `variables` are the local variables of the activity it is in (input
 *   mappings, loopCounter); they end with the activity.
 */

export type InstanceStatus = 'active' | 'completed' | 'terminated';

/** What a token at rest waits for. A subprocess or multi-instance body scope token is at rest with `waiting: null`. */
export type WaitKind =
  | 'userTask'
  | 'externalTask'
  | 'receiveTask'
  /** An intermediate message / timer catch event (its subscription delivers an `event`). */
  | 'message'
  | 'timer'
  /** An event-based gateway waiting for the first of its catch events. */
  | 'eventGateway'
  /** A call activity waiting for its called instance (`calledCompleted`). */
  | 'callActivity'
  /** An asynchronous continuation job (`continue`): before entering the node, or after leaving it. */
  | 'asyncBefore'
  | 'asyncAfter'
  | 'join';

/** A multi-instance body's counters (raw numbers; the nrOf* variables hold them in stored form). */
export interface MultiInstanceState {
  instances: number;
  completed: number;
  active: number;
  /** Sequential: the loopCounter of the running instance. */
  loopCounter: number;
}

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
  /** Set while the token is a multi-instance body. */
  multiInstance?: MultiInstanceState;
  /** `asyncAfter`: the sequence flow the continuation takes (none: the token ends, or completes its multi-instance body). */
  transition?: string;
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
