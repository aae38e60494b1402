/**
 * Departments, teams, territories and groups: the units (departments and territories as trees),
 * a new unit, and one unit's name, place in the tree and members. A department's members are the
 * users placed in it (their `departmentId`); the other kinds have memberships of their own.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { addMember, createUnit, deleteUnit, getUnit, removeMember, updateOrgUser, updateUnit, type OrgMember, type OrgUnit, type UnitKind } from '../api/studioAdmin.js';
import { ErrorBanner } from '../app/feedback.js';
import { useDirectory, userName } from './directory.js';
import { useTerritoryChoices } from './territoryChoices.js';
import { ValueList } from './ValueList.js';
import { Field, FormBanner, useFormErrors } from './errors.js';
import { FormActions, UnitOptions, UserSelect, useStatus } from './pickers.js';
import { useAdminI18n, type AdminKey } from './messages.js';

const TREES: UnitKind[] = ['departments', 'territories'];

export function UnitsSection({ kind }: { kind: UnitKind }) {
  const { t } = useAdminI18n();
  const { units } = useDirectory();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const unit = units[kind].find((u) => u.key === selected);
  return (
    <div className="admin-split">
      <section aria-labelledby="units-title" className="admin-list">
        <div className="toolbar">
          <h2 id="units-title">{t(`studioAdmin.section.${kind}` as AdminKey)}</h2>
          <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
            {t('studioAdmin.units.new')}
          </button>
        </div>
        {units[kind].length === 0 ? (
          <p className="muted">{t('studioAdmin.none')}</p>
        ) : (
          <UnitTree units={units[kind]} tree={TREES.includes(kind)} selected={selected} onSelect={setSelected} />
        )}
      </section>
      {selected === 'new' && <UnitForm key="new" kind={kind} onDone={setSelected} />}
      {unit && <UnitForm key={unit.key} kind={kind} unit={unit} onDone={setSelected} />}
    </div>
  );
}

/** The units as nested lists (by parent) or one list; each a button that opens it. */
function UnitTree({ units, tree, selected, onSelect }: { units: OrgUnit[]; tree: boolean; selected: string | null; onSelect: (key: string) => void }) {
  const { t } = useAdminI18n();
  const ids = new Set(units.map((u) => u.id));
  const childrenOf = (parent: string | null) => units.filter((u) => (tree && u.parentId && ids.has(u.parentId) ? u.parentId : null) === parent);
  const level = (parent: string | null) => (
    <ul className={parent ? 'unit-tree unit-tree-nested' : 'unit-tree'}>
      {childrenOf(parent).map((u) => (
        <li key={u.id}>
          <button type="button" className="link-button" aria-current={u.key === selected ? 'true' : undefined} onClick={() => onSelect(u.key)}>
            {u.name}
          </button>{' '}
          <span className="muted">
            {u.key} · {t('studioAdmin.units.memberCount', { count: u.memberCount })}
          </span>
          {tree && childrenOf(u.id).length > 0 && level(u.id)}
        </li>
      ))}
    </ul>
  );
  return level(null);
}

function UnitForm({ kind, unit, onDone }: { kind: UnitKind; unit?: OrgUnit; onDone: (key: string | null) => void }) {
  const { t } = useAdminI18n();
  const { reload } = useDirectory();
  const errors = useFormErrors();
  const status = useStatus();
  const form = useRef<HTMLFormElement>(null);
  const tree = TREES.includes(kind);
  const [v, setV] = useState({
    key: '',
    name: unit?.name ?? '',
    parentId: unit?.parentId ?? '',
    managerId: unit?.managerId ?? '',
    regions: unit?.regions ?? [],
    industries: unit?.industries ?? [],
  });
  const choices = useTerritoryChoices(kind === 'territories');
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    const body: Partial<OrgUnit> = { name: v.name };
    if (tree) body.parentId = v.parentId || null;
    if (kind === 'departments') body.managerId = v.managerId || null;
    if (kind === 'territories') Object.assign(body, { regions: v.regions, industries: v.industries });
    try {
      if (unit) {
        await updateUnit(kind, unit.key, body);
        status.say(t('studioAdmin.saved'));
        await reload();
      } else {
        const created = await createUnit(kind, { ...body, key: v.key });
        await reload();
        onDone(created.key);
      }
    } catch (err) {
      errors.fail(err, form.current);
    }
  };
  const remove = async () => {
    if (!unit || !window.confirm(t('studioAdmin.units.confirmDelete', { name: unit.name }))) return;
    errors.clear();
    try {
      await deleteUnit(kind, unit.key);
      await reload();
      onDone(null);
    } catch (err) {
      errors.fail(err, form.current);
    }
  };
  return (
    <div className="admin-panel">
      <form ref={form} onSubmit={(e) => void submit(e)} aria-labelledby="unit-form-title" noValidate>
        <h2 id="unit-form-title">{unit ? unit.name : t('studioAdmin.units.new')}</h2>
        <FormBanner errors={errors} />
        {!unit && (
          <Field label={t('studioAdmin.units.key')} path="/key" errors={errors} id="unit-key">
            {(p) => <input {...p} value={v.key} onChange={(e) => set({ key: e.target.value })} autoComplete="off" />}
          </Field>
        )}
        <Field label={t('studioAdmin.units.name')} path="/name" errors={errors} id="unit-name">
          {(p) => <input {...p} value={v.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        {tree && (
          <Field label={t('studioAdmin.units.parent')} path="/parentId" errors={errors} id="unit-parent">
            {(p) => (
              <select {...p} value={v.parentId} onChange={(e) => set({ parentId: e.target.value })}>
                <option value="">{t('studioAdmin.units.topLevel')}</option>
                <UnitOptions kind={kind} by="id" except={unit?.id} />
              </select>
            )}
          </Field>
        )}
        {kind === 'departments' && (
          <Field label={t('studioAdmin.units.manager')} path="/managerId" errors={errors} id="unit-manager">
            {(p) => <UserSelect {...p} value={v.managerId} onChange={(managerId) => set({ managerId })} />}
          </Field>
        )}
        {kind === 'territories' && (
          <>
            <ValueList id="unit-regions" label={t('studioAdmin.units.regions')} values={v.regions} onChange={(regions) => set({ regions })} choices={choices.region} errors={errors} path="/regions" />
            <ValueList id="unit-industries" label={t('studioAdmin.units.industries')} values={v.industries} onChange={(industries) => set({ industries })} choices={choices.industry} errors={errors} path="/industries" />
          </>
        )}
        <FormActions submit={unit ? t('studioAdmin.save') : t('studioAdmin.create')} onDelete={unit ? () => void remove() : undefined} />
        {status.node}
      </form>
      {unit && <Members kind={kind} unit={unit} />}
    </div>
  );
}

/** A unit's members: listed with a remove button each, and one to add (territories: as manager or not). */
function Members({ kind, unit }: { kind: UnitKind; unit: OrgUnit }) {
  const { t } = useAdminI18n();
  const { reload } = useDirectory();
  const [members, setMembers] = useState<OrgMember[] | null>(null);
  const [adding, setAdding] = useState('');
  const [manager, setManager] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    getUnit(kind, unit.key).then((u) => setMembers(u.members), setError);
  }, [kind, unit.key]);
  useEffect(load, [load]);
  const run = async (change: () => Promise<unknown>) => {
    setError(null);
    try {
      await change();
      load();
      await reload();
    } catch (err) {
      setError(err);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!adding) return;
    void run(() =>
      kind === 'departments' ? updateOrgUser(adding, { departmentId: unit.id }) : addMember(kind, unit.key, adding, kind === 'territories' ? manager : undefined),
    ).then(() => setAdding(''));
  };
  const remove = (m: OrgMember) => void run(() => (kind === 'departments' ? updateOrgUser(m.id, { departmentId: null }) : removeMember(kind, unit.key, m.id)));
  return (
    <section aria-labelledby="members-title" className="members">
      <h3 id="members-title">{t('studioAdmin.units.members')}</h3>
      {error !== null && <ErrorBanner error={error} />}
      <ul>
        {(members ?? []).map((m) => (
          <li key={m.id}>
            {userName(m)}
            {m.manager ? ` · ${t('studioAdmin.units.isManager')}` : ''}{' '}
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('studioAdmin.units.removeMember', {
                name: userName(m),
              })}
              onClick={() => remove(m)}
            >
              {t('studioAdmin.remove')}
            </button>
          </li>
        ))}
      </ul>
      {members?.length === 0 && <p className="muted">{t('studioAdmin.none')}</p>}
      <form onSubmit={add} className="inline-form">
        <label htmlFor="member-add" className="field-label">
          {t('studioAdmin.units.addMember')}
        </label>
        <UserSelect id="member-add" value={adding} onChange={setAdding} />
        {kind === 'territories' && (
          <label className="check">
            <input type="checkbox" checked={manager} onChange={(e) => setManager(e.target.checked)} />
            {t('studioAdmin.units.isManager')}
          </label>
        )}
        <button type="submit" className="btn" disabled={!adding}>
          {t('studioAdmin.add')}
        </button>
      </form>
    </section>
  );
}
