/**
 * Which columns a record list shows: the entity's default view if it has one, else the display field
 * and a few more. A column is a field name or a lookup path such as `account.name`.
 */
import type { CrmRecord, EntityMeta, FieldMeta, Label, ViewMeta } from '../api/index.js';
import { findField } from './fields.js';

export interface Column {
  key: string;
  /** The field shown: on this entity, or on the related one for a lookup path. */
  field?: FieldMeta;
  /** For `account.name`: the lookup field `account` on this entity. */
  via?: FieldMeta;
  /** The path ends on the related entity's display field (the column then reads as the lookup). */
  viaDisplay?: boolean;
}

const FALLBACK_EXTRA_COLUMNS = 4;

/** The view a list opens with: the one the server names for the user's role (`defaults`), else the default one, else the first. */
export function chooseView(views: ViewMeta[], defaultView?: string): ViewMeta | undefined {
  return views.find((v) => v['x-crm-view'] === defaultView) ?? views.find((v) => v.default) ?? views[0];
}

export function columnNames(entity: EntityMeta, view: ViewMeta | undefined): string[] {
  if (view?.columns.length) return view.columns;
  const extra = entity.fields
    .filter((f) => f.name !== entity.displayField && f.kind !== 'json' && f.kind !== 'lookup')
    .slice(0, FALLBACK_EXTRA_COLUMNS)
    .map((f) => f.name);
  return [entity.displayField, ...extra];
}

export function resolveColumns(entity: EntityMeta, names: string[], entityByName: (name: string) => EntityMeta | undefined): Column[] {
  return names.map((key) => {
    const [head, ...rest] = key.split('.');
    if (rest.length === 0) return { key, field: findField(entity, key) };
    const via = findField(entity, head!);
    const related = via?.lookup ? entityByName(via.lookup.entity) : undefined;
    const name = rest.join('.');
    return { key, via, field: findField(related, name), viaDisplay: related?.displayField === name };
  });
}

/** Lookups to expand so that lookup columns can show names instead of ids. */
export function expansions(columns: Column[]): string[] {
  const names = new Set<string>();
  for (const c of columns) {
    if (c.via) names.add(c.via.name);
    else if (c.field?.kind === 'lookup') names.add(c.field.name);
  }
  return [...names];
}

/** `account.name` → "Account" (display field of the related entity), `account.city` → "Account › City". */
export function columnLabel(column: Column, pick: (label: Label | undefined, fallback: string) => string): string {
  const own = pick(column.field?.label, column.key);
  if (!column.via) return own;
  const via = pick(column.via.label, column.via.name);
  return column.viaDisplay ? via : `${via} › ${own}`;
}

export function cellValue(record: CrmRecord, column: Column): unknown {
  if (!column.via) return record[column.key];
  let value: unknown = record;
  for (const part of column.key.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A string literal of the text filter language (single quotes, backslash escapes). */
export const quoteFilterString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Quick search: the display field `contains` the query (text form), joined with the view's own
 * filter — in text form when the view's filter is text, in JSON form when it is JSON.
 */
export function searchFilter(displayField: string, query: string, viewFilter: unknown): string | object | undefined {
  const q = query.trim();
  const hasView = viewFilter !== undefined && viewFilter !== null && viewFilter !== '';
  if (!q) return hasView ? (viewFilter as string | object) : undefined;
  if (!hasView) return `${displayField} contains ${quoteFilterString(q)}`;
  if (typeof viewFilter === 'string') {
    const trimmed = viewFilter.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return `(${viewFilter}) and ${displayField} contains ${quoteFilterString(q)}`;
  }
  const view = typeof viewFilter === 'string' ? (JSON.parse(viewFilter) as unknown) : viewFilter;
  // a top-level array is the JSON form's shorthand for "and"
  const parts = Array.isArray(view) ? view : [view];
  return { and: [...parts, { field: displayField, op: 'contains', value: q }] };
}
