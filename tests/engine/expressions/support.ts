/** Expression test support: a context over a plain variable map that records every lookup. */
import { compileExpression, type ExpressionContext } from '../../../engine/expressions/index.js';

export interface RecordingContext extends ExpressionContext {
  /** Names looked up through `variable`, in order. */
  readonly lookups: string[];
}

export function contextOf(variables: Record<string, unknown>, extra: Omit<ExpressionContext, 'variable'> = {}): RecordingContext {
  const values = new Map(Object.entries(variables));
  const lookups: string[] = [];
  return {
    ...extra,
    lookups,
    variable(name) {
      lookups.push(name);
      return values.has(name) ? { found: true, value: values.get(name) } : { found: false };
    },
  };
}

/** The variables most tables below use. */
export const VARIABLES = {
  a: 5,
  b: 2,
  half: 0.5,
  s: 'hello',
  padded: '  x\t',
  blank: '',
  n: null,
  yes: true,
  no: false,
  numeric: '10',
  decimal: '2.5',
  list: [1, 2, 3],
  list2: [1, 2, 3],
  none: [],
  map: { a: 1, b: 'two' },
  map2: { b: 'two', a: 1 },
  nothing: {},
  key: 'city',
  customer: {
    name: 'Ada',
    address: { city: 'London', zip: null },
    tags: ['vip', 'new'],
    orders: [{ qty: 3, price: 2.5 }, { qty: 2, price: 10 }],
  },
  größe: 3,
  $dollar: 'd',
  _under: 'u',
};

/** Evaluates `source` against VARIABLES with business key BK-1 (or the given context). */
export const evaluate = (source: string, ctx: ExpressionContext = contextOf(VARIABLES, { businessKey: 'BK-1' })): unknown => compileExpression(source).evaluate(ctx);

/** A table of expression → expected value. */
export const table = (rows: [string, unknown][]): [string, unknown][] => rows;
