/**
 * Sharing per entity: the org-wide default, the role hierarchy switch, and the rules — owner-based
 * (records of these owners go to that group), criteria-based (records matching a condition) and
 * territory-based (records of a territory go to its members or managers). Saving PUTs the entity's
 * sharing document; the server validates and publishes it, or names each refused part.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EntityMeta, Label } from '../api/index.js';
import { listSharing, putSharing, type GroupRef, type RuleAccess, type SharingDefault, type SharingDocument, type SharingRule } from '../api/studioAdmin.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { pickLabel } from '../i18n/index.js';
import { ConditionEditor, conditionDraft, conditionJson, type ConditionDraft } from './ConditionEditor.js';
import { Field, FieldMessages, FormBanner, useFormErrors, type FormErrors } from './errors.js';
import { EntitySelect, FormActions, GroupPicker, RULE_GROUP_KINDS, useStatus } from './pickers.js';
import { useAdminI18n, type AdminKey } from './messages.js';

type RuleType = SharingRule['type'];

interface RuleDraft {
  name: string;
  /** The label in both languages; both empty: the rule has none (its name is shown). */
  label: Label;
  type: RuleType;
  access: RuleAccess;
  owners: GroupRef;
  to: GroupRef;
  territoryTo: 'members' | 'managers';
  fields: { region?: string; industry?: string };
  condition: ConditionDraft;
}

const blankRule = (type: RuleType): RuleDraft => ({
  name: '',
  label: { 'zh-CN': '', en: '' },
  type,
  access: 'read',
  owners: { role: '' },
  to: { role: '' },
  territoryTo: 'members',
  fields: {},
  condition: { base: [], rows: [] },
});

function toDraft(entity: EntityMeta, r: SharingRule): RuleDraft {
  const d = { ...blankRule(r.type), name: r.name, ...(r.label ? { label: r.label } : {}), access: r.access };
  if (r.type === 'owner') return { ...d, owners: r.owners, to: r.to };
  if (r.type === 'criteria') return { ...d, to: r.to, condition: conditionDraft(entity, r.condition) };
  return { ...d, fields: r.fields, territoryTo: r.to };
}

function toRule(entity: EntityMeta, d: RuleDraft): SharingRule {
  // One language left empty is sent as it is: the server names that half (…/label/en).
  const labelled = d.label['zh-CN'].trim() || d.label.en.trim();
  const common = { name: d.name, ...(labelled ? { label: { 'zh-CN': d.label['zh-CN'].trim(), en: d.label.en.trim() } } : {}), access: d.access };
  if (d.type === 'owner') return { ...common, type: 'owner', owners: d.owners, to: d.to };
  if (d.type === 'criteria') return { ...common, type: 'criteria', condition: conditionJson(entity, d.condition), to: d.to };
  const fields = Object.fromEntries(Object.entries(d.fields).filter(([, f]) => f));
  return { ...common, type: 'territory', fields, to: d.territoryTo };
}

export function SharingSection() {
  const { entities } = useMetadata();
  const [docs, setDocs] = useState<SharingDocument[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [entityName, setEntityName] = useState(entities[0]?.name ?? '');
  const load = () => {
    setError(null);
    listSharing().then(setDocs, setError);
  };
  useEffect(load, []);
  const entity = entities.find((e) => e.name === entityName);
  if (error) return <ErrorBanner error={error} onRetry={load} />;
  if (!docs) return <Loading />;
  return (
    <div>
      <EntitySelect id="sharing-entity" value={entityName} onChange={setEntityName} />
      {entity && <SharingForm key={entity.name} entity={entity} doc={docs.find((d) => d['x-crm-sharing'] === entity.name)} onSaved={load} />}
    </div>
  );
}

function SharingForm({ entity, doc, onSaved }: { entity: EntityMeta; doc: SharingDocument | undefined; onSaved: () => void }) {
  const { t } = useAdminI18n();
  const errors = useFormErrors();
  const status = useStatus();
  const form = useRef<HTMLFormElement>(null);
  // No document: everyone reads and edits (docs/security.md) — shown as that default.
  const [orgDefault, setOrgDefault] = useState<SharingDefault>(doc?.default ?? 'publicReadWrite');
  const [hierarchy, setHierarchy] = useState(doc?.hierarchy !== false);
  const [rules, setRules] = useState<RuleDraft[]>(() => (doc?.rules ?? []).map((r) => toDraft(entity, r)));
  const [newType, setNewType] = useState<RuleType>('criteria');
  const setRule = (i: number, patch: Partial<RuleDraft>) => setRules((old) => old.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await putSharing(entity.name, {
        default: orgDefault,
        hierarchy,
        rules: rules.map((r) => toRule(entity, r)),
      });
      status.say(t('studioAdmin.sharing.published'));
      onSaved();
    } catch (err) {
      errors.fail(err, form.current, (path) => path.replace(/^sharing\/[^#]*#/, ''));
    }
  };
  return (
    <form ref={form} onSubmit={(e) => void submit(e)} aria-label={t('studioAdmin.sharing.formLabel')} noValidate className="admin-panel admin-wide">
      <FormBanner errors={errors} />
      <Field label={t('studioAdmin.sharing.default')} path="/default" errors={errors} id="sharing-default">
        {(p) => (
          <select {...p} value={orgDefault} onChange={(e) => setOrgDefault(e.target.value as SharingDefault)}>
            {(['private', 'publicRead', 'publicReadWrite'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`studioAdmin.sharing.default.${d}` as AdminKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={hierarchy} onChange={(e) => setHierarchy(e.target.checked)} />
        {t('studioAdmin.sharing.hierarchy')}
      </label>
      <h3>{t('studioAdmin.sharing.rules')}</h3>
      {rules.length === 0 && <p className="muted">{t('studioAdmin.sharing.noRules')}</p>}
      {rules.map((rule, i) => (
        <RuleEditor
          key={i}
          index={i}
          entity={entity}
          rule={rule}
          onChange={(patch) => setRule(i, patch)}
          onRemove={() => setRules((old) => old.filter((_, j) => j !== i))}
          errors={errors}
        />
      ))}
      <div className="inline-form">
        <label htmlFor="sharing-new-type" className="field-label">
          {t('studioAdmin.sharing.ruleType')}
        </label>
        <select id="sharing-new-type" value={newType} onChange={(e) => setNewType(e.target.value as RuleType)}>
          {(['owner', 'criteria', 'territory'] as const).map((type) => (
            <option key={type} value={type}>
              {t(`studioAdmin.sharing.type.${type}` as AdminKey)}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={() => setRules((old) => [...old, blankRule(newType)])}>
          {t('studioAdmin.sharing.addRule')}
        </button>
      </div>
      <FormActions submit={t('studioAdmin.sharing.publish')} />
      {status.node}
    </form>
  );
}

function RuleEditor({
  index,
  entity,
  rule,
  onChange,
  onRemove,
  errors,
}: {
  index: number;
  entity: EntityMeta;
  rule: RuleDraft;
  onChange: (patch: Partial<RuleDraft>) => void;
  onRemove: () => void;
  errors: FormErrors;
}) {
  const { t, locale } = useAdminI18n();
  const at = `/rules/${index}`;
  const id = `rule-${index}`;
  const territoryFields = entity.fields.filter((f) => f.kind === 'text' || f.kind === 'enum');
  return (
    <fieldset className="rule">
      <legend>
        {t('studioAdmin.sharing.ruleLegend', {
          n: index + 1,
          type: t(`studioAdmin.sharing.type.${rule.type}` as AdminKey),
        })}
      </legend>
      <FieldMessages errors={errors} path={at} />
      <div className="form-row">
        <Field label={t('studioAdmin.sharing.ruleName')} path={`${at}/name`} errors={errors} id={`${id}-name`}>
          {(p) => <input {...p} value={rule.name} onChange={(e) => onChange({ name: e.target.value })} autoComplete="off" />}
        </Field>
        {(['zh-CN', 'en'] as const).map((lang) => (
          <Field
            key={lang}
            label={t(lang === 'en' ? 'studioAdmin.sharing.ruleLabelEn' : 'studioAdmin.sharing.ruleLabelZh')}
            path={`${at}/label/${lang}`}
            errors={errors}
            id={`${id}-label-${lang}`}
          >
            {(p) => <input {...p} lang={lang} value={rule.label[lang]} onChange={(e) => onChange({ label: { ...rule.label, [lang]: e.target.value } })} />}
          </Field>
        ))}
        <Field label={t('studioAdmin.sharing.access')} path={`${at}/access`} errors={errors} id={`${id}-access`}>
          {(p) => (
            <select {...p} value={rule.access} onChange={(e) => onChange({ access: e.target.value as RuleAccess })}>
              <option value="read">{t('studioAdmin.level.read')}</option>
              <option value="edit">{t('studioAdmin.level.edit')}</option>
            </select>
          )}
        </Field>
      </div>
      {rule.type === 'owner' && (
        <GroupPicker
          value={rule.owners}
          onChange={(owners) => onChange({ owners })}
          kinds={RULE_GROUP_KINDS}
          idPrefix={`${id}-owners`}
          label={t('studioAdmin.sharing.owners')}
          errors={errors}
          path={`${at}/owners`}
        />
      )}
      {rule.type === 'criteria' && (
        <ConditionEditor
          entity={entity}
          draft={rule.condition}
          onChange={(condition) => onChange({ condition })}
          errors={errors}
          path={`${at}/condition`}
          idPrefix={`${id}-cond`}
        />
      )}
      {rule.type === 'territory' ? (
        <div className="form-row">
          {(['region', 'industry'] as const).map((which) => (
            <Field key={which} label={t(`studioAdmin.sharing.territoryField.${which}` as AdminKey)} path={`${at}/fields/${which}`} errors={errors} id={`${id}-${which}`}>
              {(p) => (
                <select
                  {...p}
                  value={rule.fields[which] ?? ''}
                  onChange={(e) =>
                    onChange({
                      fields: { ...rule.fields, [which]: e.target.value },
                    })
                  }
                >
                  <option value="">{t('studioAdmin.noneChosen')}</option>
                  {territoryFields.map((f) => (
                    <option key={f.name} value={f.name}>
                      {pickLabel(locale, f.label, f.name)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          <Field label={t('studioAdmin.sharing.to')} path={`${at}/to`} errors={errors} id={`${id}-to`}>
            {(p) => (
              <select
                {...p}
                value={rule.territoryTo}
                onChange={(e) =>
                  onChange({
                    territoryTo: e.target.value as 'members' | 'managers',
                  })
                }
              >
                <option value="members">{t('studioAdmin.sharing.territoryTo.members')}</option>
                <option value="managers">{t('studioAdmin.sharing.territoryTo.managers')}</option>
              </select>
            )}
          </Field>
        </div>
      ) : (
        <GroupPicker
          value={rule.to}
          onChange={(to) => onChange({ to })}
          kinds={RULE_GROUP_KINDS}
          idPrefix={`${id}-to`}
          label={t('studioAdmin.sharing.to')}
          errors={errors}
          path={`${at}/to`}
        />
      )}
      <button type="button" className="btn btn-small btn-danger" onClick={onRemove}>
        {t('studioAdmin.sharing.removeRule', { n: index + 1 })}
      </button>
    </fieldset>
  );
}
