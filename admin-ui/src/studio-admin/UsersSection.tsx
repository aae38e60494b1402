/** Users: the list with a search, a new user, and one user's role, department, manager, state and password. */
import { useRef, useState, type FormEvent } from 'react';
import { createOrgUser, setUserPassword, updateOrgUser, type OrgUser, type UserInput } from '../api/studioAdmin.js';
import { useDirectory, useRoleLabel, userName } from './directory.js';
import { Field, FormBanner, useFormErrors } from './errors.js';
import { FormActions, RoleOptions, UnitOptions, UserSelect, useStatus } from './pickers.js';
import { useAdminI18n } from './messages.js';

export function UsersSection() {
  const { t } = useAdminI18n();
  const { users } = useDirectory();
  const roleLabel = useRoleLabel();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const q = query.trim().toLowerCase();
  const shown = users.filter((u) => !q || [u.username, u.displayName, u.email ?? ''].some((s) => s.toLowerCase().includes(q)));
  const user = users.find((u) => u.id === selected);
  return (
    <div>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={t('studioAdmin.users.search')}
          placeholder={t('studioAdmin.users.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
          {t('studioAdmin.users.new')}
        </button>
      </div>
      <div className="admin-split">
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('studioAdmin.users.username')}</th>
                <th scope="col">{t('studioAdmin.users.displayName')}</th>
                <th scope="col">{t('studioAdmin.users.role')}</th>
                <th scope="col">{t('studioAdmin.users.department')}</th>
                <th scope="col">{t('studioAdmin.users.state')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.id} aria-selected={u.id === selected}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(u.id)}>
                      {u.username}
                    </button>
                  </td>
                  <td>{u.displayName}</td>
                  <td>{u.isService ? t('studioAdmin.users.service') : roleLabel(u.role) || t('studioAdmin.users.defaultRole')}</td>
                  <td>{u.department?.name ?? ''}</td>
                  <td>
                    {u.active ? t('studioAdmin.users.active') : t('studioAdmin.users.inactive')}
                    {u.isAdmin ? ` · ${t('studioAdmin.users.admin')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="empty muted">{t('studioAdmin.none')}</p>}
        </div>
        {selected === 'new' && <UserForm key="new" onDone={(id) => setSelected(id)} />}
        {user && <UserForm key={user.id} user={user} onDone={() => undefined} />}
      </div>
    </div>
  );
}

function UserForm({ user, onDone }: { user?: OrgUser; onDone: (id: string) => void }) {
  const { t } = useAdminI18n();
  const { reload } = useDirectory();
  const errors = useFormErrors();
  const status = useStatus();
  const form = useRef<HTMLFormElement>(null);
  const [v, setV] = useState({
    username: '',
    password: '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    role: user?.role ?? '',
    departmentId: user?.department?.id ?? '',
    managerId: user?.manager?.id ?? '',
    active: user?.active ?? true,
    isAdmin: user?.isAdmin ?? false,
  });
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    const body: UserInput = {
      displayName: v.displayName,
      email: v.email || null,
      role: v.role || null,
      departmentId: v.departmentId || null,
      managerId: v.managerId || null,
      isAdmin: v.isAdmin,
    };
    try {
      if (user) {
        await updateOrgUser(user.id, { ...body, active: v.active });
        status.say(t('studioAdmin.saved'));
        await reload();
      } else {
        const created = await createOrgUser({
          ...body,
          username: v.username,
          password: v.password,
        });
        await reload();
        onDone(created.id);
      }
    } catch (err) {
      errors.fail(err, form.current);
    }
  };
  const id = (name: string) => `user-${name}`;
  return (
    <div className="admin-panel">
      <form ref={form} onSubmit={(e) => void submit(e)} aria-labelledby="user-form-title" noValidate>
        <h2 id="user-form-title">{user ? userName(user) : t('studioAdmin.users.new')}</h2>
        <FormBanner errors={errors} />
        {!user && (
          <>
            <Field label={t('studioAdmin.users.username')} path="/username" errors={errors} id={id('username')}>
              {(p) => <input {...p} value={v.username} onChange={(e) => set({ username: e.target.value })} autoComplete="off" />}
            </Field>
            <Field label={t('studioAdmin.users.password')} path="/password" errors={errors} id={id('password')}>
              {(p) => <input {...p} type="password" value={v.password} onChange={(e) => set({ password: e.target.value })} autoComplete="new-password" />}
            </Field>
          </>
        )}
        <Field label={t('studioAdmin.users.displayName')} path="/displayName" errors={errors} id={id('displayName')}>
          {(p) => <input {...p} value={v.displayName} onChange={(e) => set({ displayName: e.target.value })} />}
        </Field>
        <Field label={t('studioAdmin.users.email')} path="/email" errors={errors} id={id('email')}>
          {(p) => <input {...p} type="email" value={v.email} onChange={(e) => set({ email: e.target.value })} />}
        </Field>
        <Field label={t('studioAdmin.users.role')} path="/role" errors={errors} id={id('role')}>
          {(p) => (
            <select {...p} value={v.role} onChange={(e) => set({ role: e.target.value })}>
              <option value="">{t('studioAdmin.users.defaultRole')}</option>
              <RoleOptions />
            </select>
          )}
        </Field>
        <Field label={t('studioAdmin.users.department')} path="/departmentId" errors={errors} id={id('department')}>
          {(p) => (
            <select {...p} value={v.departmentId} onChange={(e) => set({ departmentId: e.target.value })}>
              <option value="">{t('studioAdmin.noneChosen')}</option>
              <UnitOptions kind="departments" by="id" />
            </select>
          )}
        </Field>
        <Field label={t('studioAdmin.users.manager')} path="/managerId" errors={errors} id={id('manager')}>
          {(p) => <UserSelect {...p} value={v.managerId} onChange={(managerId) => set({ managerId })} />}
        </Field>
        {user && (
          <label className="check">
            <input type="checkbox" checked={v.active} onChange={(e) => set({ active: e.target.checked })} {...errors.control('/active')} />
            {t('studioAdmin.users.active')}
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={v.isAdmin} onChange={(e) => set({ isAdmin: e.target.checked })} {...errors.control('/isAdmin')} />
          {t('studioAdmin.users.admin')}
        </label>
        <FormActions submit={user ? t('studioAdmin.save') : t('studioAdmin.create')} />
        {status.node}
      </form>
      {user && !user.isService && <PasswordForm user={user} />}
    </div>
  );
}

function PasswordForm({ user }: { user: OrgUser }) {
  const { t } = useAdminI18n();
  const errors = useFormErrors();
  const status = useStatus();
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await setUserPassword(user.id, password);
      setPassword('');
      status.say(t('studioAdmin.users.passwordSet'));
    } catch (err) {
      errors.fail(err, form.current);
    }
  };
  return (
    <form ref={form} onSubmit={(e) => void submit(e)} aria-labelledby="password-title" noValidate>
      <h3 id="password-title">{t('studioAdmin.users.resetPassword')}</h3>
      <FormBanner errors={errors} />
      <Field label={t('studioAdmin.users.newPassword')} path="/password" errors={errors} id="user-new-password">
        {(p) => <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn">
          {t('studioAdmin.users.setPassword')}
        </button>
      </div>
      {status.node}
    </form>
  );
}
