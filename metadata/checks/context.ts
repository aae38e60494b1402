/**
 * What the cross-document checks share: the entities of a package by name (first definition wins),
 * an issue collector, and resolution of field paths such as `account.name`.
 */
import type { EntityDocument, FieldDocument, FieldKind, MetadataPackage } from '../types.js';
import { inferKind } from '../field-types/index.js';
import { declaredFields } from '../compile.js';
import { isSystemField } from '../names.js';
import { pointer } from '../json-pointer.js';
import type { IssueText } from '../issue-texts/index.js';

export interface FieldInfo {
  doc: FieldDocument;
  kind: FieldKind;
}

export interface EntityInfo {
  doc: EntityDocument;
  file: string;
  fields: Map<string, FieldInfo>;
}

export type DocKind = keyof MetadataPackage;

export interface CheckContext {
  pkg: Required<MetadataPackage>;
  entities: Map<string, EntityInfo>;
  fileOf(kind: DocKind, index: number): string;
  /** An issue at a JSON path of a file: what is wrong as a code and params (metadata/issue-texts/ words it in both languages). */
  report(file: string, path: string, text: IssueText): void;
  /** Documents that passed their meta-schema (checks that would only echo its errors skip the rest). */
  schemaValid: Set<unknown>;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';

/** The package's role names. */
export const roleNames = (ctx: CheckContext): Set<string> =>
  new Set(ctx.pkg.roles.flatMap((doc) => (isObject(doc) && isString(doc['x-crm-role']) ? [doc['x-crm-role']] : [])));

/**
 * The roles a document is for (a UI layout's `roles`, a view's `defaultFor`, a record form's
 * `roles`, at `at`): each a known role, and each given one document per scope at most — `scopes`
 * are what a role may have one of (a view per entity, a record form per purpose), `claimed` maps
 * "scope role" to the file that has it, `taken(role, scope, other)` is what a second claim is told.
 */
export function checkRoleClaims(ctx: CheckContext, file: string, roles: unknown, at: (string | number)[], scopes: readonly string[], claimed: Map<string, string>, taken: (role: string, scope: string, other: string) => IssueText): void {
  if (!Array.isArray(roles)) return;
  const known = roleNames(ctx);
  roles.forEach((role: unknown, j) => {
    if (!isString(role)) return;
    if (!known.has(role)) return ctx.report(file, pointer(...at, j), { code: 'unknown-role', params: { role } });
    for (const scope of scopes) {
      const other = claimed.get(`${scope} ${role}`);
      if (other) ctx.report(file, pointer(...at, j), taken(role, scope, other));
      else claimed.set(`${scope} ${role}`, file);
    }
  });
}

/** Entity documents indexed by `x-crm-entity` (documents without a string name are skipped). */
export function indexEntities(pkg: Pick<MetadataPackage, 'entities'>, fileOf: (kind: DocKind, i: number) => string): Map<string, EntityInfo> {
  const map = new Map<string, EntityInfo>();
  pkg.entities.forEach((doc, i) => {
    if (!isObject(doc) || !isString(doc['x-crm-entity']) || map.has(doc['x-crm-entity'])) return;
    const fields = new Map<string, FieldInfo>(declaredFields(doc).map(([n, f]) => [n, { doc: f, kind: inferKind(f) }]));
    map.set(doc['x-crm-entity'], { doc, file: fileOf('entities', i), fields });
  });
  return map;
}

/**
 * Resolve `field` or `lookup.field` or `lookup.lookup.field` from `entity`: every segment but the last
 * must be a lookup field; the last a declared or system field of the entity reached. Returns what is
 * wrong, or undefined when the path resolves.
 */
export function resolvePath(ctx: CheckContext, entity: string, path: string): IssueText | undefined {
  const segments = path.split('.');
  let current = ctx.entities.get(entity);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (!current) return { code: 'unknown-entity', params: { entity } };
    const last = i === segments.length - 1;
    if (last) {
      if (current.fields.has(seg) || isSystemField(seg)) return undefined;
      return { code: 'unknown-entity-field', params: { field: seg, entity } };
    }
    const field = current.fields.get(seg);
    if (!field || field.kind !== 'lookup') return { code: 'not-a-lookup', params: { field: seg, entity } };
    entity = String(field.doc['x-crm-lookup']?.entity);
    current = ctx.entities.get(entity);
  }
  return undefined;
}

/**
 * Check every `field` member inside a filter-language document (`{field, op, value}` leaves under
 * `and` / `or` / `not`) names a resolvable field path of `entity`.
 */
export function checkFilterFields(ctx: CheckContext, file: string, entity: string, filter: unknown, base: (string | number)[]): void {
  if (Array.isArray(filter)) {
    filter.forEach((item, i) => checkFilterFields(ctx, file, entity, item, [...base, i]));
    return;
  }
  if (!isObject(filter)) return;
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'field' && isString(value)) {
      const problem = resolvePath(ctx, entity, value);
      if (problem) ctx.report(file, pointer(...base, key), problem);
    } else if (key !== 'value') {
      checkFilterFields(ctx, file, entity, value, [...base, key]);
    }
  }
}
