/**
 * What can be asked of the execution core. The persistence shell turns REST calls and jobs into
 * these: task/external-task completion → `trigger`, message correlation and timer jobs → `event`,
 * async jobs → `continue`, external-task bpmnError → `bpmnError`, a called instance ending →
 * `calledCompleted`.
 *
 * Variables in commands and in the state are in the shell's stored form (opaque to the core; the
 * shell stores Camunda typed values); the core turns raw expression results into that form with
 * `ctx.toVariable`.
 */

export interface StartCommand {
  type: 'start';
  /** The process definition's id (stored in the state; the graph knows only the key). */
  definitionId: string;
  businessKey?: string | null;
  /** A start event of the process scope (message/timer start); default: its none start event. */
  startEventId?: string;
  /** Set on the process instance before the start event runs. */
  variables?: Record<string, unknown>;
}

/** Completes the task a token waits in: user task complete, external task complete. */
export interface TriggerCommand {
  type: 'trigger';
  executionId: string;
  /** Set like Camunda's task complete: in the nearest scope that has the variable, else the process. */
  variables?: Record<string, unknown>;
}

/**
 * A message or timer reached a catching node the core subscribed (effects `messageSubscribed` /
 * `timerScheduled`): an intermediate catch event or receive task the token waits in, an
 * event-based gateway's following catch event, a boundary event, or an event subprocess's start
 * event. `executionId`/`nodeId` are exactly those of the subscription effect.
 */
export interface EventCommand {
  type: 'event';
  /** The subscription's execution: the waiting token, the token in the activity a boundary is attached to, the scope token of an event subprocess (null = the process). */
  executionId: string | null;
  /** The catching node: catch event, receive task, boundary event or event subprocess start event. */
  nodeId: string;
  /** Message correlation's processVariables, set like trigger variables before the event is handled. */
  variables?: Record<string, unknown>;
}

/** Runs the asynchronous continuation an `asyncScheduled` effect asked for (a job). */
export interface ContinueCommand {
  type: 'continue';
  executionId: string;
}

/**
 * A worker reported a BPMN error on the external task the token waits in: the nearest matching
 * error boundary event or error event subprocess (by errorCode, or catch-all) takes over; with no
 * match the token's execution ends as Camunda 7 ends it (no exception, see engine/README.md).
 */
export interface BpmnErrorCommand {
  type: 'bpmnError';
  executionId: string;
  errorCode: string;
  errorMessage?: string;
  /** Set before the error is propagated, like trigger variables. */
  variables?: Record<string, unknown>;
}

/** The instance a call activity started has completed: apply camunda:out mappings and leave. */
export interface CalledCompletedCommand {
  type: 'calledCompleted';
  /** The token waiting in the call activity (the `callActivityStarted` effect's executionId). */
  executionId: string;
  /** The called instance's process variables at its end (stored form), for the out mappings. */
  variables: Record<string, unknown>;
}

export type Command = StartCommand | TriggerCommand | EventCommand | ContinueCommand | BpmnErrorCommand | CalledCompletedCommand;
