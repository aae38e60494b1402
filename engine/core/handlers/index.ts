/** The command handlers by command type (start is execute.ts's: it has no state yet). */
import type { Command } from '../commands.js';
import type { Run } from '../run.js';
import { bpmnError } from './bpmn-error.js';
import { calledCompleted } from './called-completed.js';
import { continueAsync } from './continue.js';
import { event } from './event.js';
import { trigger } from './trigger.js';

export { start } from './start.js';

type Handlers = { [T in Exclude<Command['type'], 'start'>]: (run: Run, command: Extract<Command, { type: T }>) => void };

const HANDLERS: Handlers = { trigger, event, continue: continueAsync, bpmnError, calledCompleted };

export function handle(run: Run, command: Exclude<Command, { type: 'start' }>): void {
  (HANDLERS[command.type] as (run: Run, command: Command) => void)(run, command);
}
