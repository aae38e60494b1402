/**
 * The choice of a record of one entity: a combobox over the records the user may read (the list
 * API, the display field `contains` the text typed, at most 10, in display order). A value already
 * set is shown by its record's label (read once), with a link that opens the record in a new tab.
 * Without the entity in the user's metadata (not published, or not theirs to read) it falls back to
 * a plain id input. The server checks the id again on save.
 */
import { useCallback, useEffect, useState } from 'react';
import { getRecord, isApiError, listRecords } from '../api/index.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { recordsPath } from '../app/router.js';
import { usePickerI18n } from './messages.js';
import { displayValue } from '../records/fields.js';
import { Combobox, type Option } from './Combobox.js';

export const LOOKUP_OPTIONS = 10;

export interface PickerProps {
  id: string;
  value: string | null;
  onChange(id: string | null): void;
  disabled?: boolean;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
}

export function LookupPicker({ entity: entityName, known, ...props }: PickerProps & { entity: string; /** The value's label when the page has it already. */ known?: { id: string; name: string } }) {
  const { t, label, locale } = usePickerI18n();
  const { entity: entityMeta } = useMetadata();
  const entity = entityMeta(entityName);
  const { id, value, onChange } = props;
  // id → label (null: no such record the user may read)
  const [labels, setLabels] = useState<Record<string, string | null>>(() => (known ? { [known.id]: known.name } : {}));
  useEffect(() => {
    if (!entity || value === null || value in labels) return;
    const controller = new AbortController();
    getRecord(entity.name, value, { signal: controller.signal }).then(
      (record) => setLabels((l) => ({ ...l, [value]: displayValue(entity, record, locale) })),
      (e) => {
        if (isApiError(e) && (e.status === 404 || e.status === 403)) setLabels((l) => ({ ...l, [value]: null }));
      },
    );
    return () => controller.abort();
  }, [entity, value, labels, locale]);

  const search = useCallback(
    async (q: string, signal: AbortSignal): Promise<Option[]> => {
      if (!entity) return [];
      const field = entity.displayField;
      const page = await listRecords(
        entity.name,
        { limit: LOOKUP_OPTIONS, sort: [{ field, direction: 'asc' }], filter: q ? { field, op: 'contains', value: q } : undefined },
        signal,
      );
      const found = page.items.map((r) => ({ id: r.id, label: displayValue(entity, r, locale) }));
      setLabels((l) => ({ ...l, ...Object.fromEntries(found.map((o) => [o.id, o.label])) }));
      return found;
    },
    [entity, locale],
  );

  if (!entity)
    return (
      <input
        id={id}
        type="text"
        className="mono"
        value={value ?? ''}
        disabled={props.disabled}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        placeholder={t('form.lookupPlaceholder', { entity: entityName })}
        onChange={(e) => onChange(e.target.value.trim() || null)}
      />
    );
  const entityLabel = label(entity.label, entity.name);
  const current = value === null ? null : labels[value];
  return (
    <div className="picker">
      <Combobox
        {...props}
        valueLabel={current === undefined ? null : (current ?? value)}
        search={search}
        onChange={(chosen) => onChange(chosen)}
        placeholder={t('picker.searchEntity', { entity: entityLabel })}
        after={
          value === null || current === undefined ? null : current === null ? (
            <span className="lookup-missing">{t('picker.notFound', { entity: entityLabel })}</span>
          ) : (
            <a className="picker-open" href={recordsPath(entity.name, value)} target="_blank" rel="noopener noreferrer">
              {t('picker.open', { name: current })}
            </a>
          )
        }
      />
    </div>
  );
}
