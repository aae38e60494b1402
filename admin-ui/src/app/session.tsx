/** The signed-in user, for any page that needs it (header, "you" in owner columns, later the inbox). */
import { createContext, useContext } from 'react';
import type { User } from '../api/index.js';

export const SessionContext = createContext<User | null>(null);

export function useCurrentUser(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useCurrentUser outside a signed-in shell');
  return user;
}

/** A user id as people read it. Only the signed-in user can be named until a users API exists. */
export function UserName({ id }: { id: unknown }) {
  const user = useCurrentUser();
  if (typeof id !== 'string' || !id) return <span className="muted">—</span>;
  return id === user.id ? <>{user.displayName || user.username}</> : <span className="mono">{id}</span>;
}
