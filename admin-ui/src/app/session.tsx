/** The signed-in user, for any page that needs it (header, "you" in owner columns, the inbox), and every user's name. */
import { createContext, useContext, useEffect, useState } from 'react';
import type { User } from '../api/index.js';
import { userDirectory, userLabel, type UserName as Named } from '../api/users.js';

export const SessionContext = createContext<User | null>(null);

export function useCurrentUser(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useCurrentUser outside a signed-in shell');
  return user;
}

/** Every active user by id (service accounts too), from one fetch of /api/users per session; empty until it answers. */
export function useUserDirectory(): ReadonlyMap<string, Named> {
  const me = useCurrentUser();
  const [users, setUsers] = useState<ReadonlyMap<string, Named>>(EMPTY);
  useEffect(() => {
    let live = true;
    userDirectory(me.id).then(
      (items) => live && setUsers(byId(items)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [me.id]);
  return users;
}
const EMPTY: ReadonlyMap<string, Named> = new Map();
const maps = new WeakMap<Named[], ReadonlyMap<string, Named>>();
/** One map per fetched list, shared by every name on the page. */
function byId(items: Named[]): ReadonlyMap<string, Named> {
  let map = maps.get(items);
  if (!map) maps.set(items, (map = new Map(items.map((u) => [u.id, u]))));
  return map;
}

/** A user id as people read it: their display name (the raw id only for a user the directory does not know, e.g. deactivated). */
export function UserName({ id }: { id: unknown }) {
  const user = useCurrentUser();
  const users = useUserDirectory();
  if (typeof id !== 'string' || !id) return <span className="muted">—</span>;
  if (id === user.id) return <>{user.displayName || user.username}</>;
  const known = users.get(id);
  return known ? <>{userLabel(known)}</> : <span className="mono">{id}</span>;
}
