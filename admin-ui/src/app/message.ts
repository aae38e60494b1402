/**
 * A status or feedback line kept as what it says rather than as text, so that it is worded when
 * shown and a change of language rewords it with the rest of the page: one of our messages (a key
 * of the page's catalogue and its vars), a failure (worded by useProblemMessage), or a text that is
 * the same in every language (a name, the server's own words).
 */
import { useCallback } from 'react';
import type { Vars } from '../i18n/catalogue.js';
import { useProblemMessage } from './feedback.js';

export type Message<K extends string> = string | readonly [key: K, vars?: Vars] | { readonly error: unknown };

/** One of our messages, said in the language of the moment it is shown. */
export const msg = <K extends string>(key: K, vars?: Vars): Message<K> => [key, vars];

/** What went wrong (an ApiError or other), worded when shown. */
export const failed = (error: unknown): Message<never> => ({ error });

/** The wording of a Message in the user's language now; `t` is the page's (its area's messages and the shared ones). */
export function useSay<K extends string>(t: (key: K, vars?: Vars) => string): (message: Message<K>) => string {
  const problem = useProblemMessage();
  return useCallback((m: Message<K>) => (typeof m === 'string' ? m : 'error' in m ? problem(m.error) : t(m[0], m[1])), [t, problem]);
}
