/**
 * The sales dashboards over opportunities, weighed by the win probability each stage declares
 * (`x-crm-enum-probabilities` on the stage field, metadata/README.md):
 *
 * - the funnel: per stage (the values above 0 %, in enum order) the opportunities there and the
 *   amount, how many reached it (there or at a later stage; a lost one reached the first stage
 *   only, as the record does not say how far it got) and the conversion from the stage before;
 *   the stages at 0 % (lost) beside it. `mine` limits it to the user's own opportunities.
 * - the forecast roll-up: per owner the pipeline (amount at open stages, above 0 and below 100 %),
 *   the weighted forecast (amount × stage probability) and what is won (100 %), summed up the
 *   department tree to the company.
 *
 * Numbers come from aggregates under the user's access predicate: they count only what they may read.
 */
import type { CompiledModel, Label } from '../../metadata/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import type { FilterNode } from '../records/filter.js';
import { aggregate, fieldOf, viewOf, type UserView } from './aggregate.js';

/** Where the sales dashboards read: the entity, its stage (enum with probabilities) and amount. */
export const SALES = { entity: 'opportunity', stage: 'stage', amount: 'amount' } as const;

export interface Stage {
  value: string;
  label: Label | null;
  probability: number;
}

export interface FunnelStage extends Stage {
  count: number;
  amount: number;
  /** Opportunities at this stage or a later one (and, for the first stage, the lost ones). */
  reached: number;
  /** reached / the previous stage's reached; null for the first stage or when none reached the one before. */
  conversion: number | null;
}

export interface Funnel {
  entity: string;
  field: string;
  stages: FunnelStage[];
  /** Stages at 0 % (lost). */
  lost: (Stage & { count: number; amount: number })[];
  total: { count: number; amount: number; weighted: number };
}

function stagesOf(view: UserView): Stage[] {
  const field = fieldOf(view, SALES.stage);
  const probabilities = field.enumProbabilities;
  if (!probabilities) throw new AppError('unknown-field', `${view.entity.name}.${field.name} declares no stage probabilities (x-crm-enum-probabilities)`, [{ path: field.name, message: 'no probabilities' }]);
  return (field.enumValues ?? []).map((value) => ({ value, label: field.enumLabels?.[value] ?? null, probability: probabilities[value] ?? 0 }));
}

/** Count and amount per stage (and per `by`, when given) under `filter`; amounts 0 when the role may not read them. */
async function byStage(q: Queryable, view: UserView, opts: { by?: string; filter?: FilterNode } = {}) {
  const amountReadable = view.entity.fields.some((f) => f.name === SALES.amount && !f.hidden);
  const metrics = amountReadable ? ['count', `sum:${SALES.amount}`] : ['count'];
  const result = await aggregate(q, view, { groupBy: opts.by ? [opts.by, SALES.stage] : [SALES.stage], metrics, filter: opts.filter });
  return result.groups.map((g) => ({ key: g.key, count: Number(g.values.count ?? 0), amount: Number(g.values[`sum:${SALES.amount}`] ?? 0) }));
}

const pick = ({ count, amount }: { count: number; amount: number }) => ({ count, amount });

export async function funnel(q: Queryable, user: User, published: CompiledModel, opts: { mine: boolean }): Promise<Funnel> {
  const view = viewOf(user, published, SALES.entity);
  const stages = stagesOf(view);
  const rows = await byStage(q, view, opts.mine ? { filter: { field: 'ownerId', op: 'eq', value: user.id } } : {});
  const at = (value: string) => rows.find((r) => r.key[SALES.stage] === value) ?? { count: 0, amount: 0 };
  const open = stages.filter((s) => s.probability > 0);
  const lost = stages.filter((s) => s.probability <= 0).map((s) => ({ ...s, ...pick(at(s.value)) }));
  const lostCount = lost.reduce((n, s) => n + s.count, 0);
  // Reached = at this stage or a later one; the lost ones reached the first stage.
  const reached = new Map<string, number>();
  let later = 0;
  for (const s of [...open].reverse()) reached.set(s.value, (later += at(s.value).count));
  if (open[0]) reached.set(open[0].value, reached.get(open[0].value)! + lostCount);
  const funnelStages = open.map((s, i) => {
    const before = i === 0 ? 0 : reached.get(open[i - 1]!.value)!;
    return { ...s, ...pick(at(s.value)), reached: reached.get(s.value)!, conversion: before > 0 ? reached.get(s.value)! / before : null };
  });
  const weighted = stages.reduce((n, s) => n + (at(s.value).amount * s.probability) / 100, 0);
  return {
    entity: SALES.entity,
    field: SALES.stage,
    stages: funnelStages,
    lost,
    total: { count: rows.reduce((n, r) => n + r.count, 0), amount: rows.reduce((n, r) => n + r.amount, 0), weighted },
  };
}

export interface ForecastFigures {
  /** Opportunities at open stages (above 0 and below 100 %). */
  count: number;
  /** Their amount. */
  pipeline: number;
  /** Σ amount × stage probability, over every stage (won at 100 %, lost at 0 %). */
  weighted: number;
  /** Amount at 100 % stages. */
  won: number;
}

export interface ForecastNode extends ForecastFigures {
  kind: 'company' | 'department' | 'person' | 'unowned';
  /** Department or user id; null for the company and for opportunities without an owner. */
  id: string | null;
  /** Department or user name ('' for the company and the unowned: the UI names them). */
  name: string;
  /** The owners whose opportunities the node sums (for a drill-down to the list); `null` stands for no owner. */
  ownerIds: (string | null)[];
  children: ForecastNode[];
}

const zero = (): ForecastFigures => ({ count: 0, pipeline: 0, weighted: 0, won: 0 });

function add(to: ForecastFigures, from: ForecastFigures): void {
  to.count += from.count;
  to.pipeline += from.pipeline;
  to.weighted += from.weighted;
  to.won += from.won;
}

/** The forecast of every opportunity the user may read, person → department (up its tree) → company. */
export async function forecast(q: Queryable, user: User, published: CompiledModel): Promise<ForecastNode> {
  const view = viewOf(user, published, SALES.entity);
  const probability = new Map(stagesOf(view).map((s) => [s.value, s.probability]));
  const perOwner = new Map<string | null, ForecastFigures>();
  for (const row of await byStage(q, view, { by: 'ownerId' })) {
    const owner = (row.key.ownerId as string | null) ?? null;
    const p = probability.get(String(row.key[SALES.stage])) ?? 0;
    const f = perOwner.get(owner) ?? zero();
    f.weighted += (row.amount * p) / 100;
    if (p >= 100) f.won += row.amount;
    else if (p > 0) {
      f.count += row.count;
      f.pipeline += row.amount;
    }
    perOwner.set(owner, f);
  }
  const owners = [...perOwner.keys()].filter((id): id is string => id !== null);
  const users = await q.query<{ id: string; name: string; departmentId: string | null }>(
    'select id, display_name as name, department_id as "departmentId" from sec.user where id = any($1::uuid[])',
    [owners],
  );
  const departments = await q.query<{ id: string; name: string; parentId: string | null }>('select id, name, parent_id as "parentId" from sec.department');
  const company: ForecastNode = { kind: 'company', id: null, name: '', ownerIds: [], children: [], ...zero() };
  const deptNodes = new Map<string, ForecastNode>();
  const deptNode = (id: string): ForecastNode => {
    let node = deptNodes.get(id);
    if (node) return node;
    const d = departments.find((x) => x.id === id)!;
    node = { kind: 'department', id, name: d.name, ownerIds: [], children: [], ...zero() };
    deptNodes.set(id, node);
    (d.parentId ? deptNode(d.parentId) : company).children.push(node);
    return node;
  };
  for (const [owner, figures] of perOwner) {
    const u = owner === null ? undefined : users.find((x) => x.id === owner);
    const leaf: ForecastNode = { kind: owner === null ? 'unowned' : 'person', id: owner, name: u?.name ?? '', ownerIds: [owner], children: [], ...figures };
    (u?.departmentId ? deptNode(u.departmentId) : company).children.push(leaf);
  }
  const sum = (node: ForecastNode): void => {
    for (const child of node.children) {
      if (child.kind === 'company' || child.kind === 'department') sum(child);
      add(node, child);
      node.ownerIds.push(...child.ownerIds);
    }
    node.children.sort((a, b) => b.weighted - a.weighted || a.name.localeCompare(b.name));
  };
  sum(company);
  return company;
}
