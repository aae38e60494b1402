/**
 * What the query compiler may see of the compiled model: visible entities, their columns (declared
 * fields plus the system columns every table has), and lookup paths (`contact.account.industry`)
 * turned into LEFT JOINs with generated aliases (`t1`, `t2`, …; the root table is `t0`).
 * Hidden entities and fields do not exist here: naming one is an `unknown-*` error.
 */
import type { CompiledEntity, CompiledModel, FieldKind, IssueText } from '../../metadata/index.js';
import { ident, qualified } from '../db/sql.js';
import { AppError } from '../errors.js';

/** Kinds of queryable columns: the field kinds plus `uuid` for the system ids (id, ownerId, …). */
export type ColumnKind = FieldKind | 'uuid';

export interface Column {
  /** API name. */
  name: string;
  /** SQL column name. */
  column: string;
  kind: ColumnKind;
  /** Target entity of a lookup field. */
  lookup?: string;
  enumValues?: string[];
  system: boolean;
}

export const ROOT_ALIAS = 't0';
/** Longest lookup path: `contact.account.industry`. */
export const MAX_PATH_SEGMENTS = 3;

/** The system columns of every entity table, in API order. */
export const SYSTEM_COLUMNS: readonly Column[] = [
  { name: 'id', column: 'id', kind: 'uuid', system: true },
  { name: 'version', column: 'version', kind: 'integer', system: true },
  { name: 'ownerId', column: 'owner_id', kind: 'uuid', system: true },
  { name: 'createdAt', column: 'created_at', kind: 'datetime', system: true },
  { name: 'createdBy', column: 'created_by', kind: 'uuid', system: true },
  { name: 'updatedAt', column: 'updated_at', kind: 'datetime', system: true },
  { name: 'updatedBy', column: 'updated_by', kind: 'uuid', system: true },
  { name: 'deletedAt', column: 'deleted_at', kind: 'datetime', system: true },
  { name: 'deletedBy', column: 'deleted_by', kind: 'uuid', system: true },
];

/** A visible entity, or `unknown-entity`. */
export function entityOf(model: CompiledModel, name: string): CompiledEntity {
  const e = Object.hasOwn(model.entities, name) ? model.entities[name] : undefined;
  if (!e || e.hidden) throw new AppError('unknown-entity', `unknown entity '${name}'`, [{ path: 'entity', message: `unknown entity '${name}'` }]);
  return e;
}

const columnCache = new WeakMap<CompiledEntity, Map<string, Column>>();

/** API name → column, for the entity's visible declared fields and the system columns. */
export function columnsOf(entity: CompiledEntity): Map<string, Column> {
  let cols = columnCache.get(entity);
  if (!cols) {
    cols = new Map(SYSTEM_COLUMNS.map((c) => [c.name, c]));
    for (const f of entity.fields) {
      if (f.hidden || cols.has(f.name)) continue;
      cols.set(f.name, { name: f.name, column: f.column, kind: f.kind, lookup: f.lookup?.entity, enumValues: f.enumValues, system: false });
    }
    columnCache.set(entity, cols);
  }
  return cols;
}

/** Declared, visible fields only (what an expanded related record shows besides id and version). */
export function declaredColumns(entity: CompiledEntity): Column[] {
  return [...columnsOf(entity).values()].filter((c) => !c.system);
}

/** A field a query names that the entity lacks (400 `unknown-field`); `text` codes it (metadata/issue-texts/), so the edge says it in the request's language. */
export const unknownField = (path: string, message: string, text?: IssueText): AppError =>
  new AppError('unknown-field', message, [{ path, message, ...(text ? { code: text.code, ...(text.params ? { params: text.params } : {}) } : {}) }]);

/** A field resolved against the query's joins: the SQL expression reading it and its column. */
export interface Resolved {
  expr: string;
  alias: string;
  col: Column;
  entity: CompiledEntity;
}

/** The joins one statement needs; each distinct lookup prefix is joined once and reused. */
export class Joins {
  private readonly byPrefix = new Map<string, { alias: string; entity: CompiledEntity; sql: string }>();

  constructor(
    private readonly model: CompiledModel,
    readonly root: CompiledEntity,
    /** The root table's alias; `t0` in the statements of this folder, another one for access predicates. */
    readonly rootAlias: string = ROOT_ALIAS,
    /** The access condition on a joined related record (one the user cannot see joins as absent). */
    private readonly reach?: (entity: string, alias: string) => string | null,
  ) {}

  /**
   * Resolve `field` or `lookup.….field` (at most 3 segments), joining the lookups on the way.
   * `errPath` names the input for `unknown-field` errors.
   */
  resolve(path: string, errPath: string): Resolved {
    const segments = path.split('.');
    if (segments.length > MAX_PATH_SEGMENTS || segments.some((s) => s === '')) {
      throw unknownField(errPath, `'${path}': a path has at most ${MAX_PATH_SEGMENTS} segments separated by dots`);
    }
    let entity = this.root;
    let alias = this.rootAlias;
    for (let i = 0; i < segments.length - 1; i++) {
      ({ alias, entity } = this.join(segments.slice(0, i + 1), alias, entity, errPath, path));
    }
    const last = segments[segments.length - 1];
    const col = columnsOf(entity).get(last);
    if (!col) throw unknownField(errPath, `'${path}': ${entity.name} has no field '${last}'`, { code: 'unknown-entity-field', params: { field: last, entity: entity.name } });
    return { expr: `${alias}.${ident(col.column)}`, alias, col, entity };
  }

  /** The alias of the related record reached through `lookups` (a prefix of a path). */
  join(lookups: string[], fromAlias: string, from: CompiledEntity, errPath: string, path: string): { alias: string; entity: CompiledEntity } {
    const key = lookups.join('.');
    const known = this.byPrefix.get(key);
    if (known) return known;
    const name = lookups[lookups.length - 1];
    const col = columnsOf(from).get(name);
    if (!col) throw unknownField(errPath, `'${path}': ${from.name} has no field '${name}'`, { code: 'unknown-entity-field', params: { field: name, entity: from.name } });
    if (!col.lookup) throw unknownField(errPath, `'${path}': '${name}' of ${from.name} is not a lookup field`, { code: 'not-a-lookup', params: { field: name, entity: from.name } });
    const target = Object.hasOwn(this.model.entities, col.lookup) ? this.model.entities[col.lookup] : undefined;
    if (!target || target.hidden) throw unknownField(errPath, `'${path}': '${name}' of ${from.name} refers to an unknown entity`);
    const alias = `t${this.byPrefix.size + 1}`;
    const scope = this.reach?.(target.name, alias);
    const sql = `left join ${qualified('crm', target.table)} ${alias} on ${alias}."id" = ${fromAlias}.${ident(col.column)}${scope ? ` and (${scope})` : ''}`;
    const joined = { alias, entity: target, sql };
    this.byPrefix.set(key, joined);
    return joined;
  }

  /** A direct lookup field of the root, joined (for expansion). */
  joinLookup(name: string, errPath: string): { alias: string; entity: CompiledEntity; col: Column } {
    const col = columnsOf(this.root).get(name);
    if (!col) throw unknownField(errPath, `${this.root.name} has no field '${name}'`, { code: 'unknown-entity-field', params: { field: name, entity: this.root.name } });
    if (!col.lookup) throw unknownField(errPath, `'${name}' is not a lookup field and cannot be expanded`);
    return { ...this.join([name], ROOT_ALIAS, this.root, errPath, name), col };
  }

  /** `from crm.x t0 left join …`, the joins in the order they were first needed. */
  from(): string {
    return [`from ${qualified('crm', this.root.table)} ${ROOT_ALIAS}`, ...[...this.byPrefix.values()].map((j) => j.sql)].join(' ');
  }
}
