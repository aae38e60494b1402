/** java.util.List methods on a JSON array. */
import { toInt } from '../coerce.js';
import { fail } from '../errors.js';
import { javaEquals, javaInt } from '../values.js';
import { methods } from './method.js';

export const LIST_METHODS = methods<unknown[]>({
  size: { arity: 0, call: (list) => javaInt(list.length) },
  isEmpty: { arity: 0, call: (list) => list.length === 0 },
  contains: { arity: 1, call: (list, [item]) => list.some((element) => javaEquals(element ?? null, item ?? null)) },
  get: {
    arity: 1,
    call: (list, [index]) => {
      const i = toInt(index);
      if (i < 0 || i >= list.length) return fail('evaluation', `Index ${i} out of bounds for length ${list.length}`);
      return list[i] ?? null;
    },
  },
});
