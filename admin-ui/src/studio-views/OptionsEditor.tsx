/**
 * A view's sort keys (several, in order), grouping, board and defaults — each control marked with
 * the server's issue at its path (`/sort/0/field`, `/groupBy`, `/kanban/groupBy`, `/defaultFor/1`).
 */
import type { RoleDoc, ViewDoc } from '../api/studioViews.js';
import type { EntityMeta, FieldMeta } from '../api/types.js';
import { FieldChoices, SortKeys } from '../records/SortKeys.js';
import { FieldMessages, type FormErrors } from '../studio-admin/errors.js';
import { groupableFields, sortableFields } from './model.js';
import { useViewsI18n } from './messages.js';

interface Props {
  entity: EntityMeta;
  doc: ViewDoc;
  onChange(doc: ViewDoc): void;
  errors: FormErrors;
}

/** `doc` with `key` set, or removed when `value` is undefined (so an unset option leaves no trace in the file). */
function withKey<K extends keyof ViewDoc>(doc: ViewDoc, key: K, value: ViewDoc[K] | undefined): ViewDoc {
  const next = { ...doc };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function FieldOptions({ fields, current }: { fields: FieldMeta[]; current: string | undefined }) {
  const { t } = useViewsI18n();
  return <FieldChoices fields={fields} current={current} currentLabel={t('studioViews.fieldUnknown', { field: current ?? '' })} />;
}

export function SortEditor({ entity, doc, onChange, errors }: Props) {
  const { t } = useViewsI18n();
  const fields = sortableFields(entity);
  return (
    <>
      <SortKeys
        sort={doc.sort ?? []}
        fieldNames={fields.map((f) => f.name)}
        options={(current) => <FieldOptions fields={fields} current={current} />}
        onChange={(next) => onChange(withKey(doc, 'sort', next.length ? next : undefined))}
        text={{
          field: (n) => t('studioViews.sortField', { n }),
          direction: (n) => t('studioViews.sortDirection', { n }),
          remove: (n) => t('studioViews.removeSort', { n }),
          removeText: t('studioViews.remove'),
          add: t('studioViews.addSort'),
          asc: t('studioViews.asc'),
          desc: t('studioViews.desc'),
        }}
        rowClassName="sv-row"
        fieldProps={(i) => errors.control(`/sort/${i}/field`)}
        after={(i) => (
          <>
            <FieldMessages errors={errors} path={`/sort/${i}/field`} />
            <FieldMessages errors={errors} path={`/sort/${i}`} />
          </>
        )}
      />
      <FieldMessages errors={errors} path="/sort" />
    </>
  );
}

export function GroupingEditor({ entity, doc, onChange, errors }: Props) {
  const { t } = useViewsI18n();
  const enums = entity.fields.filter((f) => f.kind === 'enum');
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor="sv-groupBy">
          {t('studioViews.groupBy')}
        </label>
        <select id="sv-groupBy" value={doc.groupBy ?? ''} {...errors.control('/groupBy')} onChange={(e) => onChange(withKey(doc, 'groupBy', e.target.value || undefined))}>
          <option value="">{t('studioViews.noGrouping')}</option>
          <FieldOptions fields={groupableFields(entity)} current={doc.groupBy} />
        </select>
        <FieldMessages errors={errors} path="/groupBy" />
      </div>
      <label className="sv-check">
        <input type="checkbox" checked={doc.kanban !== undefined} disabled={!doc.kanban && !enums[0]} onChange={(e) => onChange(withKey(doc, 'kanban', e.target.checked ? { groupBy: enums[0]!.name, dragAllowed: true } : undefined))} />
        {t('studioViews.kanbanOn')}
      </label>
      {doc.kanban && (
        <>
          <div className="field">
            <label className="field-label" htmlFor="sv-kanban">
              {t('studioViews.kanbanField')}
            </label>
            <select id="sv-kanban" value={doc.kanban.groupBy} {...errors.control('/kanban/groupBy')} onChange={(e) => onChange({ ...doc, kanban: { ...doc.kanban!, groupBy: e.target.value } })}>
              <FieldOptions fields={enums} current={doc.kanban.groupBy} />
            </select>
            <FieldMessages errors={errors} path="/kanban/groupBy" />
          </div>
          <label className="sv-check">
            <input type="checkbox" checked={doc.kanban.dragAllowed !== false} onChange={(e) => onChange({ ...doc, kanban: { ...doc.kanban!, dragAllowed: e.target.checked } })} />
            {t('studioViews.dragAllowed')}
          </label>
        </>
      )}
    </>
  );
}

export function DefaultsEditor({ doc, roles, onChange, errors }: Omit<Props, 'entity'> & { roles: RoleDoc[] }) {
  const { t, label } = useViewsI18n();
  const chosen = doc.defaultFor ?? [];
  const known = new Set(roles.map((r) => r['x-crm-role']));
  const keys = [...roles.map((r) => r['x-crm-role']), ...chosen.filter((k) => !known.has(k))];
  const toggle = (key: string, on: boolean) => {
    const next = on ? [...chosen, key] : chosen.filter((k) => k !== key);
    onChange(withKey(doc, 'defaultFor', next.length ? next : undefined));
  };
  return (
    <>
      <label className="sv-check">
        <input type="checkbox" checked={doc.default === true} {...errors.control('/default')} onChange={(e) => onChange(withKey(doc, 'default', e.target.checked ? true : undefined))} />
        {t('studioViews.isDefault')}
      </label>
      <FieldMessages errors={errors} path="/default" />
      <fieldset className="sv-roles">
        <legend>{t('studioViews.defaultFor')}</legend>
        {keys.map((key) => {
          const i = chosen.indexOf(key);
          const role = roles.find((r) => r['x-crm-role'] === key);
          const path = `/defaultFor/${i}`;
          return (
            <div key={key}>
              <label className="sv-check">
                <input type="checkbox" checked={i >= 0} {...(i >= 0 ? errors.control(path) : {})} onChange={(e) => toggle(key, e.target.checked)} />
                {role ? label(role.label, key) : t('studioViews.roleUnknown', { role: key })}
              </label>
              {i >= 0 && <FieldMessages errors={errors} path={path} />}
            </div>
          );
        })}
        <FieldMessages errors={errors} path="/defaultFor" />
      </fieldset>
    </>
  );
}
