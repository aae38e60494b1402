/**
 * `GET /process-instance/{id}/activity-instances`: Camunda's ActivityInstanceDto tree, built from
 * the instance state's tokens. The root is the process instance (activityId = the definition id,
 * type `processDefinition`); a token at rest in an activity is an activity instance under its
 * scope's; a subprocess or multi-instance body scope token nests the tokens inside it; a token
 * waiting for an asynchronous continuation is a transition instance. Tokens waiting at a join are
 * not activity instances (their gateway instance has not completed the join yet, as in Camunda).
 */
import type { ExecutionState, InstanceState } from '../core/index.js';
import type { ProcessGraph } from '../model/graph.js';

export interface TreeInput {
  state: InstanceState;
  definitionId: string;
  definitionName: string | null;
  graph: ProcessGraph;
  /** Activity type and name by activity instance id (from activity history). */
  activities: Map<string, { type: string; name: string | null }>;
  incidents: { id: string; executionId: string | null; activityId: string | null }[];
}

interface IncidentDto {
  id: string;
  parentActivityInstanceId: string;
}

export interface TransitionInstanceDto {
  id: string;
  parentActivityInstanceId: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
  processDefinitionId: string;
  executionId: string;
  incidentIds: string[];
  incidents: IncidentDto[];
}

export interface ActivityInstanceDto {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: ActivityInstanceDto[];
  childTransitionInstances: TransitionInstanceDto[];
  executionIds: string[];
  activityName: string | null;
  /** Camunda still writes the old name of `activityName`. */
  name: string | null;
  incidentIds: string[];
  incidents: IncidentDto[];
}

const ASYNC = new Set(['asyncBefore', 'asyncAfter']);

export function activityInstanceTree(input: TreeInput): ActivityInstanceDto {
  const { state, graph } = input;
  const common = { processInstanceId: state.id, processDefinitionId: input.definitionId };
  const incidentsOf = (executionId: string, parentActivityInstanceId: string) => {
    const found = input.incidents.filter((i) => i.executionId === executionId);
    return { incidentIds: found.map((i) => i.id), incidents: found.map((i) => ({ id: i.id, parentActivityInstanceId })) };
  };

  const transition = (token: ExecutionState, parentId: string): TransitionInstanceDto => {
    const node = graph.nodes[token.activityId ?? ''];
    return {
      id: token.id,
      parentActivityInstanceId: parentId,
      activityId: token.activityId ?? '',
      activityName: node?.name ?? null,
      activityType: node?.type ?? 'unknown',
      ...common,
      executionId: token.id,
      ...incidentsOf(token.id, parentId),
    };
  };

  const activity = (token: ExecutionState, parentId: string): ActivityInstanceDto => {
    const id = token.activityInstanceId ?? token.id;
    const body = token.scope && token.multiInstance !== undefined;
    const known = input.activities.get(id);
    const name = known?.name ?? graph.nodes[token.activityId ?? '']?.name ?? null;
    const children = token.scope ? childrenOf(token.id, id) : { activities: [], transitions: [] };
    return {
      id,
      parentActivityInstanceId: parentId,
      activityId: body ? `${token.activityId}#multiInstanceBody` : (token.activityId ?? ''),
      activityType: body ? 'multiInstanceBody' : (known?.type ?? graph.nodes[token.activityId ?? '']?.type ?? 'unknown'),
      ...common,
      childActivityInstances: children.activities,
      childTransitionInstances: children.transitions,
      executionIds: [token.id],
      activityName: name,
      name,
      ...incidentsOf(token.id, id),
    };
  };

  function childrenOf(scopeId: string | null, parentId: string) {
    const activities: ActivityInstanceDto[] = [];
    const transitions: TransitionInstanceDto[] = [];
    for (const token of Object.values(state.executions)) {
      if (token.parentId !== scopeId || token.waiting === 'join') continue;
      if (token.waiting !== null && ASYNC.has(token.waiting)) transitions.push(transition(token, parentId));
      else if (token.activityInstanceId !== null) activities.push(activity(token, parentId));
    }
    return { activities, transitions };
  }

  const top = childrenOf(null, state.id);
  const rootIncidents = input.incidents.filter((i) => i.executionId === null || i.executionId === state.id);
  return {
    id: state.id,
    parentActivityInstanceId: null,
    activityId: input.definitionId,
    activityType: 'processDefinition',
    ...common,
    childActivityInstances: top.activities,
    childTransitionInstances: top.transitions,
    executionIds: [state.id],
    activityName: input.definitionName,
    name: input.definitionName,
    incidentIds: rootIncidents.map((i) => i.id),
    incidents: rootIncidents.map((i) => ({ id: i.id, parentActivityInstanceId: state.id })),
  };
}
