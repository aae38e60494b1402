/**
 * A list of values edited one at a time, for a territory's regions and industries: each value a
 * chip with its own remove button, and an adder — a drop-down of the allowed values when the
 * metadata has them (an enum field's values, with their labels), else a text input suggesting the
 * values already in use. Errors at `path` or below mark the adder invalid and describe it.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Label } from '../api/index.js';
import { pickLabel } from '../i18n/index.js';
import { FieldMessages, type FormErrors } from './errors.js';
import { useAdminI18n } from './messages.js';

export interface ValueChoices {
  /** The values the metadata allows, with their labels; null: any text (then `suggestions`). */
  allowed: { value: string; label?: Label }[] | null;
  suggestions: string[];
}

export function ValueList({
  id,
  label,
  values,
  onChange,
  choices,
  errors,
  path,
}: {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  choices: ValueChoices;
  errors: FormErrors;
  path: string;
}) {
  const { t, locale } = useAdminI18n();
  const [next, setNext] = useState('');
  const labelOf = (v: string) => pickLabel(locale, choices.allowed?.find((a) => a.value === v)?.label, v);
  const add = (e?: FormEvent) => {
    e?.preventDefault();
    const value = next.trim();
    if (value && !values.includes(value)) onChange([...values, value]);
    setNext('');
  };
  // Enter adds the value instead of submitting the whole form.
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') add(e);
  };
  const open = choices.allowed?.filter((a) => !values.includes(a.value));
  return (
    <fieldset className={errors.at(path, true).length ? 'field field-invalid value-list' : 'field value-list'}>
      <legend className="field-label">{label}</legend>
      {values.length === 0 ? (
        <p className="muted">{t('studioAdmin.units.noValues')}</p>
      ) : (
        <ul className="chips" aria-label={label}>
          {values.map((v) => (
            <li key={v} className="chip">
              {labelOf(v)}{' '}
              <button type="button" className="link-button" aria-label={t('studioAdmin.units.removeValue', { value: labelOf(v), what: label })} onClick={() => onChange(values.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form">
        {open ? (
          <select id={id} {...errors.control(path, true)} aria-label={t('studioAdmin.units.chooseValue', { what: label })} value={next} onChange={(e) => setNext(e.target.value)}>
            <option value="">{t('studioAdmin.noneChosen')}</option>
            {open.map((a) => (
              <option key={a.value} value={a.value}>
                {pickLabel(locale, a.label, a.value)}
              </option>
            ))}
          </select>
        ) : (
          <>
            <input id={id} {...errors.control(path, true)} aria-label={t('studioAdmin.units.newValue', { what: label })} list={`${id}-suggestions`} value={next} onChange={(e) => setNext(e.target.value)} onKeyDown={onKey} autoComplete="off" />
            <datalist id={`${id}-suggestions`}>
              {choices.suggestions
                .filter((s) => !values.includes(s))
                .map((s) => (
                  <option key={s} value={s} />
                ))}
            </datalist>
          </>
        )}
        <button type="button" className="btn btn-small" disabled={!next.trim()} onClick={() => add()}>
          {t('studioAdmin.units.addValue', { what: label })}
        </button>
      </div>
      <FieldMessages errors={errors} path={path} below />
    </fieldset>
  );
}
