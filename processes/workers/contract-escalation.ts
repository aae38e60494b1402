/**
 * contract-review, a review passed its SLA (non-interrupting timer): find whom to alert — the
 * manager of the person holding the overdue review task (their own manager, else their
 * department's); when nobody has claimed it (a group task) or its holder has no manager, the
 * escalation group (a trigger constant). Local inputs: `review` (manager | finance | legal) and
 * `reviewTask` (its activity id). Variables out, named per review so that parallel escalations
 * cannot overwrite each other: `<review>EscalationTo` (a notify recipient) and
 * `<review>OverdueReviewer` (who holds the review: a name, or the candidate group).
 */
import { variables } from './contract/review.js';
import { currentAssignee } from './lib/history.js';
import { Org } from './lib/org.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export default {
  topic: 'contract-escalation',
  variables: ['review', 'reviewTask', 'escalationGroup', 'managerFallbackGroup', 'financeGroup', 'legalGroup'],
  async handler(task, taskService, ctx) {
    const v = (name: string) => task.variables.get(name) as string;
    const review = v('review');
    const holder = await currentAssignee(ctx, 'contract', recordIdOf(task), task.processInstanceId, v('reviewTask'));
    let to = v('escalationGroup');
    let reviewer = v(review === 'manager' ? 'managerFallbackGroup' : `${review}Group`);
    if (holder) {
      const org = await Org.load(ctx);
      const manager = org.managerOf(holder);
      if (manager) to = `user:${manager}`;
      reviewer = org.users.find((u) => u.id === holder)?.displayName ?? holder;
    }
    await taskService.complete(task, variables({ [`${review}EscalationTo`]: to, [`${review}OverdueReviewer`]: reviewer }));
  },
} satisfies WorkerModule;
