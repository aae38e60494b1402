/**
 * A computed field's FEEL expression (metadata/computed.ts) as the SQL of a stored generated
 * column: PostgreSQL computes it on every insert and update of the row, in the same statement, and
 * for every existing row when the column is added or its expression set. FEEL's null rules hold:
 * arithmetic and comparisons with null give null (division by zero too), `=`/`!=` treat null as a
 * value, `and`/`or` are three-valued. Expects an expression the metadata checks accepted.
 */
import { parseComputed, type CompiledEntity, type CompiledField, type ComputedExpr } from '../../metadata/index.js';
import { ident } from '../db/sql.js';

const NUMBER_KINDS = new Set(['integer', 'number', 'money', 'percent']);

function literal(e: Extract<ComputedExpr, { k: 'literal' }>): string {
  if (e.value === null) return 'null';
  if (typeof e.value === 'boolean') return e.value ? 'true' : 'false';
  if (typeof e.value === 'number') return `(${String(e.value)})::numeric`;
  return `'${e.value.replace(/'/g, "''")}'::text`;
}

/** Is the expression a string (so `+` concatenates)? Fields by kind, literals by type. */
function isText(e: ComputedExpr, entity: CompiledEntity): boolean {
  if (e.k === 'literal') return typeof e.value === 'string';
  if (e.k === 'field') return !NUMBER_KINDS.has(fieldOf(entity, e.name).kind) && fieldOf(entity, e.name).kind !== 'boolean' && fieldOf(entity, e.name).kind !== 'date';
  if (e.k === 'arith') return e.op === '+' && (isText(e.l, entity) || isText(e.r, entity));
  if (e.k === 'call') return e.fn === 'upper case' || e.fn === 'lower case';
  if (e.k === 'if') return isText(e.t, entity) || isText(e.e, entity);
  return false;
}

const fieldOf = (entity: CompiledEntity, name: string): CompiledField => entity.fields.find((f) => f.name === name && !f.hidden)!;

function sql(e: ComputedExpr, entity: CompiledEntity): string {
  const s = (x: ComputedExpr) => sql(x, entity);
  switch (e.k) {
    case 'literal':
      return literal(e);
    case 'field': {
      const f = fieldOf(entity, e.name);
      if (NUMBER_KINDS.has(f.kind)) return `${ident(f.column)}::numeric`;
      return f.kind === 'boolean' || f.kind === 'date' ? ident(f.column) : `${ident(f.column)}::text`;
    }
    case 'neg':
      return `(-${s(e.e)})`;
    case 'arith':
      if (e.op === '+' && isText(e, entity)) return `(${s(e.l)} || ${s(e.r)})`;
      if (e.op === '/') return `(${s(e.l)} / nullif(${s(e.r)}, 0))`;
      if (e.op === '**') return `power(${s(e.l)}, ${s(e.r)})`;
      return `(${s(e.l)} ${e.op} ${s(e.r)})`;
    case 'compare':
      if (e.op === '=') return `(${s(e.l)} is not distinct from ${s(e.r)})`;
      if (e.op === '!=') return `(${s(e.l)} is distinct from ${s(e.r)})`;
      return `(${s(e.l)} ${e.op} ${s(e.r)})`;
    case 'logic':
      return `(${s(e.l)} ${e.op} ${s(e.r)})`;
    case 'if':
      return `(case when ${s(e.c)} then ${s(e.t)} else ${s(e.e)} end)`;
    case 'call': {
      const a = e.args.map(s);
      switch (e.fn) {
        case 'not':
          return `(not ${a[0]})`;
        case 'decimal':
          return `round(${a[0]}, ${Number((e.args[1] as { value: number }).value)})`;
        case 'ceiling':
          return `ceil(${a[0]})`;
        case 'min':
        case 'max':
          return `(case when ${a[0]} is null or ${a[1]} is null then null else ${e.fn === 'min' ? 'least' : 'greatest'}(${a[0]}, ${a[1]}) end)`;
        case 'string length':
          return `char_length(${a[0]})`;
        case 'upper case':
          return `upper(${a[0]})`;
        case 'lower case':
          return `lower(${a[0]})`;
        default:
          return `${e.fn}(${a[0]})`;
      }
    }
  }
}

/** A computed field's value, parenthesised and cast to its column type: what `generated always as` and `set expression as` take. */
export function computedValueSql(entity: CompiledEntity, field: CompiledField, sqlType: string): string {
  return `((${sql(parseComputed(field.computed!), entity)})::${sqlType})`;
}

/** The column definition of a field: its type, and for a computed field the expression. */
export function columnDefinition(entity: CompiledEntity, field: CompiledField, sqlType: string): string {
  return field.computed === undefined ? sqlType : `${sqlType} generated always as ${computedValueSql(entity, field, sqlType)} stored`;
}
