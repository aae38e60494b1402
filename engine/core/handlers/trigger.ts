/** `trigger`: a user task, external task (or receive task, like Camunda's signal) is completed. */
import type { TriggerCommand } from '../commands.js';
import type { Run } from '../run.js';
import { waitingToken } from './waiting.js';

export function trigger(run: Run, command: TriggerCommand): void {
  const token = waitingToken(run, command.executionId, ['userTask', 'externalTask', 'receiveTask'], 'a task that can be completed');
  run.setCommandVariables(token, command.variables);
  run.trigger(token);
}
