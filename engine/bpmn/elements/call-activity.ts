/**
 * Call activities: start the latest version of `calledElement` (a process key, may be an
 * expression), with camunda:in / camunda:out variable mappings (source, sourceExpression, target,
 * local, variables="all") and camunda:in businessKey. Other bindings (deployment, version,
 * versionTag), CMMN cases and mapping delegates are refused.
 */
import type { VariableMapping } from '../../model/graph.js';
import { compact } from '../compact.js';
import { bool, extensionValues, str, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';
import type { ElementKind } from './kind.js';

function mappings(el: ModdleElement, type: 'camunda:In' | 'camunda:Out'): ModdleElement[] {
  return extensionValues(el).filter((v) => v.$type === type);
}

function checkMapping(el: ModdleElement, m: ModdleElement, tag: string, problems: Problems): void {
  const variables = str(m, 'variables');
  if (variables !== undefined && variables !== 'all') problems.unsupported(el, `${tag} variables="${variables}"`, m.$type);
  if (tag === 'camunda:out' && str(m, 'businessKey') !== undefined) problems.unsupported(el, 'businessKey on camunda:out', m.$type);
  if (variables !== undefined || str(m, 'businessKey') !== undefined) return;
  if (str(m, 'source') === undefined && str(m, 'sourceExpression') === undefined) {
    problems.invalid(el, `a ${tag} needs source, sourceExpression, variables="all" or businessKey`);
  } else if (!str(m, 'target')) {
    problems.invalid(el, `a ${tag} with source or sourceExpression needs a target`);
  }
}

function compileMapping(m: ModdleElement): VariableMapping {
  return compact({
    source: str(m, 'source'),
    sourceExpression: str(m, 'sourceExpression'),
    target: str(m, 'target'),
    all: str(m, 'variables') === 'all' ? true : undefined,
    local: bool(m, 'local', false) ? true : undefined,
    businessKey: str(m, 'businessKey'),
  });
}

export const callActivity: ElementKind = {
  nodeType: 'callActivity',
  activity: true,
  io: 'inputOutput',
  attributes: ['calledElementBinding'],
  extensions: ['camunda:In', 'camunda:Out'],
  check(el, { problems }) {
    if (!str(el, 'calledElement')?.trim()) problems.invalid(el, "a call activity needs a 'calledElement'");
    const binding = str(el, 'calledElementBinding');
    if (binding !== undefined && binding !== 'latest') problems.unsupported(el, `camunda:calledElementBinding="${binding}"`);
    mappings(el, 'camunda:In').forEach((m) => checkMapping(el, m, 'camunda:in', problems));
    mappings(el, 'camunda:Out').forEach((m) => checkMapping(el, m, 'camunda:out', problems));
  },
  compile(el) {
    const inputs = mappings(el, 'camunda:In').map(compileMapping);
    return {
      callActivity: compact({
        calledElement: str(el, 'calledElement')?.trim() ?? '',
        binding: 'latest' as const,
        businessKey: inputs.find((m) => m.businessKey !== undefined)?.businessKey,
        in: inputs,
        out: mappings(el, 'camunda:Out').map(compileMapping),
      }),
    };
  },
};
