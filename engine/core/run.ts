/**
 * One command's run: a private working copy of the instance state, the effects so far, and the
 * agenda of pending steps. Also the shared activity shell every behaviour runs inside: entering a
 * node (activity instance + history), waiting, leaving through sequence flows (forking new tokens),
 * ending tokens, completing scopes and cancelling them.
 *
 * The agenda is a stack, so execution is depth-first in document order: the first outgoing flow's
 * token runs until it waits or ends before the second one starts — Camunda 7's order.
 */
import type { FlowNode, ProcessGraph } from '../model/graph.js';
import type { CoreContext, VariableLookup } from './context.js';
import type { ActivityRef, Effect } from './effects.js';
import { behaviourFor } from './elements/index.js';
import { CoreError } from './errors.js';
import { activityOutgoing } from './flows.js';
import type { ExecutionState, InstanceState, WaitKind } from './state.js';

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

  node(id: string): FlowNode {
    const node = this.graph.nodes[id];
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

  /** Schedules `token` to enter `nodeId` (skipped if the token is gone by then, e.g. terminated). */
  scheduleEnter(token: ExecutionState, nodeId: string): void {
    token.activityId = nodeId;
    token.activityInstanceId = null;
    const id = token.id;
    this.agenda.push(() => {
      const live = this.state.executions[id];
      if (live) this.enter(live, this.node(nodeId));
    });
  }

  private enter(token: ExecutionState, node: FlowNode): void {
    const behaviour = behaviourFor(node);
    unsupportedFeature(node);
    token.activityInstanceId = `${node.id}:${this.ctx.newId()}`;
    this.effects.push({ type: 'activityStarted', ...this.activityRef(token, node, behaviour.activityType(node)) });
    behaviour.execute(this, token, node);
  }

  /** Completes the wait the token is in (a trigger command). */
  trigger(token: ExecutionState): void {
    const node = this.node(token.activityId ?? '');
    token.waiting = null;
    const behaviour = behaviourFor(node);
    if (behaviour.trigger) behaviour.trigger(this, token, node);
    else this.leave(token);
  }

  wait(token: ExecutionState, kind: WaitKind): void {
    token.waiting = kind;
  }

  /** Ends the token's activity instance (history) and leaves the node. */
  endActivity(token: ExecutionState, canceled = false): void {
    if (token.activityInstanceId === null || token.activityId === null) return;
    const node = this.node(token.activityId);
    this.effects.push({ type: 'activityEnded', canceled, ...this.activityRef(token, node, behaviourFor(node).activityType(node)) });
    token.activityInstanceId = null;
    token.waiting = null;
  }

  /** Leaves an activity the default way: conditional flows, else the default flow, else the token ends. */
  leave(token: ExecutionState): void {
    this.leaveVia(token, activityOutgoing(this, token, this.node(token.activityId ?? '')));
  }

  /** Ends the activity and takes `flowIds`: the token takes the first, new sibling tokens the others. */
  leaveVia(token: ExecutionState, flowIds: string[]): void {
    this.endActivity(token);
    if (flowIds.length === 0) {
      this.endToken(token);
      return;
    }
    const tokens = flowIds.map((_, i) => (i === 0 ? token : this.newToken(token.parentId, '')));
    // Pushed in reverse so the first flow's token runs first (depth-first).
    for (let i = flowIds.length - 1; i >= 0; i--) this.scheduleEnter(tokens[i], this.flowTarget(flowIds[i]));
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
    if (!scopeToken) return;
    scopeToken.scope = false;
    scopeToken.variables = {}; // the subprocess's local variables end with it
    this.leave(scopeToken);
  }

  /** Cancels every token of the scope but `except`, innermost first, ending their activities as canceled. */
  cancelScope(scopeId: string | null, except?: string): void {
    for (const token of this.tokensIn(scopeId)) {
      if (token.id === except) continue;
      if (token.scope) this.cancelScope(token.id);
      if (token.waiting && token.waiting !== 'join' && token.activityId && token.activityInstanceId) {
        this.effects.push({ type: 'waitCancelled', executionId: token.id, activityId: token.activityId, kind: token.waiting });
      }
      this.endActivity(token, true);
      delete this.state.executions[token.id];
    }
  }

  /** Sets a variable like Camunda's execution.setVariable: where it exists along the scope chain, else on the process. */
  setVariable(token: ExecutionState, name: string, value: unknown): void {
    for (let e: ExecutionState | undefined = token; e; e = e.parentId === null ? undefined : this.state.executions[e.parentId]) {
      if (Object.hasOwn(e.variables, name)) {
        e.variables[name] = value;
        return;
      }
    }
    this.state.variables[name] = value;
  }

  /** Reads variables along the token's scope chain: local first, then each parent, then the process. */
  lookup(token: ExecutionState): VariableLookup {
    return (name) => {
      for (let e: ExecutionState | undefined = token; e; e = e.parentId === null ? undefined : this.state.executions[e.parentId]) {
        if (Object.hasOwn(e.variables, name)) return { found: true, value: e.variables[name] };
      }
      return Object.hasOwn(this.state.variables, name) ? { found: true, value: this.state.variables[name] } : { found: false };
    };
  }

  /** A flow without a condition always holds. */
  conditionHolds(token: ExecutionState, flowId: string): boolean {
    const condition = this.graph.flows[flowId]?.condition;
    return condition === undefined || this.ctx.evaluateCondition(condition, this.lookup(token));
  }

  flowTarget(flowId: string): string {
    const flow = this.graph.flows[flowId];
    if (!flow) throw new CoreError('unsupported', `The process has no sequence flow with id '${flowId}'.`);
    return flow.target;
  }

  activityRef(token: ExecutionState, node: FlowNode, activityType: string): ActivityRef {
    const parent = token.parentId === null ? null : this.state.executions[token.parentId];
    return {
      activityId: node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      activityType,
      ...(node.name !== undefined ? { activityName: node.name } : {}),
      executionId: token.id,
      parentActivityInstanceId: parent?.activityInstanceId ?? this.state.id,
    };
  }
}

/** Attributes this slice of the core does not execute yet: refused rather than silently ignored. */
function unsupportedFeature(node: FlowNode): void {
  const feature = node.multiInstance
    ? 'multi-instance'
    : node.asyncBefore || node.asyncAfter
      ? 'asynchronous continuations'
      : node.inputOutput
        ? 'camunda:inputOutput'
        : node.boundaries.length > 0
          ? 'boundary events'
          : undefined;
  if (feature) throw new CoreError('unsupported', `The execution core does not run ${feature} yet (element '${node.id}').`);
}
