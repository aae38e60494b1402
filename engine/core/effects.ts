/**
 * What a command caused, in the order Camunda causes it. The persistence shell applies them (task
 * rows, external task rows, history rows) and the host publishes them as domain events.
 */
import type { FlowNode } from '../model/graph.js';
import type { InstanceStatus } from './state.js';

/** Camunda's historic activity instance fields. */
export interface ActivityRef {
  activityId: string;
  activityInstanceId: string;
  /** Camunda's history activity type: `startEvent`, `noneEndEvent`, `userTask`, `exclusiveGateway`… */
  activityType: string;
  activityName?: string;
  executionId: string;
  /** The enclosing scope's activity instance: the process instance id or a subprocess instance. */
  parentActivityInstanceId: string;
}

export type UserTaskAttributes = NonNullable<FlowNode['userTask']>;

export type Effect =
  | ({ type: 'activityStarted' } & ActivityRef)
  /** `canceled`: ended by a terminate end event (Camunda's historic `canceled` flag). */
  | ({ type: 'activityEnded'; canceled: boolean } & ActivityRef)
  /** The node's userTask attributes as raw expression text: the shell evaluates them. */
  | ({ type: 'userTaskCreated'; executionId: string; activityId: string; activityInstanceId: string; name?: string } & UserTaskAttributes)
  | { type: 'externalTaskCreated'; executionId: string; activityId: string; activityInstanceId: string; topic: string; priority?: string }
  | { type: 'waitEntered'; executionId: string; activityId: string; activityInstanceId: string; kind: 'receiveTask'; messageName?: string }
  /** A wait ended without being triggered (terminate end event): delete its task / external task / subscription. */
  | { type: 'waitCancelled'; executionId: string; activityId: string; kind: 'userTask' | 'externalTask' | 'receiveTask' }
  /** Camunda records an instance ended by a terminate end event as COMPLETED too. */
  | { type: 'instanceEnded'; status: InstanceStatus };
