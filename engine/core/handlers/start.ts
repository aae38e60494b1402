/**
 * `start`: a new instance. Its process-level event subprocesses subscribe first (owned by the
 * instance), then the requested start event — none, message or timer — runs.
 */
import type { StartCommand } from '../commands.js';
import { CoreError } from '../errors.js';
import type { Run } from '../run.js';
import { subscribeEventSubProcesses } from '../subscriptions.js';

export function start(run: Run, command: StartCommand): void {
  const startEvent = startEventOf(run, command.startEventId);
  subscribeEventSubProcesses(run, null);
  run.scheduleEnter(run.newToken(null, startEvent), startEvent);
}

function startEventOf(run: Run, id: string | undefined): string {
  const { graph } = run;
  const isProcessStart = (n: { type: string; parent: string | null }) => n.type === 'startEvent' && n.parent === null;
  if (id !== undefined) {
    const node = graph.nodes[id];
    if (!node || !isProcessStart(node)) throw new CoreError('no-start-event', `The process '${graph.key}' has no start event with id '${id}'.`);
    return id;
  }
  const none = Object.values(graph.nodes).find((n) => isProcessStart(n) && (n.event?.kind ?? 'none') === 'none');
  if (!none) throw new CoreError('no-start-event', `The process '${graph.key}' has no none start event.`);
  return none.id;
}
