/**
 * Every way the conformance suite makes the two engines' observations comparable, in one place,
 * each with its reason. Anything not listed here is compared exactly. Add to this file only for a
 * difference Camunda 7 itself leaves unspecified (ids, times, orders it does not define) — never
 * to hide a behavioural difference.
 */

/**
 * Not observed at all: ids of instances, executions, tasks, jobs, activity instances, deployments
 * and definitions (each engine makes its own), and every timestamp that depends on when a step ran
 * (start/end times, lock expirations, timer due dates). Instances are named by the scenario's
 * business key instead. A user task's `due` / `followUp` are observed: scenarios give them fixed
 * dates (constants or variables), so both engines must answer the same instant.
 */
export const UNOBSERVED = ['ids', 'timestamps'] as const;

/**
 * Business keys go to the engine with a prefix unique to the run (several runs share one
 * Operaton); the prefix is removed wherever a value shows it (a variable holding
 * `execution.processBusinessKey`, a called instance's business key).
 */
export function withoutRunPrefix<T>(observation: T, prefix: string): T {
  return JSON.parse(JSON.stringify(observation).split(prefix).join('')) as T;
}

/**
 * Activity history as a sorted multiset of `activityId:activityType[:canceled][:open]`: Camunda's
 * `occurrence` sort orders activity instances per execution, not across parallel branches, so the
 * order between branches is not defined — what ran and how it ended is.
 */
export function historyMultiset(activities: { activityId: string; activityType: string; canceled?: boolean; endTime?: string | null }[]): string[] {
  return activities.map((a) => `${a.activityId}:${a.activityType}${a.canceled ? ':canceled' : ''}${a.endTime ? '' : ':open'}`).sort();
}

/**
 * Historic variable instances as sorted `name:type:value`: a name may live in several scopes
 * (e.g. `loopCounter` per inner multi-instance execution) and neither engine defines the order of
 * the list.
 */
export function variableMultiset(variables: { name: string; type: string; value: unknown }[]): string[] {
  return variables.map((v) => `${v.name}:${v.type}:${JSON.stringify(v.value)}`).sort();
}

/** Open tasks by task definition key then assignee: the list order of equal-named tasks is not defined. */
export function byKeyThenAssignee<T extends { taskDefinitionKey: string; assignee?: string | null }>(tasks: T[]): T[] {
  return [...tasks].sort((a, b) => `${a.taskDefinitionKey}/${a.assignee}`.localeCompare(`${b.taskDefinitionKey}/${b.assignee}`));
}

/** Candidate identity links as sorted `group` / `user:<id>` strings: link order is not defined. */
export function candidateSet(links: { groupId?: string | null; userId?: string | null }[]): string[] {
  return links.map((l) => l.groupId ?? `user:${l.userId}`).sort();
}

/** External tasks and incidents by activity id: list order is not defined. */
export function byActivityId<T extends { activityId: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.activityId.localeCompare(b.activityId));
}
