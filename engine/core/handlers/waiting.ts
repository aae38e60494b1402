/** Shared by the command handlers: the token a command addresses, refused unless it waits as expected. */
import { CoreError } from '../errors.js';
import type { Run } from '../run.js';
import type { ExecutionState, WaitKind } from '../state.js';

export function tokenOf(run: Run, executionId: string): ExecutionState {
  const token = run.state.executions[executionId];
  if (!token) throw new CoreError('unknown-execution', `The process instance '${run.state.id}' has no execution '${executionId}'.`);
  return token;
}

export function waitingToken(run: Run, executionId: string, kinds: readonly WaitKind[], what: string): ExecutionState {
  const token = tokenOf(run, executionId);
  if (!token.waiting || !kinds.includes(token.waiting)) {
    throw new CoreError('not-waiting', `The execution '${executionId}' is not waiting in ${what}.`);
  }
  return token;
}
