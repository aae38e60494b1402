/**
 * Roles: the hierarchy as a tree, and one role's document — labels, parent, default, studio, and
 * the permissions matrix (entities × actions, and per entity each field's edit / read / hidden).
 * Saving PUTs the role document; the server validates and publishes it.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { EntityMeta } from '../api/index.js';
import { ACTIONS, createRole, deleteRole, putRole, type Action, type EntityPermission, type FieldAccessLevel, type Role, type RoleDocument } from '../api/studioAdmin.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { pickLabel } from '../i18n/index.js';
import { useDirectory } from './directory.js';
import { Field, FieldMessages, FormBanner, useFormErrors } from './errors.js';
import { FormActions, RoleOptions, useStatus } from './pickers.js';
import { useAdminI18n, type AdminKey } from './messages.js';

export function RolesSection() {
  const { t } = useAdminI18n();
  const { roles } = useDirectory();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const role = roles.find((r) => r.key === selected);
  return (
    <div className="admin-split">
      <section aria-labelledby="roles-title" className="admin-list">
        <div className="toolbar">
          <h2 id="roles-title">{t('studioAdmin.roles.hierarchy')}</h2>
          <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
            {t('studioAdmin.roles.new')}
          </button>
        </div>
        <RoleTree roles={roles} selected={selected} onSelect={setSelected} />
      </section>
      {selected === 'new' && <RoleForm key="new" onDone={setSelected} />}
      {role && <RoleForm key={role.key} role={role} onDone={setSelected} />}
    </div>
  );
}

function RoleTree({ roles, selected, onSelect }: { roles: Role[]; selected: string | null; onSelect: (key: string) => void }) {
  const { t, locale } = useAdminI18n();
  const keys = new Set(roles.map((r) => r.key));
  const level = (parent: string | null) => {
    const children = roles.filter((r) => (r.parent && keys.has(r.parent) ? r.parent : null) === parent);
    if (!children.length) return null;
    return (
      <ul className={parent ? 'unit-tree unit-tree-nested' : 'unit-tree'}>
        {children.map((r) => (
          <li key={r.key}>
            <button type="button" className="link-button" aria-current={r.key === selected ? 'true' : undefined} onClick={() => onSelect(r.key)}>
              {pickLabel(locale, r.label, r.key)}
            </button>{' '}
            <span className="muted">
              {r.key}
              {r.default ? ` · ${t('studioAdmin.roles.default')}` : ''}
            </span>
            {level(r.key)}
          </li>
        ))}
      </ul>
    );
  };
  return level(null);
}

type Permissions = Record<string, EntityPermission>;

function RoleForm({ role, onDone }: { role?: Role; onDone: (key: string | null) => void }) {
  const { t } = useAdminI18n();
  const { reload } = useDirectory();
  const errors = useFormErrors();
  const status = useStatus();
  const form = useRef<HTMLFormElement>(null);
  const [key, setKey] = useState('');
  const [labelZh, setLabelZh] = useState(role?.label['zh-CN'] ?? '');
  const [labelEn, setLabelEn] = useState(role?.label.en ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [parent, setParent] = useState(role?.parent ?? '');
  const [isDefault, setDefault] = useState(role?.default ?? false);
  const [studio, setStudio] = useState(role?.studio ?? false);
  const [permissions, setPermissions] = useState<Permissions>(role?.permissions ?? {});
  const roleKey = role?.key ?? key;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    const doc: RoleDocument = {
      label: { 'zh-CN': labelZh, en: labelEn },
      // Sent as it stands (empty removes it): what the form shows is what the role says.
      description: description.trim(),
      ...(parent ? { parent } : {}),
      ...(isDefault ? { default: true } : {}),
      ...(studio ? { studio: true } : {}),
      permissions: cleaned(permissions),
    };
    try {
      await (role ? putRole(roleKey, doc) : createRole(roleKey, doc));
      await reload();
      status.say(t('studioAdmin.roles.published'));
      if (!role) onDone(roleKey);
    } catch (err) {
      // The publish names the document (`roles/<key>#/permissions/…`); the form edits its inside.
      errors.fail(err, form.current, (path) => path.replace(/^roles\/[^#]*#/, ''));
    }
  };
  const remove = async () => {
    if (!role || !window.confirm(t('studioAdmin.roles.confirmDelete', { name: role.key }))) return;
    errors.clear();
    try {
      await deleteRole(role.key);
      await reload();
      onDone(null);
    } catch (err) {
      errors.fail(err, form.current);
    }
  };
  return (
    <form ref={form} className="admin-panel admin-wide" onSubmit={(e) => void submit(e)} aria-labelledby="role-form-title" noValidate>
      <h2 id="role-form-title">{role ? role.key : t('studioAdmin.roles.new')}</h2>
      <FormBanner errors={errors} />
      <div className="form-row">
        {!role && (
          <Field label={t('studioAdmin.roles.key')} path="/x-crm-role" errors={errors} id="role-key">
            {(p) => <input {...p} value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" />}
          </Field>
        )}
        <Field label={t('studioAdmin.roles.labelZh')} path="/label/zh-CN" errors={errors} id="role-label-zh">
          {(p) => <input {...p} lang="zh-CN" value={labelZh} onChange={(e) => setLabelZh(e.target.value)} />}
        </Field>
        <Field label={t('studioAdmin.roles.labelEn')} path="/label/en" errors={errors} id="role-label-en">
          {(p) => <input {...p} lang="en" value={labelEn} onChange={(e) => setLabelEn(e.target.value)} />}
        </Field>
        <Field label={t('studioAdmin.roles.parent')} path="/parent" errors={errors} id="role-parent">
          {(p) => (
            <select {...p} value={parent} onChange={(e) => setParent(e.target.value)}>
              <option value="">{t('studioAdmin.roles.noParent')}</option>
              <RoleOptions />
            </select>
          )}
        </Field>
      </div>
      <Field label={t('studioAdmin.roles.description')} path="/description" errors={errors} id="role-description">
        {(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={isDefault} onChange={(e) => setDefault(e.target.checked)} />
        {t('studioAdmin.roles.default')}
      </label>
      <label className="check">
        <input type="checkbox" checked={studio} onChange={(e) => setStudio(e.target.checked)} />
        {t('studioAdmin.roles.studio')}
      </label>
      <PermissionsMatrix permissions={permissions} onChange={setPermissions} />
      <FieldMessages errors={errors} path="/permissions" below />
      <FormActions submit={t('studioAdmin.roles.publish')} onDelete={role ? () => void remove() : undefined} />
      {status.node}
    </form>
  );
}

/** Entries with neither an action nor a field setting say nothing: left out of the document. */
function cleaned(p: Permissions): Permissions {
  return Object.fromEntries(
    Object.entries(p).flatMap(([entity, perm]) => {
      const fields = Object.fromEntries(Object.entries(perm.fields ?? {}).filter(([, level]) => level !== 'edit'));
      const hasFields = Object.keys(fields).length > 0;
      if (!perm.actions.length && !hasFields) return [];
      return [[entity, { actions: perm.actions, ...(hasFields ? { fields } : {}) }]];
    }),
  );
}

function PermissionsMatrix({ permissions, onChange }: { permissions: Permissions; onChange: (p: Permissions) => void }) {
  const { t, locale } = useAdminI18n();
  const { entities } = useMetadata();
  const rows: { name: string; label: string; entity?: EntityMeta }[] = [
    { name: '*', label: t('studioAdmin.roles.everyOther') },
    ...entities.map((e) => ({
      name: e.name,
      label: pickLabel(locale, e.label, e.name),
      entity: e,
    })),
  ];
  const perm = (name: string): EntityPermission => permissions[name] ?? { actions: [] };
  const setPerm = (name: string, next: EntityPermission) => onChange({ ...permissions, [name]: next });
  const toggle = (name: string, action: Action, on: boolean) => {
    const actions = new Set(perm(name).actions);
    if (on) actions.add(action);
    else actions.delete(action);
    setPerm(name, {
      ...perm(name),
      actions: ACTIONS.filter((a) => actions.has(a)),
    });
  };
  const setField = (name: string, field: string, level: FieldAccessLevel) =>
    setPerm(name, {
      ...perm(name),
      fields: { ...perm(name).fields, [field]: level },
    });
  return (
    <div className="table-wrap permissions">
      <table>
        <caption>{t('studioAdmin.roles.matrix')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('studioAdmin.roles.entity')}</th>
            {ACTIONS.map((a) => (
              <th scope="col" key={a}>
                {t(`studioAdmin.action.${a}` as AdminKey)}
              </th>
            ))}
            <th scope="col">{t('studioAdmin.roles.fields')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.label}</th>
              {ACTIONS.map((a) => (
                <td key={a} className="matrix-cell">
                  <input
                    type="checkbox"
                    aria-label={t('studioAdmin.roles.cell', {
                      entity: row.label,
                      action: t(`studioAdmin.action.${a}` as AdminKey),
                    })}
                    checked={perm(row.name).actions.includes(a)}
                    onChange={(e) => toggle(row.name, a, e.target.checked)}
                  />
                </td>
              ))}
              <td>
                {row.entity && (
                  <details>
                    <summary>
                      {t('studioAdmin.roles.fieldCount', {
                        count: Object.values(perm(row.name).fields ?? {}).filter((l) => l !== 'edit').length,
                      })}
                    </summary>
                    <div className="field-levels">
                      {row.entity.fields.map((f) => (
                        <label key={f.name}>
                          <span>{pickLabel(locale, f.label, f.name)}</span>
                          <select value={perm(row.name).fields?.[f.name] ?? 'edit'} onChange={(e) => setField(row.name, f.name, e.target.value as FieldAccessLevel)}>
                            {(['edit', 'read', 'hidden'] as const).map((l) => (
                              <option key={l} value={l}>
                                {t(`studioAdmin.fieldLevel.${l}` as AdminKey)}
                              </option>
                            ))}
                          </select>
                        </label>
                      ))}
                    </div>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
