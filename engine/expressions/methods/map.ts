/** java.util.Map methods on a JSON object (own entries only). */
import { javaInt, ownData, ownKeys } from '../values.js';
import { methods } from './method.js';

const entry = (map: object, key: unknown) => (typeof key === 'string' ? ownData(map, key) : { found: false as const });

export const MAP_METHODS = methods<object>({
  get: {
    arity: 1,
    call: (map, [key]) => {
      const e = entry(map, key);
      return e.found ? e.value : null;
    },
  },
  containsKey: { arity: 1, call: (map, [key]) => entry(map, key).found },
  size: { arity: 0, call: (map) => javaInt(ownKeys(map).length) },
  isEmpty: { arity: 0, call: (map) => ownKeys(map).length === 0 },
});
