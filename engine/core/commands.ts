/** What can be asked of the execution core. Later: message, timer, bpmnError. */

export interface StartCommand {
  type: 'start';
  /** The process definition's id (stored in the state; the graph knows only the key). */
  definitionId: string;
  businessKey?: string | null;
  /** A start event of the process scope; default: its none start event. */
  startEventId?: string;
  /** Set on the process instance before the start event runs. */
  variables?: Record<string, unknown>;
}

/** Completes the wait a token is in: user task complete, external task complete, receive task message. */
export interface TriggerCommand {
  type: 'trigger';
  executionId: string;
  /** Set like Camunda's task complete: in the nearest scope that has the variable, else the process. */
  variables?: Record<string, unknown>;
}

export type Command = StartCommand | TriggerCommand;
