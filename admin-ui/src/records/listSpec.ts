/**
 * What a record list shows, as one value: the view it started from, the person's filter conditions,
 * sort keys (in order) and grouping, table or board. Saved views store it (GET/POST
 * /api/saved-views); the filter goes to the server in the filter language's JSON form — the view's
 * own filter kept as it is, the conditions the person added after it.
 */
import type { EntityMeta, FieldMeta, SortSpec, ViewMeta } from '../api/index.js';
import type { SavedView, ViewMode } from '../api/workspace.js';
import type { MessageKey } from '../i18n/index.js';
import { quoteFilterString } from './columns.js';
import { SYSTEM_FIELDS } from './fields.js';

export type Op = 'eq' | 'ne' | 'contains' | 'startsWith' | 'gt' | 'gte' | 'lt' | 'lte' | 'isNull';

export interface Condition {
  field: string;
  op: Op;
  value: string;
}

export interface ListSpec {
  /** `v:<metadata view>` or `s:<saved view id>`; '' for the entity's plain list. */
  key: string;
  /** A filter the view fixes (the metadata view's, or parts of a saved one the builder cannot show). */
  baseFilter: unknown[];
  conditions: Condition[];
  /** Sort keys in order (a column head's click makes its column the first). */
  sort: SortSpec[];
  /** The list is grouped by this field (a header with the count before each group). */
  groupBy?: string;
  columns: string[] | null;
  mode: ViewMode;
}

const TEXT_OPS: Op[] = ['contains', 'eq', 'ne', 'startsWith', 'isNull'];
const ORDERED_OPS: Op[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isNull'];
const CHOICE_OPS: Op[] = ['eq', 'ne', 'isNull'];

export const opKey = (op: Op): MessageKey => `records.op.${op}`;

/** The comparisons that make sense for a field's kind. */
export function opsFor(field: FieldMeta | undefined): Op[] {
  switch (field?.kind) {
    case 'integer':
    case 'number':
    case 'money':
    case 'percent':
    case 'date':
    case 'datetime':
      return ORDERED_OPS;
    case 'enum':
    case 'boolean':
    case 'lookup':
      return CHOICE_OPS;
    default:
      return TEXT_OPS;
  }
}

/** Fields a person filters by: declared ones except JSON. */
export const filterableFields = (entity: EntityMeta): FieldMeta[] => entity.fields.filter((f) => f.kind !== 'json');

/** Fields a list may be sorted by: the filterable ones and the creation and update times. */
export const sortableFields = (entity: EntityMeta): FieldMeta[] => [...filterableFields(entity), ...SYSTEM_FIELDS.filter((f) => f.name === 'createdAt' || f.name === 'updatedAt')];

/** The most sort keys a saved view keeps (runtime/views/saved-views.ts SORT_MAX). */
export const SORT_MAX = 5;

/**
 * Fields a list may be grouped by: what the server allows a view's `groupBy` (metadata/checks/views.ts
 * GROUPABLE_KINDS, which also checks saved views) — values that repeat and read as a heading.
 */
const GROUPABLE = ['text', 'email', 'phone', 'url', 'enum', 'boolean', 'lookup', 'integer', 'date'];
export const groupableFields = (entity: EntityMeta): FieldMeta[] => entity.fields.filter((f) => GROUPABLE.includes(f.kind));

/** The field that groups a board: the view's kanban field, else the first state machine, else the first enum. */
export function kanbanField(entity: EntityMeta, views: ViewMeta[]): FieldMeta | undefined {
  const declared = views.map((v) => v.kanban?.groupBy).find(Boolean);
  const byName = declared ? entity.fields.find((f) => f.name === declared && f.kind === 'enum') : undefined;
  return byName ?? entity.fields.find((f) => f.kind === 'enum' && f.stateMachine) ?? entity.fields.find((f) => f.kind === 'enum');
}

function conditionValue(field: FieldMeta | undefined, c: Condition): unknown {
  if (c.op === 'isNull') return true;
  switch (field?.kind) {
    case 'integer':
    case 'number':
    case 'money':
    case 'percent':
      return Number(c.value);
    case 'boolean':
      return c.value === 'true';
    default:
      return c.value;
  }
}

/** A condition is sent once it is complete (a value given, or no value needed). */
export const isComplete = (c: Condition, field: FieldMeta | undefined): boolean =>
  c.op === 'isNull' || (c.value.trim() !== '' && (!['integer', 'number', 'money', 'percent'].includes(field?.kind ?? '') || Number.isFinite(Number(c.value))));

/** The filter sent (JSON form): the fixed part and the complete conditions, or undefined for none. */
export function specFilter(entity: EntityMeta, spec: ListSpec): object | undefined {
  const field = (name: string) => entity.fields.find((f) => f.name === name);
  const parts = [
    ...spec.baseFilter,
    ...spec.conditions.filter((c) => isComplete(c, field(c.field))).map((c) => ({ field: c.field, op: c.op, value: conditionValue(field(c.field), c) })),
  ];
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? (parts[0] as object) : { and: parts };
}

/**
 * A text filter from the address (`?filter=`, e.g. a dashboard's drill-down) in place of the view's
 * own, with the person's complete conditions after it — all in the text form.
 */
export function textFilterWith(entity: EntityMeta, text: string, conditions: Condition[]): string {
  const field = (name: string) => entity.fields.find((f) => f.name === name);
  const parts = conditions
    .filter((c) => isComplete(c, field(c.field)))
    .map((c) => {
      if (c.op === 'isNull') return `${c.field} isNull`;
      const v = conditionValue(field(c.field), c);
      return `${c.field} ${c.op} ${typeof v === 'string' ? quoteFilterString(v) : String(v)}`;
    });
  return [`(${text})`, ...parts].join(' and ');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Split a stored filter into what the builder shows (simple conditions on known fields) and the rest. */
export function splitFilter(entity: EntityMeta, filter: unknown): { base: unknown[]; conditions: Condition[] } {
  if (filter === undefined || filter === null || filter === '') return { base: [], conditions: [] };
  let value: unknown = filter;
  if (typeof filter === 'string') {
    const trimmed = filter.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { base: [filter], conditions: [] };
    value = JSON.parse(trimmed) as unknown;
  }
  const parts = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.and) ? value.and : [value];
  const base: unknown[] = [];
  const conditions: Condition[] = [];
  for (const p of parts) {
    const known = isObject(p) && typeof p.field === 'string' && entity.fields.some((f) => f.name === p.field);
    const op = isObject(p) ? (p.op as Op) : undefined;
    if (known && op && ([...TEXT_OPS, ...ORDERED_OPS] as string[]).includes(op) && (op === 'isNull' || ['string', 'number', 'boolean'].includes(typeof p.value)))
      conditions.push({ field: p.field as string, op, value: op === 'isNull' ? '' : String(p.value) });
    else base.push(p);
  }
  return { base, conditions };
}

/** A metadata view's filter (a JSON object, by its meta-schema) is fixed; the person adds conditions after it. */
export function specFromMetadataView(view: ViewMeta | undefined): ListSpec {
  const base = view?.filter === undefined || view.filter === null ? [] : [view.filter];
  return {
    key: view ? `v:${view['x-crm-view']}` : '',
    baseFilter: base,
    conditions: [],
    sort: view?.sort ?? [],
    groupBy: view?.groupBy,
    columns: view?.columns ?? null,
    mode: 'table',
  };
}

export function specFromSavedView(entity: EntityMeta, view: SavedView): ListSpec {
  const { base, conditions } = splitFilter(entity, view.filter);
  return { key: `s:${view.id}`, baseFilter: base, conditions, sort: view.sort, groupBy: view.groupBy ?? undefined, columns: view.columns, mode: view.mode };
}

/** The list's sort as sent: the group field first when grouped, then the person's or the view's keys. */
export function listSort(spec: ListSpec): SortSpec[] {
  const own = spec.sort;
  if (!spec.groupBy) return own;
  // Sorting by the group field itself turns the groups' order around.
  const direction = own.find((s) => s.field === spec.groupBy)?.direction ?? 'asc';
  return [{ field: spec.groupBy, direction }, ...own.filter((s) => s.field !== spec.groupBy)];
}

export function savedViewBody(entity: EntityMeta, name: string, spec: ListSpec) {
  return { entity: entity.name, name, filter: specFilter(entity, spec) ?? null, sort: spec.sort.slice(0, SORT_MAX), columns: spec.columns, groupBy: spec.groupBy ?? null, mode: spec.mode };
}
