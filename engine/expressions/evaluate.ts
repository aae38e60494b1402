/**
 * The tree-walking evaluator. Pure: it reads variables through the context and never writes.
 * `&&`, `||` and `?:` evaluate only the operands they need (as JUEL does), so `${false && x.y}` is
 * false even when `x` does not exist. A failure carries the offset of the innermost node that failed.
 */
import type { Node } from './ast.js';
import { toBoolean, toStr } from './coerce.js';
import { EvaluationFailure, fail } from './errors.js';
import { invokeMethod } from './methods/index.js';
import { binary, isEmpty, negate } from './operators.js';
import { readProperty } from './properties.js';
import type { ExpressionContext } from './types.js';
import { ExecutionRef } from './values.js';

const isNull = (v: unknown): boolean => v === null || v === undefined;

export class Evaluator {
  constructor(
    private readonly source: string,
    private readonly ctx: ExpressionContext,
  ) {}

  evaluate(node: Node): unknown {
    try {
      return this.node(node);
    } catch (e) {
      if (e instanceof EvaluationFailure && e.position === undefined) e.position = node.start;
      throw e;
    }
  }

  private node(node: Node): unknown {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'identifier':
        return this.identifier(node.name);
      case 'member': {
        const base = this.evaluate(node.object);
        if (isNull(base)) return null;
        const property = typeof node.property === 'string' ? node.property : this.evaluate(node.property);
        return isNull(property) ? null : readProperty(base, property);
      }
      case 'call': {
        const base = this.evaluate(node.object);
        if (isNull(base)) fail('unknown-property', `Target unreachable, base expression '${this.text(node.object)}' resolved to null`);
        const method = typeof node.method === 'string' ? node.method : this.evaluate(node.method);
        if (isNull(method)) fail('method', `Cannot find method null on ${this.text(node.object)}`);
        return invokeMethod(base, toStr(method), node.args.map((a) => this.evaluate(a)));
      }
      case 'unary': {
        const operand = this.evaluate(node.operand);
        if (node.operator === '-') return negate(operand);
        return node.operator === '!' ? !toBoolean(operand) : isEmpty(operand);
      }
      case 'binary': {
        const left = this.evaluate(node.left);
        if (node.operator === '&&') return toBoolean(left) ? toBoolean(this.evaluate(node.right)) : false;
        if (node.operator === '||') return toBoolean(left) ? true : toBoolean(this.evaluate(node.right));
        return binary(node.operator, left, this.evaluate(node.right));
      }
      case 'conditional':
        return this.evaluate(toBoolean(this.evaluate(node.test)) ? node.then : node.otherwise);
    }
  }

  /** `execution`, else a variable; unknown → Camunda's PropertyNotFoundException. */
  private identifier(name: string): unknown {
    if (name === 'execution') return new ExecutionRef(this.ctx);
    const variable = this.ctx.variable(name);
    if (!variable.found) return fail('unknown-property', `Cannot resolve identifier '${name}'`);
    return variable.value ?? null;
  }

  private text(node: Node): string {
    return this.source.slice(node.start, node.end);
  }
}
