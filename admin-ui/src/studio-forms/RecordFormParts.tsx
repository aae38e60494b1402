/**
 * The record form parts of the form designer (docs/studio.md, "Record forms"): "New record form" for
 * an entity, the form's pages and roles, one placed field's editor (its label and type are the entity's, shown, not edited),
 * "Add a field of <entity>" offering the entity's fields not yet placed, and the live preview
 * rendered by the records workspace's own form body with sample data the server checks as a new
 * record of the entity.
 */
import { useState } from 'react';
import type { EntityFieldsDoc, FormCheck, FormDoc, FormIssue } from '../api/studioForms.js';
import type { RoleDoc } from '../api/studioViews.js';
import type { EntityWithForms, Label, RecordFormPurpose } from '../api/index.js';
import { navigate } from '../app/router.js';
import { errorsByField, RecordFormBody, shownFields, toPayload, type FormValues } from '../records/index.js';
import type { Layout } from '../task-forms/FormLayout.js';
import { EntityOptions, FieldActions, FieldPresentation, Issues, type Obj, type ValueType } from './fieldParts.js';
import { useFormsI18n } from './messages.js';

const FORM_ID = /^[a-z][a-z0-9-]{0,63}$/;
const PURPOSES: RecordFormPurpose[] = ['create', 'edit'];

export const isRecordFormDoc = (doc: FormDoc): boolean => Array.isArray(doc.record?.purposes);

/** A field's kind as the entity declares it (the entity designer's words: text, email, enum, lookup, …). */
export function kindOf(prop: Obj | undefined): string {
  if (!prop) return 'text';
  if (prop['x-crm-lookup']) return 'lookup';
  if (Array.isArray(prop.enum)) return 'enum';
  if (typeof prop['x-crm-type'] === 'string') return prop['x-crm-type'];
  if (prop.format === 'email' || prop.format === 'uri' || prop.format === 'date') return prop.format === 'uri' ? 'url' : prop.format;
  if (prop.format === 'date-time') return 'datetime';
  const type = Array.isArray(prop.type) ? prop.type.find((x) => x !== 'null') : prop.type;
  return type === 'string' ? 'text' : typeof type === 'string' ? (type === 'object' || type === 'array' ? 'json' : type) : 'json';
}

/** Fields a person edits (the form may hold only those). */
export const writableFields = (entity: EntityFieldsDoc): [string, Obj][] => Object.entries(entity.properties ?? {}).filter(([, p]) => p['x-crm-readonly'] !== true && p['x-crm-computed'] === undefined);

/** A new record form: the entity's required fields placed (a create form must hold them), titled by the entity. */
export function newRecordDocument(id: string, entity: EntityFieldsDoc, purposes: RecordFormPurpose[]): FormDoc {
  const required = new Set(entity.required ?? []);
  const title = entity['x-crm-label'] ?? { 'zh-CN': entity['x-crm-entity'], en: entity['x-crm-entity'] };
  return {
    $schema: '../metadata/meta-schemas/form.schema.json',
    'x-crm-form': id,
    title,
    record: { entity: entity['x-crm-entity'], purposes },
    schema: { type: 'object', properties: Object.fromEntries(writableFields(entity).filter(([n]) => required.has(n)).map(([n]) => [n, {}])) },
    uiSchema: {},
  };
}

export function NewRecordForm({ entities, taken }: { entities: EntityFieldsDoc[]; taken(id: string): boolean }) {
  const { t } = useFormsI18n();
  const [entity, setEntity] = useState(entities[0]?.['x-crm-entity'] ?? '');
  const [id, setId] = useState('');
  const [purposes, setPurposes] = useState<RecordFormPurpose[]>(['create', 'edit']);
  const [error, setError] = useState<string | null>(null);
  const formId = id || `${entity.toLowerCase()}-record`;
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    if (!FORM_ID.test(formId)) return setError(t('studioForms.badId'));
    if (taken(formId)) return setError(t('studioForms.exists'));
    if (!purposes.length) return setError(t('studioForms.newRecord.noPurpose'));
    navigate(`/studio/forms/${encodeURIComponent(formId)}?new=1&entity=${encodeURIComponent(entity)}&purposes=${purposes.join(',')}`);
  };
  return (
    <form className="studio-forms-new" onSubmit={create} noValidate aria-labelledby="sf-new-record">
      <h2 id="sf-new-record">{t('studioForms.newRecord')}</h2>
      <p className="muted">{t('studioForms.newRecord.hint')}</p>
      <div className="studio-forms-row">
        <label htmlFor="sf-new-record-entity">{t('studioForms.newRecord.entity')}</label>
        <select id="sf-new-record-entity" value={entity} onChange={(e) => (setEntity(e.target.value), setError(null))}>
          <EntityOptions entities={entities} />
        </select>
      </div>
      <div className="studio-forms-row">
        <label htmlFor="sf-new-record-id">{t('studioForms.newRecord.id')}</label>
        <input id="sf-new-record-id" value={id} placeholder={formId} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sf-new-record-error' : undefined} onChange={(e) => (setId(e.target.value), setError(null))} />
      </div>
      <fieldset className="studio-forms-purposes">
        <legend>{t('studioForms.newRecord.purposes')}</legend>
        {PURPOSES.map((p) => (
          <label key={p} className="studio-forms-check">
            <input type="checkbox" checked={purposes.includes(p)} onChange={(e) => (setPurposes(e.target.checked ? [...purposes, p] : purposes.filter((x) => x !== p)), setError(null))} /> {t(`studioForms.purpose.${p}`)}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p id="sf-new-record-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn">
        {t('studioForms.create')}
      </button>
    </form>
  );
}

/** Whether an issue is shown at the record form's roles (RecordFormHeader), not in the form's general list. */
export const isRoleIssue = (issue: FormIssue): boolean => issue.path === '/record/roles' || issue.path.startsWith('/record/roles/');

/**
 * The form's entity, the pages it lays out and the roles it is for (the entity stays; pages and
 * roles may change). `issues`: the form's problems — those of its roles are shown at the roles.
 */
export function RecordFormHeader({ doc, entity, roles, issues, onChange }: { doc: FormDoc; entity: EntityFieldsDoc | undefined; roles: RoleDoc[]; issues: FormIssue[]; onChange(doc: FormDoc): void }) {
  const { t, label } = useFormsI18n();
  const record = doc.record!;
  const purposes = record.purposes ?? [];
  const chosen = record.roles ?? [];
  // The draft's roles, then any the form names that the draft lacks (shown, so they can be unchecked).
  const keys = [...roles.map((r) => r['x-crm-role']), ...chosen.filter((k) => !roles.some((r) => r['x-crm-role'] === k))];
  const setRoles = (next: string[]) => {
    const { roles: _, ...rest } = record;
    onChange({ ...doc, record: next.length ? { ...rest, roles: next } : rest });
  };
  const roleIssues = issues.filter(isRoleIssue);
  const invalid = (i: number) => roleIssues.some((x) => x.path === '/record/roles' || x.path === `/record/roles/${i}`);
  return (
    <>
      <p>{t('studioForms.record.entity', { entity: entity ? label(entity['x-crm-label'], entity['x-crm-entity']) : record.entity })}</p>
      <fieldset className="studio-forms-purposes">
        <legend>{t('studioForms.newRecord.purposes')}</legend>
        {PURPOSES.map((p) => (
          <label key={p} className="studio-forms-check">
            <input
              type="checkbox"
              checked={purposes.includes(p)}
              onChange={(e) => onChange({ ...doc, record: { ...record, purposes: e.target.checked ? PURPOSES.filter((x) => x === p || purposes.includes(x)) : purposes.filter((x) => x !== p) } })}
            />{' '}
            {t(`studioForms.purpose.${p}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="studio-forms-purposes" aria-describedby="sf-roles-hint">
        <legend>{t('studioForms.record.roles')}</legend>
        <p id="sf-roles-hint" className="muted">
          {t('studioForms.record.rolesHint')}
        </p>
        {keys.map((key) => {
          const i = chosen.indexOf(key);
          const role = roles.find((r) => r['x-crm-role'] === key);
          const bad = i >= 0 && invalid(i);
          return (
            <label key={key} className="studio-forms-check">
              <input
                type="checkbox"
                checked={i >= 0}
                aria-invalid={bad || undefined}
                aria-describedby={bad ? 'sf-roles-issues' : undefined}
                onChange={(e) => setRoles(e.target.checked ? [...chosen, key] : chosen.filter((k) => k !== key))}
              />{' '}
              {role ? label(role.label, key) : t('studioForms.record.roleUnknown', { role: key })}
            </label>
          );
        })}
        <Issues issues={roleIssues} id="sf-roles-issues" />
      </fieldset>
    </>
  );
}


interface RecordFieldEditorProps {
  doc: FormDoc;
  name: string;
  index: number;
  entity: EntityFieldsDoc | undefined;
  /** Widget → the kinds it suits. */
  widgets: Record<string, string[]>;
  layout: Layout | undefined;
  issues: FormIssue[];
  onChange(doc: FormDoc): void;
  onLayout(layout: Layout | undefined): void;
}

export function RecordFieldEditor({ doc, name, index, entity, widgets, layout, issues, onChange, onLayout }: RecordFieldEditorProps) {
  const { t, label } = useFormsI18n();
  const props = entity?.properties ?? {};
  const kind = kindOf(props[name]);
  const labelOf = (n: string) => label(props[n]?.['x-crm-label'], n);
  const valueType = (n: string): ValueType => {
    const k = kindOf(props[n]);
    return k === 'boolean' ? 'boolean' : ['integer', 'number', 'money', 'percent'].includes(k) ? 'number' : 'string';
  };
  const errorId = issues.length ? `sf-field-${name}-issues` : undefined;
  return (
    <details className="studio-forms-field" open={issues.length > 0 || undefined}>
      <summary>
        <strong>{labelOf(name)}</strong> <code>{name}</code> {issues.length ? <span className="field-error">⚠ {issues.length}</span> : null}
      </summary>
      <Issues issues={issues} id={errorId} />
      <p className="muted">
        {t('studioForms.record.kind', { kind })}
        {(entity?.required ?? []).includes(name) ? ` · ${t('studioForms.record.required')}` : ''}
      </p>
      <div className="studio-forms-grid">
        <FieldPresentation
          doc={doc}
          name={name}
          widgets={Object.entries(widgets).filter(([, kinds]) => kinds.includes(kind)).map(([w]) => w)}
          layout={layout}
          labelOf={labelOf}
          valueType={valueType}
          errorId={errorId}
          onChange={onChange}
          onLayout={onLayout}
        />
      </div>
      <FieldActions doc={doc} name={name} index={index} onChange={onChange} />
    </details>
  );
}

export function AddRecordField({ doc, entity, onAdd }: { doc: FormDoc; entity: EntityFieldsDoc | undefined; onAdd(doc: FormDoc): void }) {
  const { t, label } = useFormsI18n();
  const free = entity ? writableFields(entity).filter(([n]) => !Object.hasOwn(doc.schema.properties, n)) : [];
  const [name, setName] = useState('');
  const chosen = free.some(([n]) => n === name) ? name : (free[0]?.[0] ?? '');
  const entityLabel = entity ? label(entity['x-crm-label'], entity['x-crm-entity']) : '';
  const add = (e: React.FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    onAdd({ ...doc, schema: { ...doc.schema, properties: { ...doc.schema.properties, [chosen]: {} } } });
    setName('');
  };
  return (
    <form className="studio-forms-box studio-forms-add" onSubmit={add} noValidate aria-labelledby="sf-add-record">
      <h3 id="sf-add-record">{t('studioForms.record.add', { entity: entityLabel })}</h3>
      {free.length ? (
        <>
          <div className="studio-forms-row">
            <label htmlFor="sf-add-record-field">{t('studioForms.record.addField')}</label>
            <select id="sf-add-record-field" value={chosen} onChange={(e) => setName(e.target.value)}>
              {free.map(([n, p]) => (
                <option key={n} value={n}>
                  {`${label(p['x-crm-label'] as Label | undefined, n)} (${n}, ${kindOf(p)})`}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn">
            {t('studioForms.add')}
          </button>
        </>
      ) : (
        <p className="muted">{t('studioForms.record.allPlaced')}</p>
      )}
    </form>
  );
}

/**
 * The preview: the records workspace's form body for the entity as drafted with this form (from the
 * server's check), sample inputs sent as the record body a save would send (only fields shown), the
 * server's errors at their fields.
 */
export function RecordPreview({ doc, check, values, onValues }: { doc: FormDoc; check: FormCheck | null; values: FormValues; onValues(values: FormValues, data: Obj): void }) {
  const { t } = useFormsI18n();
  const [entity, setEntity] = useState<EntityWithForms | undefined>(undefined);
  if (check?.valid && check.entity && JSON.stringify(check.entity) !== JSON.stringify(entity)) setEntity(check.entity);
  if (!entity) return <p className="muted">{t('studioForms.preview.invalid')}</p>;
  const form = entity.forms?.[doc.record?.purposes?.includes('create') ? 'create' : 'edit'];
  const shown = shownFields(entity, form, values);
  const errors = check?.valid ? errorsByField(check.errors, shown.map((f) => f.name)) : { byField: {}, other: [] };
  return (
    <>
      <p className="muted">{t('studioForms.record.previewHint')}</p>
      {check && !check.valid ? <p className="muted">{t('studioForms.preview.invalid')}</p> : null}
      {errors.other.length ? (
        <ul className="field-error">
          {errors.other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <div className="form-grid record-form-preview">
        <RecordFormBody
          entity={entity}
          form={form}
          values={values}
          errors={errors.byField}
          onChange={(name, value) => {
            const next = { ...values, [name]: value };
            onValues(next, toPayload(shownFields(entity, form, next), next).body);
          }}
        />
      </div>
      {check?.valid && check.errors.length === 0 ? <p className="muted">{t('studioForms.preview.valid')}</p> : null}
    </>
  );
}
