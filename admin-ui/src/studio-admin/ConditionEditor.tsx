/**
 * A criteria rule's condition in the records filter language: rows of field, comparison, value,
 * all of which must hold (`{"and": [...]}`). Parts the rows cannot show (kept from the stored
 * condition) stay first, as they were. A refusal at `…/condition/and/<i>/<field|op|value>` is shown
 * at that row's control.
 */
import type { EntityMeta, FieldMeta } from '../api/index.js';
import { pickLabel } from '../i18n/index.js';
import { opKey, opsFor, splitFilter, type Condition } from '../records/listSpec.js';
import { FieldMessages, type FormErrors } from './errors.js';
import { useAdminI18n } from './messages.js';

export interface ConditionDraft {
  base: unknown[];
  rows: Condition[];
  /** The stored condition while nobody has changed it: saved back exactly as it was. */
  original?: unknown;
}

export function conditionDraft(entity: EntityMeta, condition: unknown): ConditionDraft {
  const { base, conditions } = splitFilter(entity, condition);
  return { base, rows: conditions, original: condition };
}

const NUMERIC = ['integer', 'number', 'money', 'percent'];

/** A row's value as JSON: numbers and booleans typed; what does not parse is sent as typed, for the server to name. */
function rowValue(field: FieldMeta | undefined, row: Condition): unknown {
  if (row.op === 'isNull') return true;
  if (NUMERIC.includes(field?.kind ?? '')) return row.value.trim() !== '' && Number.isFinite(Number(row.value)) ? Number(row.value) : row.value;
  if (field?.kind === 'boolean') return row.value === 'true' ? true : row.value === 'false' ? false : row.value;
  return row.value;
}

export function conditionJson(entity: EntityMeta, draft: ConditionDraft): unknown {
  if (draft.original !== undefined) return draft.original;
  const field = (name: string) => entity.fields.find((f) => f.name === name);
  return {
    and: [
      ...draft.base,
      ...draft.rows.map((r) => ({
        field: r.field,
        op: r.op,
        value: rowValue(field(r.field), r),
      })),
    ],
  };
}

export function ConditionEditor({
  entity,
  draft,
  onChange: change,
  errors,
  path,
  idPrefix,
}: {
  entity: EntityMeta;
  draft: ConditionDraft;
  onChange: (d: ConditionDraft) => void;
  errors: FormErrors;
  /** Where the condition sits in the document, e.g. `/rules/0/condition`. */
  path: string;
  idPrefix: string;
}) {
  const { t, locale } = useAdminI18n();
  const onChange = (d: ConditionDraft) => change({ base: d.base, rows: d.rows });
  const fields = entity.fields.filter((f) => f.kind !== 'json' && f.kind !== 'lookup');
  const setRow = (i: number, patch: Partial<Condition>) =>
    onChange({
      ...draft,
      rows: draft.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    });
  const add = () => {
    const first = fields[0];
    if (first)
      onChange({
        ...draft,
        rows: [...draft.rows, { field: first.name, op: opsFor(first)[0]!, value: '' }],
      });
  };
  return (
    <fieldset className="condition">
      <legend>{t('studioAdmin.sharing.condition')}</legend>
      {draft.base.length > 0 && (
        <p className="muted">
          {t('studioAdmin.sharing.kept')} <code>{JSON.stringify(draft.base)}</code>
        </p>
      )}
      <FieldMessages errors={errors} path={path} />
      <FieldMessages errors={errors} path={`${path}/and`} />
      {draft.rows.map((row, i) => {
        const at = `${path}/and/${draft.base.length + i}`;
        const field = fields.find((f) => f.name === row.field);
        const id = `${idPrefix}-${i}`;
        const n = i + 1;
        return (
          <div className="condition-row" key={i}>
            <select
              id={`${id}-field`}
              aria-label={t('studioAdmin.sharing.conditionField', { n })}
              value={row.field}
              {...errors.control(`${at}/field`)}
              onChange={(e) => {
                const next = fields.find((f) => f.name === e.target.value);
                const ops = opsFor(next);
                setRow(i, {
                  field: e.target.value,
                  op: ops.includes(row.op) ? row.op : ops[0]!,
                  value: '',
                });
              }}
            >
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {pickLabel(locale, f.label, f.name)}
                </option>
              ))}
            </select>
            <select
              aria-label={t('studioAdmin.sharing.conditionOp', { n })}
              value={row.op}
              onChange={(e) => setRow(i, { op: e.target.value as Condition['op'] })}
              {...errors.control(`${at}/op`)}
            >
              {opsFor(field).map((op) => (
                <option key={op} value={op}>
                  {t(opKey(op))}
                </option>
              ))}
            </select>
            {row.op !== 'isNull' && (
              <ValueInput
                field={field}
                value={row.value}
                label={t('studioAdmin.sharing.conditionValue', { n })}
                onChange={(value) => setRow(i, { value })}
                control={errors.control(`${at}/value`)}
              />
            )}
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('studioAdmin.sharing.removeCondition', { n })}
              onClick={() =>
                onChange({
                  ...draft,
                  rows: draft.rows.filter((_, j) => j !== i),
                })
              }
            >
              {t('studioAdmin.remove')}
            </button>
            <FieldMessages errors={errors} path={`${at}/field`} />
            <FieldMessages errors={errors} path={`${at}/op`} />
            <FieldMessages errors={errors} path={`${at}/value`} below />
            <FieldMessages errors={errors} path={at} />
          </div>
        );
      })}
      <button type="button" className="btn btn-small" onClick={add}>
        {t('studioAdmin.sharing.addCondition')}
      </button>
    </fieldset>
  );
}

function ValueInput({ field, value, label, onChange, control }: { field: FieldMeta | undefined; value: string; label: string; onChange: (v: string) => void; control: object }) {
  const { t, locale } = useAdminI18n();
  if (field?.kind === 'enum' || field?.kind === 'boolean') {
    const options = field.kind === 'boolean' ? ['true', 'false'] : (field.enumValues ?? []);
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} {...control}>
        <option value="">{t('studioAdmin.noneChosen')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {field.kind === 'boolean' ? t(o === 'true' ? 'studioAdmin.yes' : 'studioAdmin.no') : pickLabel(locale, field.enumLabels?.[o], o)}
          </option>
        ))}
      </select>
    );
  }
  const type = field?.kind === 'date' ? 'date' : 'text';
  return (
    <input
      aria-label={label}
      type={type}
      inputMode={NUMERIC.includes(field?.kind ?? '') ? 'decimal' : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...control}
    />
  );
}
