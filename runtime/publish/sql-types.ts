/**
 * Column types as the publish planner understands them: `parseSqlType` reads a CompiledField's
 * `sqlType` (only a known grammar gets into DDL), `formatSqlType` prints the canonical form, and
 * `compareTypes` decides whether changing a column's type is a lossless widening. The rules are
 * the table in ./README.md — keep both in step.
 */
import type { IssueCode, IssueText } from '../../metadata/index.js';

export type SqlType =
  | { base: 'varchar'; length: number }
  | { base: 'numeric'; precision?: number; scale?: number }
  | {
      base:
        | 'text'
        | 'smallint'
        | 'integer'
        | 'bigint'
        | 'real'
        | 'double precision'
        | 'boolean'
        | 'date'
        | 'timestamp'
        | 'timestamptz'
        | 'uuid'
        | 'uuid[]'
        | 'json'
        | 'jsonb';
    };

const ALIASES: Record<string, SqlType['base']> = {
  text: 'text',
  smallint: 'smallint',
  int2: 'smallint',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  real: 'real',
  float4: 'real',
  'double precision': 'double precision',
  float8: 'double precision',
  numeric: 'numeric',
  decimal: 'numeric',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  uuid: 'uuid',
  'uuid[]': 'uuid[]',
  json: 'json',
  jsonb: 'jsonb',
};

/** `varchar(200)`, `numeric(18,2)`, `timestamptz`, … → SqlType; anything else → null. */
export function parseSqlType(sqlType: string): SqlType | null {
  const s = sqlType.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1');
  const varchar = /^(?:varchar|character varying)\((\d{1,5})\)$/.exec(s);
  if (varchar) {
    const length = Number(varchar[1]);
    return length >= 1 && length <= 10485760 ? { base: 'varchar', length } : null;
  }
  const numeric = /^(?:numeric|decimal)\((\d{1,4})(?:,(\d{1,4}))?\)$/.exec(s);
  if (numeric) {
    const precision = Number(numeric[1]);
    const scale = numeric[2] === undefined ? 0 : Number(numeric[2]);
    return precision >= 1 && precision <= 1000 && scale <= precision ? { base: 'numeric', precision, scale } : null;
  }
  const base = ALIASES[s];
  if (!base || base === 'varchar') return null;
  return base === 'numeric' ? { base: 'numeric' } : ({ base } as SqlType);
}

/** Canonical DDL spelling of a type. */
export function formatSqlType(t: SqlType): string {
  if (t.base === 'varchar') return `varchar(${t.length})`;
  if (t.base === 'numeric') return t.precision === undefined ? 'numeric' : `numeric(${t.precision},${t.scale ?? 0})`;
  return t.base;
}

/** Digits before the decimal point each integer type can hold. */
const INT_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };
const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };

/** `reason`: why the change could lose data, as a text of metadata/issue-texts/publish.ts. */
export type TypeChange = { kind: 'same' } | { kind: 'widen' } | { kind: 'unsafe'; reason: IssueText };

const same: TypeChange = { kind: 'same' };
const widen: TypeChange = { kind: 'widen' };
const unsafe = (code: IssueCode): TypeChange => ({ kind: 'unsafe', reason: { code } });

/** Is changing a column from `from` to `to` lossless for every value `from` can hold? */
export function compareTypes(from: SqlType, to: SqlType): TypeChange {
  if (formatSqlType(from) === formatSqlType(to)) return same;
  switch (from.base) {
    case 'varchar':
      if (to.base === 'text') return widen;
      if (to.base === 'varchar') return to.length >= from.length ? widen : unsafe('type-values-cut');
      break;
    case 'smallint':
    case 'integer':
    case 'bigint':
      if (to.base in INT_RANK) return INT_RANK[to.base] > INT_RANK[from.base] ? widen : unsafe('type-values-too-large');
      if (to.base === 'numeric') {
        if (to.precision === undefined) return widen;
        return to.precision - (to.scale ?? 0) >= INT_DIGITS[from.base] ? widen : unsafe('type-values-too-large');
      }
      if (to.base === 'double precision') {
        return from.base === 'bigint' ? unsafe('type-integers-rounded') : widen;
      }
      break;
    case 'numeric':
      if (to.base === 'numeric') {
        if (to.precision === undefined) return widen;
        if (from.precision === undefined) return unsafe('type-unbounded-numbers');
        const fromScale = from.scale ?? 0;
        const toScale = to.scale ?? 0;
        if (toScale < fromScale) return unsafe('type-decimals-rounded');
        return to.precision - toScale >= from.precision - fromScale ? widen : unsafe('type-values-too-large');
      }
      if (to.base === 'double precision' || to.base === 'real') {
        return unsafe('type-floating-point');
      }
      break;
    case 'real':
      if (to.base === 'double precision') return widen;
      break;
    case 'date':
      if (to.base === 'timestamptz' || to.base === 'timestamp') return widen;
      break;
  }
  return unsafe('type-may-not-convert');
}
