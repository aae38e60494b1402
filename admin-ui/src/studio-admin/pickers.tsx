/** Small shared controls: role and unit options, a group picker (kind + which one), a status line. */
import { useState } from 'react';
import type { GranteeKind, GroupRef, UnitKind } from '../api/studioAdmin.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { pickLabel } from '../i18n/index.js';
import { useDirectory, UserOptions } from './directory.js';
import { FieldMessages, type FormErrors } from './errors.js';
import { useAdminI18n, type AdminKey } from './messages.js';

export function RoleOptions() {
  const { locale } = useAdminI18n();
  const { roles } = useDirectory();
  return (
    <>
      {roles.map((r) => (
        <option key={r.key} value={r.key}>
          {pickLabel(locale, r.label, r.key)}
        </option>
      ))}
    </>
  );
}

/** The units of a kind as options, valued by id (for users and parents) or key (for rules and shares). */
export function UnitOptions({ kind, by, except }: { kind: UnitKind; by: 'id' | 'key'; except?: string }) {
  const { units } = useDirectory();
  return (
    <>
      {units[kind]
        .filter((u) => u.id !== except)
        .map((u) => (
          <option key={u.id} value={u[by]}>
            {u.name} ({u.key})
          </option>
        ))}
    </>
  );
}

/** A polite status line ("Saved.") for the screen reader and the eye. */
export function useStatus() {
  const [message, setMessage] = useState('');
  return {
    say: setMessage,
    node: (
      <p className="admin-status" role="status">
        {message}
      </p>
    ),
  };
}

const UNIT_OF: Partial<Record<GranteeKind, UnitKind>> = {
  department: 'departments',
  team: 'teams',
  territory: 'territories',
  group: 'groups',
};
export const RULE_GROUP_KINDS: GranteeKind[] = ['role', 'roleAndSubordinates', 'department', 'team', 'territory', 'group'];
export const SHARE_GRANTEE_KINDS: GranteeKind[] = ['user', ...RULE_GROUP_KINDS];

export const groupKindOf = (g: GroupRef): GranteeKind => (Object.keys(g).find((k) => k !== 'withSubdepartments') as GranteeKind | undefined) ?? 'role';

/** Which group: its kind, then the role / unit / user; `path` is where the server names problems. */
export function GroupPicker({
  value,
  onChange,
  kinds,
  idPrefix,
  label,
  errors,
  path,
}: {
  value: GroupRef;
  onChange: (g: GroupRef) => void;
  kinds: GranteeKind[];
  idPrefix: string;
  label: string;
  errors: FormErrors;
  path: string;
}) {
  const { t } = useAdminI18n();
  const kind = groupKindOf(value);
  const key = typeof value[kind] === 'string' ? (value[kind] as string) : '';
  const unit = UNIT_OF[kind];
  return (
    <fieldset className="group-picker">
      <legend>{label}</legend>
      <label htmlFor={`${idPrefix}-kind`} className="field-label">
        {t('studioAdmin.group.kind')}
      </label>
      <select id={`${idPrefix}-kind`} value={kind} onChange={(e) => onChange({ [e.target.value]: '' })}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(`studioAdmin.group.${k}` as AdminKey)}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-key`} className="field-label">
        {t('studioAdmin.group.which')}
      </label>
      <select id={`${idPrefix}-key`} value={key} onChange={(e) => onChange({ ...value, [kind]: e.target.value })} {...errors.control(path, true)}>
        <option value="">{t('studioAdmin.noneChosen')}</option>
        {kind === 'user' ? <UserOptions /> : unit ? <UnitOptions kind={unit} by="key" /> : <RoleOptions />}
      </select>
      {kind === 'department' && kinds !== SHARE_GRANTEE_KINDS && (
        <label className="check">
          <input
            type="checkbox"
            checked={value.withSubdepartments === true}
            onChange={(e) => onChange(e.target.checked ? { department: key, withSubdepartments: true } : { department: key })}
          />
          {t('studioAdmin.group.withSubdepartments')}
        </label>
      )}
      <FieldMessages errors={errors} path={path} below />
    </fieldset>
  );
}

/** The published entities to choose one of, labelled. */
export function EntitySelect({ id, value, onChange }: { id: string; value: string; onChange: (name: string) => void }) {
  const { t, locale } = useAdminI18n();
  const { entities } = useMetadata();
  return (
    <div className="field narrow">
      <label className="field-label" htmlFor={id}>
        {t('studioAdmin.sharing.entity')}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {entities.map((e) => (
          <option key={e.name} value={e.name}>
            {pickLabel(locale, e.label, e.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A person or none (managers, members, transfer ends); `props` carry the id and the error state. */
export function UserSelect({
  value,
  onChange,
  all,
  ...props
}: {
  value: string;
  onChange: (id: string) => void;
  all?: boolean;
  id: string;
} & Record<string, unknown>) {
  const { t } = useAdminI18n();
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('studioAdmin.noneChosen')}</option>
      <UserOptions all={all} />
    </select>
  );
}

/** Submit, and Delete when there is something to delete. */
export function FormActions({ submit, onDelete }: { submit: string; onDelete?: () => void }) {
  const { t } = useAdminI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary">
        {submit}
      </button>
      {onDelete && (
        <button type="button" className="btn btn-danger" onClick={onDelete}>
          {t('studioAdmin.delete')}
        </button>
      )}
    </div>
  );
}
