/** `continue`: an async job runs — asyncBefore enters the node, asyncAfter takes its flow (or ends the token). */
import type { ContinueCommand } from '../commands.js';
import type { Run } from '../run.js';
import { waitingToken } from './waiting.js';

export function continueAsync(run: Run, command: ContinueCommand): void {
  const token = waitingToken(run, command.executionId, ['asyncBefore', 'asyncAfter'], 'an asynchronous continuation');
  const before = token.waiting === 'asyncBefore';
  token.waiting = null;
  if (before) return run.scheduleEnter(token, token.activityId ?? '', true);
  const flow = token.transition;
  delete token.transition;
  if (flow !== undefined) run.scheduleEnter(token, run.flowTarget(flow));
  else run.continueAfter(token, []);
}
