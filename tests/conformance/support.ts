/**
 * The differential conformance harness: a scenario (BPMN model + a script of REST steps) runs on
 * a target engine — the embedded one (a bare router on a fresh database) or Operaton — and yields
 * observations in an engine-neutral form (no ids, no times): per instance, by business key, the
 * activity history in order, variables, open user tasks and external tasks, incidents and state.
 * The suite runs every scenario on both and compares.
 */
import { readFileSync } from 'node:fs';
import { startEngineRest, type EngineRestServer } from '../engine/support.js';
import { byActivityId, byKeyThenAssignee, candidateSet, historyMultiset, variableMultiset, withoutRunPrefix } from './normalisations.js';

export interface Target {
  name: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  deploy(name: string, xml: string): Promise<void>;
  close(): Promise<void>;
}

/** A REST call a step made was answered with an error. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly type: unknown,
    message: string,
    /** For a refused deployment: the engine's message and parse details, compared as they are. */
    readonly parse?: { message?: string; details?: unknown },
  ) {
    super(message);
  }
}

async function httpTarget(name: string, base: string, close: () => Promise<void>): Promise<Target> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    name,
    call,
    async deploy(resource, xml) {
      const form = new FormData();
      form.append('deployment-name', resource);
      form.append(resource, new Blob([xml]), resource);
      const res = await fetch(`${base}/deployment/create`, { method: 'POST', body: form });
      if (res.status !== 200) {
        const text = await res.text();
        const body = JSON.parse(text) as { type?: string; message?: string; details?: unknown };
        // A refused model: its message and per-resource details (what Camunda Modeler shows) are observed too.
        throw new Refused(res.status, body.type, `${name}: deployment of ${resource} failed: ${res.status} ${text}`, { message: body.message, details: body.details });
      }
    },
    close,
  };
}

export async function embeddedTarget(): Promise<Target> {
  const api: EngineRestServer = await startEngineRest('conformance');
  return httpTarget('embedded', api.url, () => api.stop());
}

export async function operatonTarget(): Promise<Target> {
  const base = process.env.OPERATON_URL;
  if (!base) throw new Error('OPERATON_URL is not set: run through `npm run test:conformance`');
  return httpTarget('operaton', base, async () => undefined);
}

/** Camunda-typed variables as a scenario writes them: `{name: {value, type, valueInfo?}}` (valueInfo for Object values). */
type Variables = Record<string, { value: unknown; type?: string; valueInfo?: Record<string, unknown> }>;

export type Step =
  | { start: { key: string; businessKey: string; variables?: Variables } }
  | { completeTask: { businessKey: string; taskDefinitionKey: string; variables?: Variables } }
  | { claimTask: { businessKey: string; taskDefinitionKey: string; userId: string } }
  | { fetchAndComplete: { businessKey: string; topic: string; variables?: Variables } }
  | { failure: { businessKey: string; topic: string; retries: number; errorMessage: string; retryTimeout?: number } }
  /** fetchAndLock the topic for the instance, record how many tasks came, and unlock them again. */
  | { fetchCount: { businessKey: string; topic: string } }
  | { bpmnError: { businessKey: string; topic: string; errorCode: string; variables?: Variables } }
  | { setRetries: { businessKey: string; topic: string; retries: number } }
  | { correlate: { messageName: string; businessKey?: string; correlationKeys?: Variables; processVariables?: Variables; all?: boolean } }
  /** Execute the instance's jobs (due or not), optionally only those of one activity. */
  | { executeJobs: { businessKey: string; activityId?: string } }
  /** Execute the timer-start job of the key's latest version; the instance it starts is observed under `as`. */
  | { executeStartTimer: { key: string; as: string } }
  /** POST /task/count with a TaskQueryDto body, limited to the instance's tasks; records the count. */
  | { countTasks: { businessKey: string; query: Record<string, unknown> } }
  | { taskAction: { businessKey: string; taskDefinitionKey: string; action: 'unclaim' | 'assignee' | 'delegate' | 'resolve'; userId?: string; variables?: Variables } }
  /** Observe the instances `businessKey`'s call activities started, as `<businessKey>><calledKey>` (`#2`… for more of one key). */
  | { trackCalled: { businessKey: string } }
  /** Deploy another model file next to the scenario (e.g. a second version of a called process). */
  | { deploy: string }
  /** The inner step must be refused; the observations record the refusal's HTTP status and error type (a deployment's: also its message and parse details). */
  | { fails: Step }
  | 'observe';

export interface Scenario {
  name: string;
  /** The BPMN file next to the scenario, deployed once per target. */
  model: string;
  steps: Step[];
}

export function loadScenario(file: URL): Scenario & { xml: string; models: Record<string, string> } {
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
  const models: Record<string, string> = {};
  const deployed = (step: Step): string[] => (typeof step !== 'object' ? [] : 'deploy' in step ? [step.deploy] : 'fails' in step ? deployed(step.fails) : []);
  for (const name of scenario.steps.flatMap(deployed)) models[name] = readFileSync(new URL(name, file), 'utf8');
  return { ...scenario, xml: readFileSync(new URL(scenario.model, file), 'utf8'), models };
}

let runs = 0;

class Run {
  /** business key (as the scenario names it) → process instance id */
  readonly instances = new Map<string, string>();
  readonly observations: unknown[] = [];
  /**
   * Business keys go to the engine with a prefix unique to this run, so several runs (scenarios,
   * targets, developers) can share one Operaton without finding each other's instances.
   */
  private readonly prefix = `r${process.pid}.${Date.now().toString(36)}.${++runs}:`;

  constructor(
    readonly target: Target,
    private readonly models: Record<string, string> = {},
  ) {}

  private key(businessKey: string): string {
    return this.prefix + businessKey;
  }

  private async ok(method: string, path: string, body?: unknown): Promise<any> {
    const res = await this.target.call(method, path, body);
    if (res.status >= 300) throw new Refused(res.status, res.body?.type, `${this.target.name}: ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  private instance(businessKey: string): string {
    const id = this.instances.get(businessKey);
    if (!id) throw new Error(`no instance with business key ${businessKey}`);
    return id;
  }

  private async task(businessKey: string, taskDefinitionKey: string): Promise<any> {
    const [task] = await this.ok('GET', `/task?processInstanceBusinessKey=${encodeURIComponent(this.key(businessKey))}&taskDefinitionKey=${taskDefinitionKey}`);
    if (!task) throw new Error(`${this.target.name}: no task ${taskDefinitionKey} for ${businessKey}`);
    return task;
  }

  private async lockOne(businessKey: string, topic: string): Promise<string> {
    const tasks = await this.ok('POST', '/external-task/fetchAndLock', { workerId: 'conformance', maxTasks: 1, topics: [{ topicName: topic, lockDuration: 60_000, businessKey: this.key(businessKey) }] });
    if (tasks.length !== 1) throw new Error(`${this.target.name}: no external task of topic ${topic} for ${businessKey}`);
    return tasks[0].id;
  }

  async step(step: Step): Promise<void> {
    if (step === 'observe') {
      this.observations.push(await this.observe());
      return;
    }
    if ('fails' in step) {
      const refusal = await this.step(step.fails).then(
        () => undefined,
        (e: unknown) => {
          if (e instanceof Refused) return { status: e.status, type: e.type, ...e.parse };
          throw e;
        },
      );
      if (!refusal) throw new Error(`${this.target.name}: expected ${JSON.stringify(step.fails)} to be refused`);
      this.observations.push({ refused: refusal });
      return;
    }
    if ('start' in step) {
      const { key, businessKey, variables } = step.start;
      const pi = await this.ok('POST', `/process-definition/key/${key}/start`, { businessKey: this.key(businessKey), variables });
      this.instances.set(businessKey, pi.id);
    } else if ('completeTask' in step) {
      const { businessKey, taskDefinitionKey, variables } = step.completeTask;
      // Of several (multi-instance), the one with the first assignee: both engines pick the same.
      const [task] = ((await this.ok('GET', `/task?processInstanceBusinessKey=${encodeURIComponent(this.key(businessKey))}&taskDefinitionKey=${taskDefinitionKey}`)) as any[]).sort((a, b) =>
        String(a.assignee).localeCompare(String(b.assignee)),
      );
      if (!task) throw new Error(`${this.target.name}: no task ${taskDefinitionKey} for ${businessKey}`);
      await this.ok('POST', `/task/${task.id}/complete`, { variables });
    } else if ('claimTask' in step) {
      const { businessKey, taskDefinitionKey, userId } = step.claimTask;
      await this.ok('POST', `/task/${(await this.task(businessKey, taskDefinitionKey)).id}/claim`, { userId });
    } else if ('taskAction' in step) {
      const { businessKey, taskDefinitionKey, action, userId, variables } = step.taskAction;
      await this.ok('POST', `/task/${(await this.task(businessKey, taskDefinitionKey)).id}/${action}`, action === 'resolve' ? { variables } : { userId });
    } else if ('countTasks' in step) {
      const { businessKey, query } = step.countTasks;
      const { count } = await this.ok('POST', '/task/count', { ...query, processInstanceBusinessKey: this.key(businessKey) });
      this.observations.push({ counted: { query, count } });
    } else if ('trackCalled' in step) {
      const { businessKey } = step.trackCalled;
      const called = await this.ok('GET', `/history/process-instance?superProcessInstanceId=${this.instance(businessKey)}&sortBy=startTime&sortOrder=asc`);
      for (const pi of called) {
        const base = `${businessKey}>${pi.processDefinitionKey}`;
        let name = base;
        for (let n = 2; this.instances.has(name) && this.instances.get(name) !== pi.id; n++) name = `${base}#${n}`;
        this.instances.set(name, pi.id);
      }
    } else if ('deploy' in step) {
      await this.target.deploy(step.deploy, this.models[step.deploy]!);
    } else if ('fetchAndComplete' in step) {
      const { businessKey, topic, variables } = step.fetchAndComplete;
      await this.ok('POST', `/external-task/${await this.lockOne(businessKey, topic)}/complete`, { workerId: 'conformance', variables });
    } else if ('failure' in step) {
      const { businessKey, topic, retries, errorMessage, retryTimeout = 0 } = step.failure;
      await this.ok('POST', `/external-task/${await this.lockOne(businessKey, topic)}/failure`, { workerId: 'conformance', retries, errorMessage, retryTimeout });
    } else if ('fetchCount' in step) {
      const { businessKey, topic } = step.fetchCount;
      const tasks = await this.ok('POST', '/external-task/fetchAndLock', { workerId: 'conformance', maxTasks: 10, topics: [{ topicName: topic, lockDuration: 60_000, businessKey: this.key(businessKey) }] });
      for (const t of tasks) await this.ok('POST', `/external-task/${t.id}/unlock`);
      this.observations.push({ fetched: { topic, count: tasks.length } });
    } else if ('bpmnError' in step) {
      const { businessKey, topic, errorCode, variables } = step.bpmnError;
      await this.ok('POST', `/external-task/${await this.lockOne(businessKey, topic)}/bpmnError`, { workerId: 'conformance', errorCode, variables });
    } else if ('setRetries' in step) {
      const { businessKey, topic, retries } = step.setRetries;
      const [task] = await this.ok('GET', `/external-task?processInstanceId=${this.instance(businessKey)}&topicName=${topic}`);
      await this.ok('PUT', `/external-task/${task.id}/retries`, { retries });
    } else if ('correlate' in step) {
      const { businessKey, ...rest } = step.correlate;
      const result = await this.ok('POST', '/message', { ...rest, ...(businessKey === undefined ? {} : { businessKey: this.key(businessKey) }), resultEnabled: true });
      // A message start event began an instance: remember it under the business key it was given
      // (`key#2`, `key#3`… when an earlier instance already has that key, so both stay observed).
      for (const r of result as any[]) {
        const pi = r.processInstance;
        if (r.resultType !== 'ProcessDefinition' || !pi?.businessKey?.startsWith(this.prefix)) continue;
        const key = pi.businessKey.slice(this.prefix.length);
        let name = key;
        for (let n = 2; this.instances.has(name); n++) name = `${key}#${n}`;
        this.instances.set(name, pi.id);
      }
    } else if ('executeJobs' in step) {
      const { businessKey, activityId } = step.executeJobs;
      const jobs = await this.ok('GET', `/job?processInstanceId=${this.instance(businessKey)}${activityId ? `&activityId=${activityId}` : ''}`);
      for (const job of jobs) await this.ok('POST', `/job/${job.id}/execute`);
    } else if ('executeStartTimer' in step) {
      const { key, as } = step.executeStartTimer;
      const [definition] = await this.ok('GET', `/process-definition?key=${key}&latestVersion=true`);
      const jobs = (await this.ok('GET', `/job?processDefinitionId=${definition.id}&timers=true`)).filter((j: any) => !j.processInstanceId);
      if (jobs.length !== 1) throw new Error(`${this.target.name}: ${jobs.length} timer-start jobs for ${key}`);
      await this.ok('POST', `/job/${jobs[0].id}/execute`);
      const known = new Set(this.instances.values());
      const started = (await this.ok('GET', `/history/process-instance?processDefinitionId=${definition.id}`)).filter((pi: any) => !known.has(pi.id));
      if (started.length !== 1) throw new Error(`${this.target.name}: the timer start of ${key} started ${started.length} instances`);
      this.instances.set(as, started[0].id);
    }
  }

  /** Everything comparable about every instance of the scenario, by business key (see normalisations.ts). */
  async observe(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [businessKey, id] of [...this.instances].sort(([a], [b]) => a.localeCompare(b))) {
      const [hist] = await this.ok('GET', `/history/process-instance?processInstanceId=${id}`);
      const activities = await this.ok('GET', `/history/activity-instance?processInstanceId=${id}&sortBy=occurrence&sortOrder=asc`);
      const variables = await this.ok('GET', `/history/variable-instance?processInstanceId=${id}`);
      const tasks = await this.ok('GET', `/task?processInstanceId=${id}&sortBy=name&sortOrder=asc`);
      const external = await this.ok('GET', `/external-task?processInstanceId=${id}`);
      const incidents = await this.ok('GET', `/incident?processInstanceId=${id}`);
      out[businessKey] = {
        state: hist.state,
        history: historyMultiset(activities),
        variables: variableMultiset(variables),
        tasks: byKeyThenAssignee(
          await Promise.all(
            tasks.map(async (t: any) => ({
              taskDefinitionKey: t.taskDefinitionKey,
              name: t.name,
              assignee: t.assignee,
              formKey: t.formKey,
              priority: t.priority,
              owner: t.owner,
              delegationState: t.delegationState,
              due: t.due,
              followUp: t.followUp,
              candidates: candidateSet(await this.ok('GET', `/task/${t.id}/identity-links?type=candidate`)),
            })),
          ),
        ),
        externalTasks: byActivityId(external.map((t: any) => ({ activityId: t.activityId, topicName: t.topicName, retries: t.retries, errorMessage: t.errorMessage, priority: t.priority }))),
        incidents: byActivityId(incidents.map((i: any) => ({ incidentType: i.incidentType, activityId: i.activityId, incidentMessage: i.incidentMessage }))),
      };
    }
    return withoutRunPrefix(out, this.prefix);
  }
}

/** Deploy the scenario's model on `target`, run its steps, and return its observations (one per `observe` step, plus the end). */
export async function runScenario(target: Target, scenario: Scenario & { xml: string; models?: Record<string, string> }): Promise<unknown[]> {
  await target.deploy(`${scenario.name}.bpmn`, scenario.xml);
  const run = new Run(target, scenario.models);
  for (const step of scenario.steps) await run.step(step);
  run.observations.push(await run.observe());
  return run.observations;
}
