/**
 * The execution core's error: a code for the shell to map (Camunda answers most of them as a
 * ProcessEngineException) and Camunda's message. A command that throws changes nothing: the core
 * never mutates its input, so the caller just rolls its transaction back.
 */

export type CoreErrorCode =
  /** No outgoing sequence flow of a gateway or an activity could be selected (Camunda: ProcessEngineException). */
  | 'no-outgoing'
  /** The requested start event does not exist, or the process has no none start event. */
  | 'no-start-event'
  /** The trigger names an execution that is not in the instance. */
  | 'unknown-execution'
  /** The execution is not in a wait state a trigger can complete. */
  | 'not-waiting'
  /** The instance has ended. */
  | 'not-active'
  /** A command that needs an instance got none, or a start got one. */
  | 'invalid-command'
  /** An expression gave a value the element cannot use (multi-instance count or collection). */
  | 'invalid-value'
  /** The token reached an element or attribute this core does not execute. */
  | 'unsupported';

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

/** Camunda's message when no flow can be taken out of a gateway. */
export const noOutgoing = (elementId: string): CoreError =>
  new CoreError('no-outgoing', `ENGINE-02004 No outgoing sequence flow for the element with id '${elementId}' could be selected for continuing the process.`);

/** Camunda's message when an activity has outgoing flows, all conditional, and none holds. */
export const noConditionalOutgoing = (elementId: string): CoreError =>
  new CoreError('no-outgoing', `ENGINE-02006 No conditional sequence flow leaving the Flow Node '${elementId}' could be selected for continuing the process.`);
