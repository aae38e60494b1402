/**
 * One command's run: a private working copy of the instance state, the effects so far, and the
 * agenda of pending steps. Also the shared activity shell every behaviour runs inside: entering a
 * node (async before, multi-instance body, activity instance + history, input mapping, boundary
 * subscriptions), waiting, leaving through sequence flows (output mapping, async after, forking new
 * tokens), ending tokens, completing scopes and cancelling them.
 *
 * The agenda is a stack, so execution is depth-first in document order: the first outgoing flow's
 * token runs until it waits or ends before the second one starts — Camunda 7's order.
 */
import type { FlowNode, ProcessGraph } from '../model/graph.js';
import type { CoreContext, EvaluationInfo, VariableLookup } from './context.js';
import type { ActivityRef, Effect } from './effects.js';
import { behaviourFor } from './elements/index.js';
import { CoreError } from './errors.js';
import { activityOutgoing } from './flows.js';
import { applyInputs, applyOutputs, declaresOutputs } from './io-mapping.js';
import { enterMultiInstance, multiInstanceDone } from './multi-instance.js';
import type { ExecutionState, InstanceState, WaitKind } from './state.js';
import { subscribeBoundaries } from './subscriptions.js';

/** Waits announced with `waitCancelled` when cancelled: for hosts publishing domain events (the shell's ownership rule needs none). */
const ANNOUNCED_WAITS = ['userTask', 'externalTask', 'receiveTask'] as const;
const announced = (kind: WaitKind | null): kind is (typeof ANNOUNCED_WAITS)[number] => (ANNOUNCED_WAITS as readonly (WaitKind | null)[]).includes(kind);

export class Run {
  readonly effects: Effect[] = [];
  private readonly agenda: (() => void)[] = [];

  constructor(
    readonly graph: ProcessGraph,
    readonly state: InstanceState,
    readonly ctx: CoreContext,
  ) {}

  /** Runs pending steps until every token waits or has ended. */
  drain(): void {
    for (let step = this.agenda.pop(); step; step = this.agenda.pop()) step();
  }

  node(id: string | null): FlowNode {
    const node = id === null ? undefined : this.graph.nodes[id];
    if (!node) throw new CoreError('unsupported', `The process has no element with id '${id}'.`);
    return node;
  }

  /** A new token in `parentId`'s scope, about to enter `activityId`. */
  newToken(parentId: string | null, activityId: string): ExecutionState {
    const token: ExecutionState = { id: this.ctx.newId(), parentId, activityId, activityInstanceId: null, scope: false, waiting: null, variables: {} };
    this.state.executions[token.id] = token;
    return token;
  }

  /** Tokens whose scope is `scopeId` (null = the process). */
  tokensIn(scopeId: string | null): ExecutionState[] {
    return Object.values(this.state.executions).filter((e) => e.parentId === scopeId);
  }

  parentOf(token: ExecutionState): ExecutionState | null {
    return token.parentId === null ? null : (this.state.executions[token.parentId] ?? null);
  }

  /** A token running one instance of a multi-instance activity (its scope is that activity's body). */
  isInnerInstance(token: ExecutionState): boolean {
    const parent = this.parentOf(token);
    return parent?.multiInstance !== undefined && parent.activityId === token.activityId;
  }

  /**
   * Schedules `token` to enter `nodeId` (skipped if the token is gone by then, e.g. terminated).
   * `resumed`: an asyncBefore job is running it, so it enters without waiting again.
   */
  scheduleEnter(token: ExecutionState, nodeId: string, resumed = false): void {
    token.activityId = nodeId;
    token.activityInstanceId = null;
    const id = token.id;
    this.agenda.push(() => {
      const live = this.state.executions[id];
      if (live) this.enter(live, this.node(nodeId), resumed);
    });
  }

  private enter(token: ExecutionState, node: FlowNode, resumed: boolean): void {
    // The activity's async before/after of a multi-instance activity apply to its body, as in
    // Camunda (found by the Operaton conformance suite): one job before the body starts, none per instance.
    const async = node.asyncBefore && !resumed;
    if (node.multiInstance) {
      if (!this.isInnerInstance(token)) return async ? this.waitAsync(token, node, 'before') : enterMultiInstance(this, token, node);
    } else if (async) return this.waitAsync(token, node, 'before');
    this.startActivity(token, node);
    behaviourFor(node).execute(this, token, node);
  }

  /** The activity instance starts: history, input mapping, then the boundary events' subscriptions. */
  startActivity(token: ExecutionState, node: FlowNode): void {
    const behaviour = behaviourFor(node);
    token.activityId = node.id;
    token.activityInstanceId = `${node.id}:${this.ctx.newId()}`;
    this.effects.push({ type: 'activityStarted', ...this.activityRef(token, node, behaviour.activityType(node)) });
    applyInputs(this, token, node);
    // A multi-instance activity's boundary events belong to its body (subscribed there).
    if (!node.multiInstance) subscribeBoundaries(this, token, node);
  }

  /** Completes the wait the token is in (a trigger command, or the event a catch event waited for). */
  trigger(token: ExecutionState): void {
    const node = this.node(token.activityId);
    token.waiting = null;
    const behaviour = behaviourFor(node);
    if (behaviour.trigger) behaviour.trigger(this, token, node);
    else this.leave(token);
  }

  wait(token: ExecutionState, kind: WaitKind): void {
    token.waiting = kind;
  }

  /** An asynchronous continuation: the token rests until the job runs (`continue`). */
  private waitAsync(token: ExecutionState, node: FlowNode, position: 'before' | 'after'): void {
    this.wait(token, position === 'before' ? 'asyncBefore' : 'asyncAfter');
    this.effects.push({ type: 'asyncScheduled', executionId: token.id, activityId: node.id, position, exclusive: node.exclusive ?? true });
  }

  /** Ends the token's activity instance (history); its local variables end with it. */
  endActivity(token: ExecutionState, canceled = false): void {
    if (token.activityInstanceId === null || token.activityId === null) return;
    const node = this.node(token.activityId);
    const variables = Object.keys(token.variables).length > 0 ? { variables: structuredClone(token.variables) } : {};
    this.effects.push({ type: 'activityEnded', canceled, ...this.activityRef(token, node, behaviourFor(node).activityType(node)), ...variables });
    // An inner instance keeps loopCounter and its element until its body has counted it.
    if (!this.isInnerInstance(token)) token.variables = {};
    token.activityInstanceId = null;
    token.waiting = null;
    token.scope = false;
    delete token.multiInstance;
  }

  /**
   * Leaves an activity the default way: conditional flows, else the default flow, else the token
   * ends. Conditions are evaluated while the activity's local variables still exist, before its
   * output mapping, as in Camunda. An inner multi-instance instance completes to its body instead.
   */
  leave(token: ExecutionState): void {
    const flows = this.isInnerInstance(token) ? [] : activityOutgoing(this, token, this.node(token.activityId));
    this.complete(token, flows);
  }

  /** Ends the activity and takes `flowIds` (gateways choose them themselves). */
  leaveVia(token: ExecutionState, flowIds: string[]): void {
    this.complete(token, flowIds);
  }

  /** Output mapping, the activity's end, then (unless an asyncAfter job comes first) the flows. */
  complete(token: ExecutionState, flowIds: string[], asyncAllowed = true): void {
    const node = this.node(token.activityId);
    // A multi-instance activity's asyncAfter is its body's, not each instance's.
    const asyncAfter = asyncAllowed && node.asyncAfter && !this.isInnerInstance(token);
    applyOutputs(this, token, node);
    this.endActivity(token);
    if (asyncAfter) return this.waitAsyncAfter(token, node, flowIds);
    this.continueAfter(token, flowIds);
  }

  /** Camunda creates one asyncAfter job per flow taken, each continuing its own execution. */
  private waitAsyncAfter(token: ExecutionState, node: FlowNode, flowIds: string[]): void {
    const tokens = flowIds.length <= 1 ? [token] : flowIds.map((_, i) => (i === 0 ? token : this.newToken(token.parentId, node.id)));
    tokens.forEach((t, i) => {
      if (flowIds[i] !== undefined) t.transition = flowIds[i];
      this.waitAsync(t, node, 'after');
    });
  }

  /** After the activity ended: take the flows (the token the first, new sibling tokens the others), or end. */
  continueAfter(token: ExecutionState, flowIds: string[]): void {
    if (this.isInnerInstance(token)) return multiInstanceDone(this, token);
    if (flowIds.length === 0) return this.endToken(token);
    const tokens = flowIds.map((_, i) => (i === 0 ? token : this.newToken(token.parentId, '')));
    // Pushed in reverse so the first flow's token runs first (depth-first).
    for (let i = flowIds.length - 1; i >= 0; i--) this.scheduleEnter(tokens[i], this.flowTarget(flowIds[i]));
  }

  /** An execution ends without taking flows, as Camunda ends it after an unhandled BPMN error. */
  finish(token: ExecutionState): void {
    this.complete(token, [], false);
  }

  /** Removes a token whose activity has ended; completes its scope when it was the scope's last. */
  endToken(token: ExecutionState): void {
    delete this.state.executions[token.id];
    this.completeScopeIfDone(token.parentId);
  }

  private completeScopeIfDone(scopeId: string | null): void {
    if (this.tokensIn(scopeId).length > 0) return;
    if (scopeId === null) {
      this.state.status = 'completed';
      this.effects.push({ type: 'instanceEnded', status: 'completed' });
      return;
    }
    const scopeToken = this.state.executions[scopeId];
    // A multi-instance body counts its instances itself (multi-instance.ts).
    if (!scopeToken || scopeToken.multiInstance) return;
    this.leave(scopeToken);
  }

  /** Cancels every token of the scope but `except`, innermost first, ending their activities as canceled. */
  cancelScope(scopeId: string | null, except?: string): void {
    for (const token of this.tokensIn(scopeId)) {
      if (token.id === except) continue;
      this.interrupt(token);
      delete this.state.executions[token.id];
    }
  }

  /** Cancels the token's activity (and, for a scope, everything inside it first); the token itself stays. */
  interrupt(token: ExecutionState): void {
    if (token.scope) this.cancelScope(token.id);
    if (token.activityInstanceId !== null) applyOutputs(this, token, this.node(token.activityId));
    if (announced(token.waiting) && token.activityId && token.activityInstanceId) {
      this.effects.push({ type: 'waitCancelled', executionId: token.id, activityId: token.activityId, kind: token.waiting });
    }
    this.endActivity(token, true);
    token.variables = {};
    token.waiting = null;
    delete token.transition;
  }

  /** Sets a variable like Camunda's execution.setVariable: where it exists along the scope chain, else on the process. */
  setVariable(token: ExecutionState | null, name: string, value: unknown): void {
    for (let e = token; e; e = this.parentOf(e)) {
      if (Object.hasOwn(e.variables, name)) {
        e.variables[name] = value;
        return;
      }
    }
    this.state.variables[name] = value;
  }

  /**
   * Variables a command brings (task completion, message correlation, BPMN error): set like
   * setVariable — except on an activity that declares output parameters, where they stay local
   * to the activity so only its outputs reach the enclosing scope.
   */
  setCommandVariables(token: ExecutionState | null, variables: Record<string, unknown> | undefined): void {
    const local = token !== null && token.activityInstanceId !== null && !token.multiInstance && declaresOutputs(this.node(token.activityId));
    for (const [name, value] of Object.entries(structuredClone(variables ?? {}))) {
      if (local) token.variables[name] = value;
      else this.setVariable(token, name, value);
    }
  }

  /** Reads variables along the token's scope chain: local first, then each parent, then the process. */
  lookup(token: ExecutionState | null): VariableLookup {
    return (name) => {
      for (let e = token; e; e = this.parentOf(e)) {
        if (Object.hasOwn(e.variables, name)) return { found: true, value: e.variables[name] };
      }
      return Object.hasOwn(this.state.variables, name) ? { found: true, value: this.state.variables[name] } : { found: false };
    };
  }

  /** What an expression may read about the execution (null = the process instance itself). */
  info(token: ExecutionState | null): EvaluationInfo {
    const body = token?.multiInstance ? '#multiInstanceBody' : '';
    return {
      processInstanceId: this.state.id,
      processDefinitionId: this.state.definitionId,
      businessKey: this.state.businessKey,
      executionId: token?.id ?? this.state.id,
      activityId: token?.activityId ? `${token.activityId}${body}` : null,
    };
  }

  /** Evaluates an expression (or constant text) in the token's scope; returns the raw value. */
  evaluate(token: ExecutionState | null, source: string): unknown {
    return this.ctx.evaluate(source, this.lookup(token), this.info(token));
  }

  /** A flow without a condition always holds. */
  conditionHolds(token: ExecutionState, flowId: string): boolean {
    const condition = this.graph.flows[flowId]?.condition;
    return condition === undefined || this.ctx.evaluateCondition(condition, this.lookup(token), this.info(token));
  }

  flowTarget(flowId: string): string {
    const flow = this.graph.flows[flowId];
    if (!flow) throw new CoreError('unsupported', `The process has no sequence flow with id '${flowId}'.`);
    return flow.target;
  }

  /** History fields; a multi-instance body is Camunda's `<id>#multiInstanceBody` activity. */
  activityRef(token: ExecutionState, node: FlowNode, activityType: string): ActivityRef {
    const body = token.multiInstance !== undefined;
    return {
      activityId: body ? `${node.id}#multiInstanceBody` : node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      activityType: body ? 'multiInstanceBody' : activityType,
      ...(node.name !== undefined ? { activityName: node.name } : {}),
      executionId: token.id,
      parentActivityInstanceId: this.parentOf(token)?.activityInstanceId ?? this.state.id,
    };
  }
}
