/**
 * Which columns the table shows, and in what order: a disclosure listing the entity's fields as
 * checkboxes (the shown ones first, in their order, each with Move up / Move down). A change applies
 * at once and is part of the list's spec, so "Save view" keeps it. Lookup-path columns a view
 * declared (`account.name`) stay listed while shown.
 */
import { useId, useRef, useState } from 'react';
import type { EntityMeta } from '../api/index.js';
import { useI18n } from '../i18n/index.js';
import { columnLabel, type Column } from './columns.js';
import { filterableFields } from './listSpec.js';

interface Props {
  entity: EntityMeta;
  /** The columns shown now (the view's, or the person's choice). */
  columns: Column[];
  onChange(names: string[]): void;
}

export function ColumnChooser({ entity, columns, onChange }: Props) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const shown = columns.map((c) => c.key);
  const hidden = filterableFields(entity).filter((f) => !shown.includes(f.name));
  const nameOf = (c: Column) => columnLabel(c, label);
  const move = (i: number, by: -1 | 1) => {
    const next = [...shown];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  return (
    <div className="column-chooser">
      <button ref={button} type="button" className="btn btn-small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t('records.columns.button', { count: shown.length })}
      </button>
      {open && (
        <fieldset
          id={panelId}
          className="column-chooser-panel"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            setOpen(false);
            button.current?.focus();
          }}
        >
          <legend>{t('records.columns.title')}</legend>
          <ul className="plain">
            {columns.map((c, i) => (
              <li key={c.key}>
                <label>
                  <input
                    type="checkbox"
                    checked
                    // The display field names each row's link: it stays.
                    disabled={c.key === entity.displayField || shown.length === 1}
                    onChange={() => onChange(shown.filter((k) => k !== c.key))}
                  />{' '}
                  {nameOf(c)}
                </label>
                <button type="button" className="btn btn-small" disabled={i === 0} aria-label={t('records.columns.up', { column: nameOf(c) })} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="btn btn-small" disabled={i === columns.length - 1} aria-label={t('records.columns.down', { column: nameOf(c) })} onClick={() => move(i, 1)}>
                  ↓
                </button>
              </li>
            ))}
            {hidden.map((f) => (
              <li key={f.name}>
                <label>
                  <input type="checkbox" checked={false} onChange={() => onChange([...shown, f.name])} /> {label(f.label, f.name)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
