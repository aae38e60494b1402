/**
 * One labelled form control chosen by field kind (or by a record form's widget: `textarea` for a
 * text field, `radio` for a choice), with its help text and error messages beside it.
 */
import { lazy, Suspense } from 'react';
import type { FieldMeta, Label } from '../api/index.js';
import { useI18n } from '../i18n/index.js';
import type { InputValue } from './formValues.js';

// The picker is a lazy chunk (the entry bundle is at its budget); until it arrives, a disabled input holds the label's place.
const LookupPicker = lazy(() => import('../pickers/LookupPicker.js').then((m) => ({ default: m.LookupPicker })));
const AttachmentField = lazy(() => import('./AttachmentField.js').then((m) => ({ default: m.AttachmentField })));

export interface KnownLookup {
  id: string;
  name: string;
}

export interface FieldInputProps {
  field: FieldMeta;
  value: InputValue;
  errors?: string[];
  /** For a lookup: the related record the loaded record came with (expanded). */
  known?: KnownLookup;
  /** For an enum with a state machine: the value saved now (only allowed moves are offered). */
  savedValue?: string;
  /** The record edited (null: a new one), for an attachment field's choice of its files. */
  record?: { entity: string; id: string } | null;
  /** From the record form: a help text, and a widget in place of the kind's input. */
  help?: Label;
  widget?: string;
  onChange(value: InputValue): void;
}

const TEXT_TYPES: Partial<Record<FieldMeta['kind'], string>> = {
  text: 'text',
  email: 'email',
  phone: 'tel',
  url: 'url',
  date: 'date',
  datetime: 'datetime-local',
};

export function FieldInput({ field, value, errors = [], known, savedValue, record = null, help, widget, onChange }: FieldInputProps) {
  const { t, label } = useI18n();
  const id = `field-${field.name}`;
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const invalid = errors.length > 0;
  const describedBy = [help ? helpId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  };
  const text = typeof value === 'string' ? value : '';
  const radio = widget === 'radio' && field.kind === 'enum';

  let control;
  switch (widget === 'textarea' && field.kind === 'text' ? 'textarea' : radio ? 'radio' : field.kind) {
    case 'textarea':
      control = <textarea {...common} rows={4} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'radio':
      control = (
        <div role="radiogroup" id={id} aria-labelledby={`${id}-label`} aria-describedby={describedBy} aria-required={field.required || undefined} className="radio-group">
          {enumChoices(field, savedValue).map((v) => (
            <label key={v} className="radio-choice">
              <input type="radio" name={field.name} value={v} checked={text === v} onChange={() => onChange(v)} /> {label(field.enumLabels?.[v], v)}
            </label>
          ))}
        </div>
      );
      break;
    case 'boolean':
      control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
      break;
    case 'enum':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {enumChoices(field, savedValue).map((v) => (
            <option key={v} value={v}>
              {label(field.enumLabels?.[v], v)}
            </option>
          ))}
        </select>
      );
      break;
    case 'integer':
    case 'number':
    case 'money':
    case 'percent':
      control = (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step={field.kind === 'integer' ? 1 : field.kind === 'money' ? 0.01 : 'any'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'json':
      control = <textarea {...common} rows={5} className="mono" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'lookup':
      control = field.lookup ? (
        <Suspense fallback={<input {...common} type="text" disabled readOnly value={known?.name ?? ''} />}>
          <LookupPicker
            id={id}
            entity={field.lookup.entity}
            known={known}
            value={text.trim() || null}
            onChange={(v) => onChange(v ?? '')}
            invalid={invalid}
            required={field.required}
            describedBy={describedBy}
          />
        </Suspense>
      ) : (
        <input {...common} type="text" className="mono" value={text} onChange={(e) => onChange(e.target.value)} />
      );
      break;
    case 'attachment':
      control = (
        <Suspense fallback={null}>
          <AttachmentField id={id} label={label(field.label, field.name)} record={record} multiple={field.multiple === true} value={text} onChange={onChange} describedBy={describedBy} />
        </Suspense>
      );
      break;
    default:
      control = <input {...common} type={TEXT_TYPES[field.kind] ?? 'text'} value={text} onChange={(e) => onChange(e.target.value)} />;
  }

  return (
    <div className={`field field-${field.kind}${invalid ? ' field-invalid' : ''}`}>
      {/* a radio group is labelled by id (a <label> names one control) */}
      <label className="field-label" htmlFor={radio ? undefined : id} id={`${id}-label`}>
        {label(field.label, field.name)}
        {field.required && (
          <abbr className="required" title={t('form.required')}>
            *
          </abbr>
        )}
      </label>
      {control}
      {help && (
        <p className="field-help" id={helpId}>
          {label(help)}
        </p>
      )}
      {invalid && (
        <ul className="field-errors" id={errorId}>
          {errors.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Enum values to offer: all of them, or for a state machine the saved value and its allowed moves. */
function enumChoices(field: FieldMeta, savedValue: string | undefined): string[] {
  const all = field.enumValues ?? [];
  const moves = savedValue ? field.stateMachine?.transitions[savedValue] : undefined;
  return moves ? all.filter((v) => v === savedValue || moves.includes(v)) : all;
}
