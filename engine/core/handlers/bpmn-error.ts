/**
 * `bpmnError`: a worker reported a BPMN error on the external task a token waits in, or a called
 * instance did not catch an error (the shell propagates it to the waiting call activity, as Camunda).
 */
import { throwError } from '../bpmn-error.js';
import type { BpmnErrorCommand } from '../commands.js';
import type { Run } from '../run.js';
import { waitingToken } from './waiting.js';

export function bpmnError(run: Run, command: BpmnErrorCommand): void {
  const token = waitingToken(run, command.executionId, ['externalTask', 'callActivity'], 'an external task or call activity');
  run.setCommandVariables(token, command.variables);
  token.waiting = null;
  throwError(run, token, command.errorCode, command.errorMessage ?? null);
}
