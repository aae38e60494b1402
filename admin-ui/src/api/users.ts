/** Who is who (GET /api/users): people and service accounts by name, for names on pages and the user pickers. */
import { request } from './client.js';

export interface UserName {
  id: string;
  username: string;
  displayName: string;
  isService?: boolean;
}

const list = async (memberOf?: string) => (await request<{ items: UserName[] }>('GET', '/api/users', { query: { memberOf } })).items;

// One fetch per signed-in user (a new sign-in, even in the same tab, reads again); a failed fetch is forgotten.
let cache: { session: string; all?: Promise<UserName[]>; groups: Map<string, Promise<UserName[]>> } | null = null;

function remembered(session: string, key: string | undefined, load: () => Promise<UserName[]>): Promise<UserName[]> {
  if (cache?.session !== session) cache = { session, groups: new Map() };
  const c = cache;
  const found = key === undefined ? c.all : c.groups.get(key);
  if (found) return found;
  const p = load().catch((e: unknown) => {
    if (key === undefined) c.all = undefined;
    else c.groups.delete(key);
    throw e;
  });
  if (key === undefined) c.all = p;
  else c.groups.set(key, p);
  return p;
}

/** Every active user (service accounts too), fetched once for the session `session` (the signed-in user's id). */
export const userDirectory = (session: string) => remembered(session, undefined, () => list());

/** The members of a candidate group id (`role:technician`), fetched once per group for the session. */
export const groupMembers = (session: string, group: string) => remembered(session, group, () => list(group));

export const userLabel = (u: UserName) => u.displayName || u.username;
