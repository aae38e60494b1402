/**
 * contract-review, a review passed its SLA (non-interrupting timer): find whom to alert — the
 * manager (sec.user.manager_id) of the person holding the overdue review task; when nobody has
 * claimed it (a group task) or its holder has no manager, the escalation group (a trigger
 * constant). Local inputs: `review` (manager | finance | legal) and `reviewTask` (its task
 * definition key). Variables out, named per review so that parallel escalations cannot overwrite
 * each other: `<review>EscalationTo` (a notify recipient) and `<review>OverdueReviewer` (a name).
 */
import { openTask, orgUser } from './contract/records.js';
import { variables } from './contract/review.js';
import type { WorkerModule } from './types.js';

export default {
  topic: 'contract-escalation',
  variables: ['review', 'reviewTask', 'escalationGroup', 'managerFallbackGroup', 'financeGroup', 'legalGroup'],
  async handler(task, taskService, ctx) {
    const v = (name: string) => task.variables.get(name) as string;
    const review = v('review');
    const open = await openTask(ctx, 'contract', task.businessKey!, task.processInstanceId, v('reviewTask'));
    let to = v('escalationGroup');
    let reviewer = v(review === 'manager' ? 'managerFallbackGroup' : `${review}Group`);
    if (open?.assignee) {
      const holder = await orgUser(ctx, open.assignee);
      reviewer = holder.displayName;
      if (holder.manager) to = `user:${holder.manager.id}`;
    }
    await taskService.complete(task, variables({ [`${review}EscalationTo`]: to, [`${review}OverdueReviewer`]: reviewer }));
  },
} satisfies WorkerModule;
