/**
 * What a command caused, in the order Camunda causes it. The persistence shell applies them (task,
 * external task, job and subscription rows, history rows) and the host publishes them as domain
 * events.
 *
 * Ownership rule the shell relies on (so cancellation needs no extra effects): every task,
 * external task, subscription, timer job and called instance belongs to an *owner activity
 * instance* — the activity instance id named in its effect. When that activity instance ends
 * (`activityEnded`, completed or canceled) or the instance ends, the shell deletes whatever it
 * still owns; when an execution disappears from the state, whatever was keyed by it (async jobs)
 * goes too. Event subprocess start subscriptions are owned by their scope's activity instance (the
 * process instance id at process level).
 */
import type { FlowNode } from '../model/graph.js';
import type { InstanceStatus } from './state.js';

/** Camunda's historic activity instance fields. */
export interface ActivityRef {
  activityId: string;
  activityInstanceId: string;
  /**
   * Camunda's history activity type: `startEvent`, `noneEndEvent`, `userTask`, `exclusiveGateway`,
   * `multiInstanceBody`, `boundaryTimer`, `intermediateMessageCatch`, `callActivity`, …
   */
  activityType: string;
  activityName?: string;
  executionId: string;
  /** The enclosing scope's activity instance: the process instance id, a subprocess or multi-instance body instance. */
  parentActivityInstanceId: string;
}

export type UserTaskAttributes = NonNullable<FlowNode['userTask']>;

/** A timer as the model gives it, its expression already evaluated (ISO 8601 text, or a Date-ish value). */
export interface TimerSpec {
  type: 'duration' | 'date' | 'cycle';
  value: unknown;
}

export type Effect =
  | ({ type: 'activityStarted' } & ActivityRef)
  /**
   * `canceled`: ended by interruption (terminate end event, interrupting boundary/event subprocess,
   * error). `variables`: the activity's local variables as they were when it ended (a scope's or
   * multi-instance body's last values, which the state no longer holds), when it had any.
   */
  | ({ type: 'activityEnded'; canceled: boolean; variables?: Record<string, unknown> } & ActivityRef)
  /**
   * A user task. Attribute values are the *evaluated* expression results (raw; the shell
   * normalises: candidate lists from a collection or comma-separated text, dates from ISO text).
   * `candidateUsers` / `candidateGroups` hold one result per expression of the attribute's list.
   */
  | {
      type: 'userTaskCreated';
      executionId: string;
      activityId: string;
      activityInstanceId: string;
      name?: string;
      assignee?: unknown;
      candidateUsers?: unknown[];
      candidateGroups?: unknown[];
      formKey?: unknown;
      dueDate?: unknown;
      followUpDate?: unknown;
      priority?: unknown;
    }
  /** Service/send/business-rule task or message end event with camunda:type="external"; topic and priority evaluated. */
  | { type: 'externalTaskCreated'; executionId: string; activityId: string; activityInstanceId: string; topic: string; priority?: unknown }
  /**
   * Subscribe `nodeId` to a message; deliver it as `{ type: 'event', executionId, nodeId }`.
   * `messageName` evaluated.
   */
  | { type: 'messageSubscribed'; ownerActivityInstanceId: string; executionId: string | null; nodeId: string; messageName: string }
  /** Schedule a timer job for `nodeId`; when due: `{ type: 'event', executionId, nodeId }`. The shell computes due dates and cycles. */
  | { type: 'timerScheduled'; ownerActivityInstanceId: string; executionId: string | null; nodeId: string; timer: TimerSpec }
  /** camunda:asyncBefore/asyncAfter: a job that runs `{ type: 'continue', executionId }`. */
  | { type: 'asyncScheduled'; executionId: string; activityId: string; position: 'before' | 'after'; exclusive: boolean }
  /**
   * A call activity started: the shell starts the latest version of `calledElement` with these
   * variables (camunda:in mappings applied) and business key, owned by `activityInstanceId`; when
   * it completes, `{ type: 'calledCompleted', executionId, variables }`.
   */
  | {
      type: 'callActivityStarted';
      executionId: string;
      activityId: string;
      activityInstanceId: string;
      calledElement: string;
      businessKey: string | null;
      variables: Record<string, unknown>;
    }
  /**
   * A user task, external task or receive task was cancelled (interrupted, terminated). Still
   * emitted for these three; the ownership rule above covers them and everything else.
   */
  | { type: 'waitCancelled'; executionId: string; activityId: string; kind: 'userTask' | 'externalTask' | 'receiveTask' }
  /** A BPMN error nobody caught: the execution ended (Camunda 7 logs it and ends; no exception). */
  | { type: 'errorUnhandled'; executionId: string; activityId: string; errorCode: string | null }
  /** Camunda records an instance ended by a terminate end event as COMPLETED too. */
  | { type: 'instanceEnded'; status: InstanceStatus };
