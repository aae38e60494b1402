/**
 * Cross-document checks of view and trigger documents: entities, columns, sort, kanban, grouping,
 * filters; the roles a view is the default for (known roles, one view per role and entity).
 */
import { isSystemField } from '../names.js';
import { pointer } from '../json-pointer.js';
import type { CheckContext, DocKind, EntityInfo } from './context.js';
import type { IssueText } from '../issue-texts/index.js';
import { checkFilterFields, checkRoleClaims, isObject, isString, resolvePath } from './context.js';

/** Names must be unique within their kind; returns the entity info when `entity` is known. */
function checkHeader(ctx: CheckContext, kind: DocKind, nameKey: string, doc: Record<string, unknown>, i: number, names: Map<string, string>) {
  const file = ctx.fileOf(kind, i);
  const name = doc[nameKey];
  if (isString(name)) {
    if (names.has(name)) ctx.report(file, pointer(nameKey), { code: 'already-defined', params: { name, other: names.get(name)! } });
    else names.set(name, file);
  }
  if (!isString(doc.entity)) return undefined;
  const entity = ctx.entities.get(doc.entity);
  if (!entity) ctx.report(file, '/entity', { code: 'unknown-entity', params: { entity: doc.entity } });
  return entity && { file, entityName: doc.entity, entity };
}

/** Kinds a list can be grouped by: values that repeat and read as a heading (not amounts, instants or JSON). */
export const GROUPABLE_KINDS: readonly string[] = ['text', 'email', 'phone', 'url', 'enum', 'boolean', 'lookup', 'integer', 'date'];

/**
 * Why a list of `entityName` cannot be grouped by `groupBy` (undefined: it can) — one rule for
 * view documents and for people's saved views (runtime/views/saved-views.ts). `kindOf` gives the kind
 * of a field the entity has (as far as the asker may see it), undefined for none.
 */
export function groupByProblem(entityName: string, groupBy: string, kindOf: (field: string) => string | undefined): IssueText | undefined {
  if (groupBy === 'ownerId') return undefined;
  const kind = kindOf(groupBy);
  if (kind === undefined) return { code: 'unknown-entity-field', params: { field: groupBy, entity: entityName } };
  if (!GROUPABLE_KINDS.includes(kind)) return { code: 'view-group-by-kind', params: { kind, field: groupBy, groupable: GROUPABLE_KINDS } };
  return undefined;
}

function checkGroupBy(ctx: CheckContext, file: string, entityName: string, entity: EntityInfo, groupBy: unknown): void {
  const problem = isString(groupBy) ? groupByProblem(entityName, groupBy, (name) => entity.fields.get(name)?.kind) : undefined;
  if (problem) ctx.report(file, '/groupBy', problem);
}

/** `defaultFor`: known roles, and each role with at most one default view per entity (`seen`: "entity role" → file). */
function checkDefaultFor(ctx: CheckContext, file: string, entityName: string, roles: unknown, seen: Map<string, string>): void {
  checkRoleClaims(ctx, file, roles, ['defaultFor'], [entityName], seen, (role, _, other) => ({ code: 'view-role-default-taken', params: { role, entity: entityName, other } }));
}

export function checkViews(ctx: CheckContext): void {
  const names = new Map<string, string>();
  const defaults = new Map<string, string>();
  const roleDefaults = new Map<string, string>();
  ctx.pkg.views.forEach((doc, i) => {
    if (!isObject(doc)) return;
    const head = checkHeader(ctx, 'views', 'x-crm-view', doc, i, names);
    if (!head) return;
    const { file, entityName, entity } = head;
    if (Array.isArray(doc.columns)) {
      doc.columns.forEach((c, j) => {
        const problem = isString(c) ? resolvePath(ctx, entityName, c) : undefined;
        if (problem) ctx.report(file, pointer('columns', j), problem);
      });
    }
    if (Array.isArray(doc.sort)) {
      doc.sort.forEach((s, j) => {
        if (isObject(s) && isString(s.field) && !entity.fields.has(s.field) && !isSystemField(s.field)) {
          ctx.report(file, pointer('sort', j, 'field'), { code: 'unknown-entity-field', params: { field: s.field, entity: entityName } });
        }
      });
    }
    if (isObject(doc.kanban) && isString(doc.kanban.groupBy)) {
      const group = entity.fields.get(doc.kanban.groupBy);
      if (!group) ctx.report(file, '/kanban/groupBy', { code: 'unknown-entity-field', params: { field: doc.kanban.groupBy, entity: entityName } });
      else if (group.kind !== 'enum') ctx.report(file, '/kanban/groupBy', { code: 'view-kanban-not-enum', params: { field: doc.kanban.groupBy, kind: group.kind } });
    }
    if (doc.default === true) {
      const other = defaults.get(entityName);
      if (other) ctx.report(file, '/default', { code: 'view-default-taken', params: { entity: entityName, other } });
      else defaults.set(entityName, file);
    }
    checkGroupBy(ctx, file, entityName, entity, doc.groupBy);
    checkDefaultFor(ctx, file, entityName, doc.defaultFor, roleDefaults);
    checkFilterFields(ctx, file, entityName, doc.filter, ['filter']);
  });
}

export function checkTriggers(ctx: CheckContext): void {
  const names = new Map<string, string>();
  ctx.pkg.triggers.forEach((doc, i) => {
    if (!isObject(doc)) return;
    const head = checkHeader(ctx, 'triggers', 'x-crm-trigger', doc, i, names);
    if (!head) return;
    const { file, entityName } = head;
    checkFilterFields(ctx, file, entityName, doc.condition, ['condition']);
    const variables = isObject(doc.action) ? doc.action.variables : undefined;
    if (!isObject(variables)) return;
    for (const [name, path] of Object.entries(variables)) {
      const problem = isString(path) ? resolvePath(ctx, entityName, path) : undefined;
      if (problem) ctx.report(file, pointer('action', 'variables', name), problem);
    }
  });
}
