/** One labelled form control chosen by field kind, with its error messages beside it. */
import { useEffect, useState } from 'react';
import { getRecord, isApiError, type FieldMeta } from '../api/index.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { useI18n } from '../i18n/index.js';
import { displayValue } from './fields.js';
import type { InputValue } from './formValues.js';

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

export function FieldInput({ field, value, errors = [], known, savedValue, onChange }: FieldInputProps) {
  const { t, label } = useI18n();
  const id = `field-${field.name}`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const common = {
    id,
    name: field.name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorId : undefined,
    'aria-required': field.required || undefined,
  };
  const text = typeof value === 'string' ? value : '';

  let control;
  switch (field.kind) {
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
      control = <LookupInput common={common} field={field} value={text} known={known} onChange={onChange} />;
      break;
    default:
      control = <input {...common} type={TEXT_TYPES[field.kind] ?? 'text'} value={text} onChange={(e) => onChange(e.target.value)} />;
  }

  return (
    <div className={`field field-${field.kind}${invalid ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label(field.label, field.name)}
        {field.required && (
          <abbr className="required" title={t('form.required')}>
            *
          </abbr>
        )}
      </label>
      {control}
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id text input; the related record's name is shown beside it once the id resolves. */
function LookupInput(props: {
  common: Record<string, unknown>;
  field: FieldMeta;
  value: string;
  known?: KnownLookup;
  onChange(value: string): void;
}) {
  const { common, field, value, known, onChange } = props;
  const { t, label } = useI18n();
  const { entity } = useMetadata();
  const related = field.lookup ? entity(field.lookup.entity) : undefined;
  // id → name (null: no such record), seeded with the name the loaded record came with
  const [names, setNames] = useState<Record<string, string | null>>(() => (known ? { [known.id]: known.name } : {}));
  const id = value.trim();

  useEffect(() => {
    if (!related || !UUID.test(id) || id in names) return;
    const controller = new AbortController();
    getRecord(related.name, id, { signal: controller.signal }).then(
      (record) => setNames((n) => ({ ...n, [id]: displayValue(related, record) })),
      (e) => {
        if (isApiError(e) && e.status === 404) setNames((n) => ({ ...n, [id]: null }));
      },
    );
    return () => controller.abort();
  }, [id, related, names]);

  const relatedLabel = related ? label(related.label, related.name) : (field.lookup?.entity ?? '');
  const name = id ? names[id] : undefined;
  return (
    <div className="lookup">
      <input
        {...common}
        type="text"
        className="mono"
        placeholder={t('form.lookupPlaceholder', { entity: relatedLabel })}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {typeof name === 'string' && <span className="lookup-name">{name}</span>}
      {name === null && <span className="lookup-missing">{t('form.lookupNotFound', { entity: relatedLabel })}</span>}
    </div>
  );
}
