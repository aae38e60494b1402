/**
 * java.lang.String methods. Arguments are coerced as JUEL coerces method parameters: to String for
 * a String parameter, none for Object; a null argument is passed as null (Java then throws where
 * it would: `contains(null)`, `startsWith(null)`).
 */
import { javaTrim, toStr } from '../coerce.js';
import { fail } from '../errors.js';
import { describe, javaInt } from '../values.js';
import { methods } from './method.js';

/** A String parameter: null stays null (and fails where Java would throw), anything else is coerced. */
function text(arg: unknown, method: string): string {
  if (arg === null || arg === undefined) return fail('evaluation', `java.lang.NullPointerException in String.${method}`);
  return toStr(arg);
}

/** Java's equalsIgnoreCase: same length, each character equal in upper or lower case. */
const sameIgnoringCase = (a: string, b: string): boolean =>
  a.length === b.length && [...a].every((c, i) => c === b[i] || c.toUpperCase() === b[i].toUpperCase() || c.toLowerCase() === b[i].toLowerCase());

export const STRING_METHODS = methods<string>({
  equals: { arity: 1, call: (s, [other]) => typeof other === 'string' && other === s },
  equalsIgnoreCase: { arity: 1, call: (s, [other]) => other !== null && other !== undefined && sameIgnoringCase(s, toStr(other)) },
  contains: {
    arity: 1,
    call: (s, [other]) => {
      if (typeof other === 'string') return s.includes(other);
      if (other === null || other === undefined) return text(other, 'contains');
      return fail('type', `Cannot coerce ${describe(other)} to java.lang.CharSequence`);
    },
  },
  startsWith: { arity: 1, call: (s, [prefix]) => s.startsWith(text(prefix, 'startsWith')) },
  endsWith: { arity: 1, call: (s, [suffix]) => s.endsWith(text(suffix, 'endsWith')) },
  length: { arity: 0, call: (s) => javaInt(s.length) },
  isEmpty: { arity: 0, call: (s) => s.length === 0 },
  toUpperCase: { arity: 0, call: (s) => s.toUpperCase() },
  toLowerCase: { arity: 0, call: (s) => s.toLowerCase() },
  trim: { arity: 0, call: (s) => javaTrim(s) },
});
