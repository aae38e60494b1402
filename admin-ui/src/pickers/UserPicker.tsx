/**
 * The choice of a person: a combobox over the active people by name (service accounts are never
 * offered), only the members of `group` (a candidate group id such as `role:technician`) when given,
 * never the people in `exclude` (delegating a task: not oneself).
 * The lists come from /api/users, read once per session and shared with every name on the page.
 */
import { useCallback, useEffect, useState } from 'react';
import { groupMembers, userDirectory, userLabel, type UserName } from '../api/users.js';
import { useCurrentUser, useUserDirectory } from '../app/session.js';
import { usePickerI18n } from './messages.js';
import { Combobox, type Option } from './Combobox.js';
import type { PickerProps } from './LookupPicker.js';

const MAX_OPTIONS = 20;

const matches = (u: UserName, q: string) => {
  const needle = q.toLowerCase();
  return u.displayName.toLowerCase().includes(needle) || u.username.toLowerCase().includes(needle);
};

export function UserPicker({ group, exclude, ...props }: PickerProps & { group?: string; exclude?: readonly string[] }) {
  const { t } = usePickerI18n();
  const me = useCurrentUser();
  const users = useUserDirectory();
  const [error, setError] = useState(false);
  const people = useCallback(() => (group ? groupMembers(me.id, group) : userDirectory(me.id)), [group, me.id]);
  useEffect(() => setError(false), [people]);
  const search = useCallback(
    async (q: string): Promise<Option[]> => {
      const all = await people().catch((e: unknown) => {
        setError(true);
        throw e;
      });
      return all
        .filter((u) => !u.isService && !exclude?.includes(u.id) && (q === '' || matches(u, q)))
        .slice(0, MAX_OPTIONS)
        .map((u) => ({ id: u.id, label: userLabel(u), secondary: u.username }));
    },
    [people, exclude],
  );
  const chosen = props.value === null ? null : users.get(props.value);
  return (
    <div className="picker">
      <Combobox
        {...props}
        valueLabel={props.value === null ? null : chosen ? userLabel(chosen) : props.value === me.id ? me.displayName || me.username : props.value}
        search={search}
        onChange={(id) => props.onChange(id)}
        placeholder={t(group ? 'picker.searchGroup' : 'picker.searchPeople')}
      />
      {error && <p className="muted">{t('picker.failed')}</p>}
    </div>
  );
}
