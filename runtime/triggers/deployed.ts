/**
 * What the package's own checks cannot know about a trigger: whether the engine has what it names.
 * An enabled `start-process` trigger must name a deployed process (else every record event it
 * matches would fail the write, the engine refusing the start); an enabled `correlate-message`
 * trigger must name a message some deployed process catches (a message start, intermediate catch
 * or boundary event, in any deployed version — instances keep theirs), else it never reaches
 * anything. Both are errors: the studio reports them at `/action/processKey` or
 * `/action/messageName` and refuses to publish while they last. A disabled trigger is not checked,
 * so an analyst can prepare one before its process is deployed. Start-up publishing of metadata/
 * does not run this (the processes are deployed after the metadata).
 */
import { deployableProcesses, type EngineClient, type ProcessDefinitionDto } from '../../engine/index.js';
import { issueMessage, type IssueText } from '../../metadata/index.js';

export interface TriggerEngineIssue extends IssueText {
  /** The trigger's name (`x-crm-trigger`). */
  trigger: string;
  path: '/action/processKey' | '/action/messageName';
  /** In English (the code and params word it in another language). */
  message: string;
}

const issue = (trigger: string, path: TriggerEngineIssue['path'], text: IssueText): TriggerEngineIssue => ({ trigger, path, message: issueMessage(text), ...text });

const CATCHING = new Set(['startEvent', 'intermediateCatchEvent', 'boundaryEvent']);

/** Message names a definition's XML catches, per definition id: a deployed definition never changes. */
const caughtByDefinition = new WeakMap<EngineClient, Map<string, readonly string[]>>();

/** The messages the process `key` in `xml` catches; for a model our parser refuses (Operaton takes more), every message the XML declares. */
async function messagesCaught(xml: string, key: string): Promise<string[]> {
  const { processes, problems } = await deployableProcesses(xml);
  const process = problems.length ? undefined : processes.find((p) => p.key === key);
  if (!process) return [...xml.matchAll(/<(?:[\w-]+:)?message\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]);
  return Object.values(process.nodes).flatMap((n) => (n.event?.kind === 'message' && CATCHING.has(n.type) ? [n.event.messageName] : []));
}

async function caughtMessages(engine: EngineClient, definitions: readonly ProcessDefinitionDto[]): Promise<Set<string>> {
  let cache = caughtByDefinition.get(engine);
  if (!cache) caughtByDefinition.set(engine, (cache = new Map()));
  const names = new Set<string>();
  for (const d of definitions) {
    let caught = cache.get(d.id);
    if (!caught) {
      const xml = await engine.definitionXml(d.id);
      caught = xml === null ? [] : await messagesCaught(xml, d.key);
      cache.set(d.id, caught);
    }
    for (const n of caught) names.add(n);
  }
  return names;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problems of the enabled triggers among `triggers` against what `engine` has deployed. */
export async function triggerEngineIssues(engine: EngineClient, triggers: readonly unknown[]): Promise<TriggerEngineIssue[]> {
  const enabled = triggers.filter((t): t is Obj & { action: Obj } => isObject(t) && t.enabled !== false && typeof t['x-crm-trigger'] === 'string' && isObject(t.action));
  if (enabled.length === 0) return [];
  const definitions = await engine.processDefinitions();
  const keys = new Set(definitions.map((d) => d.key));
  let messages: Set<string> | undefined;
  const issues: TriggerEngineIssue[] = [];
  for (const t of enabled) {
    const trigger = t['x-crm-trigger'] as string;
    const { type, processKey, messageName } = t.action;
    if (type === 'start-process' && typeof processKey === 'string' && !keys.has(processKey)) {
      issues.push(issue(trigger, '/action/processKey', { code: 'trigger-process-not-deployed', params: { processKey } }));
    }
    if (type === 'correlate-message' && typeof messageName === 'string') {
      messages ??= await caughtMessages(engine, definitions);
      if (!messages.has(messageName)) issues.push(issue(trigger, '/action/messageName', { code: 'trigger-message-not-caught', params: { messageName } }));
    }
  }
  return issues;
}
