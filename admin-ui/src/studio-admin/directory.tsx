/**
 * Who is who, loaded once for the administration pages and reloaded after each change: users,
 * roles, and the units of each kind. Pickers (a rule's group, a share's grantee, a member, a
 * manager) choose from it.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { listOrgUsers, listRoles, listUnits, type OrgUnit, type OrgUser, type Role, type UnitKind } from '../api/studioAdmin.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { pickLabel } from '../i18n/index.js';
import { useAdminI18n } from './messages.js';

export interface Directory {
  users: OrgUser[];
  roles: Role[];
  units: Record<UnitKind, OrgUnit[]>;
  reload(): Promise<void>;
}

const DirectoryContext = createContext<Directory | null>(null);
const KINDS: UnitKind[] = ['departments', 'teams', 'territories', 'groups'];

async function loadDirectory(): Promise<Omit<Directory, 'reload'>> {
  const [users, roles, ...lists] = await Promise.all([listOrgUsers(), listRoles(), ...KINDS.map(listUnits)]);
  return {
    users,
    roles,
    units: Object.fromEntries(KINDS.map((k, i) => [k, lists[i]])) as Record<UnitKind, OrgUnit[]>,
  };
}

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const [data, setData] = useState<Omit<Directory, 'reload'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await loadDirectory());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (error) return <ErrorBanner error={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  return <DirectoryContext.Provider value={{ ...data, reload }}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const directory = useContext(DirectoryContext);
  if (!directory) throw new Error('useDirectory outside DirectoryProvider');
  return directory;
}

/** `Name (username)` for pickers and lists. */
export const userName = (u: { username: string; displayName?: string | null }) => (u.displayName && u.displayName !== u.username ? `${u.displayName} (${u.username})` : u.username);

export function useRoleLabel(): (key: string | null | undefined) => string {
  const { locale } = useAdminI18n();
  const { roles } = useDirectory();
  return (key) => {
    if (!key) return '';
    const role = roles.find((r) => r.key === key);
    return role ? pickLabel(locale, role.label, key) : key;
  };
}

/** People (not service accounts) as options of a select, active ones unless `all`. */
export function UserOptions({ all = false }: { all?: boolean }) {
  const { users } = useDirectory();
  return (
    <>
      {users
        .filter((u) => !u.isService && (all || u.active))
        .map((u) => (
          <option key={u.id} value={u.id}>
            {userName(u)}
          </option>
        ))}
    </>
  );
}
