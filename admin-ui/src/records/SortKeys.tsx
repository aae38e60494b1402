/**
 * A list's sort keys in order — a field and a direction per key, a key added or removed — as the
 * records list and the view designer edit them (each with its own words and field choices); and
 * the field options of such drop-downs.
 */
import type { ReactNode } from 'react';
import type { FieldMeta, SortSpec } from '../api/index.js';
import { useI18n } from '../i18n/index.js';

/** A drop-down's field options; `current`, when it is not among them (a field a view names but that is not offered), first as `currentLabel`. */
export function FieldChoices({ fields, current, currentLabel }: { fields: FieldMeta[]; current: string | undefined; currentLabel: string }) {
  const { label } = useI18n();
  return (
    <>
      {current && !fields.some((f) => f.name === current) && <option value={current}>{currentLabel}</option>}
      {fields.map((f) => (
        <option key={f.name} value={f.name}>
          {label(f.label, f.name)}
        </option>
      ))}
    </>
  );
}

export interface SortKeysText {
  /** Accessible names of key n's controls (n from 1). */
  field(n: number): string;
  direction(n: number): string;
  remove(n: number): string;
  /** What the remove button shows. */
  removeText: string;
  add: string;
  asc: string;
  desc: string;
}

interface Props {
  sort: SortSpec[];
  /** Field names a new key may take, first unused first. */
  fieldNames: string[];
  /** The options of a key's field drop-down (`current` is its field, which may not be among the choices). */
  options(current: string): ReactNode;
  onChange(sort: SortSpec[]): void;
  text: SortKeysText;
  /** No key is added beyond this many. */
  max?: number;
  rowClassName: string;
  /** Attributes of key i's field control (e.g. marking it invalid) and what follows its row (its messages). */
  fieldProps?(i: number): object;
  after?(i: number): ReactNode;
}

export function SortKeys({ sort, fieldNames, options, onChange, text, max = Infinity, rowClassName, fieldProps, after }: Props) {
  const change = (i: number, patch: Partial<SortSpec>) => onChange(sort.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const next = fieldNames.find((f) => !sort.some((s) => s.field === f)) ?? fieldNames[0];
  return (
    <>
      {sort.map((s, i) => {
        const n = i + 1;
        return (
          <div className={rowClassName} key={i} data-sort-key={n}>
            <select aria-label={text.field(n)} value={s.field} {...fieldProps?.(i)} onChange={(e) => change(i, { field: e.target.value })}>
              {options(s.field)}
            </select>
            <select aria-label={text.direction(n)} value={s.direction} onChange={(e) => change(i, { direction: e.target.value as SortSpec['direction'] })}>
              <option value="asc">{text.asc}</option>
              <option value="desc">{text.desc}</option>
            </select>
            <button type="button" className="btn btn-small" aria-label={text.remove(n)} onClick={() => onChange(sort.filter((_, j) => j !== i))}>
              {text.removeText}
            </button>
            {after?.(i)}
          </div>
        );
      })}
      <button type="button" className="btn btn-small" disabled={next === undefined || sort.length >= max} onClick={() => next !== undefined && onChange([...sort, { field: next, direction: 'asc' }])}>
        {text.add}
      </button>
    </>
  );
}
