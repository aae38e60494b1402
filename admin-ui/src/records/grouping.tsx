/**
 * A list grouped by a field (a view's `groupBy`): the records come sorted by that field first
 * (listSpec.ts `listSort`), and a header row — the field's value and how many records the group
 * has under the list's filter (the aggregate endpoint, so a group longer than the page loaded says
 * its whole size) — goes before each group's first record.
 */
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { groupCounts, type CrmRecord, type FieldMeta } from '../api/index.js';
import { useI18n } from '../i18n/index.js';
import { FieldValue } from './FieldValue.js';
import { relatedId } from './fields.js';

/** The group key of a record: a lookup's id (the record may carry the expanded related record), else the value. */
export const groupKey = (field: FieldMeta, record: CrmRecord): unknown => {
  const v = record[field.name];
  return field.kind === 'lookup' ? (relatedId(v) ?? null) : (v ?? null);
};

export function useGroupCounts(entity: string, field: FieldMeta | undefined, filter: string | object | undefined): Map<unknown, number> | null {
  const [counts, setCounts] = useState<Map<unknown, number> | null>(null);
  useEffect(() => {
    if (!field) return;
    const abort = new AbortController();
    setCounts(null);
    // Without counts the headers still show their values; an error here leaves them without numbers.
    groupCounts(entity, field.name, filter, abort.signal).then(setCounts, () => undefined);
    return () => abort.abort();
  }, [entity, field, filter]);
  return field ? counts : null;
}

/**
 * The table's rows with a header row before each group, keyed by the group's first record: a value
 * may head two groups while rows read in another order are still shown (the grouping just changed).
 */
export function groupedRows(field: FieldMeta | undefined, items: CrmRecord[], row: (r: CrmRecord) => ReactNode, head: (r: CrmRecord, key: unknown) => ReactNode): ReactNode[] {
  if (!field) return items.map(row);
  const out: ReactNode[] = [];
  let last: unknown = Symbol('none');
  for (const r of items) {
    const key = groupKey(field, r);
    if (key !== last) out.push(<Fragment key={`g:${r.id}`}>{head(r, key)}</Fragment>);
    last = key;
    out.push(row(r));
  }
  return out;
}

export function GroupHeadRow({ field, record, count, span }: { field: FieldMeta; record: CrmRecord; count: number | undefined; span: number }) {
  const { t, label, formatNumber } = useI18n();
  return (
    <tr className="group-head">
      <th scope="colgroup" colSpan={span}>
        <span className="muted">{label(field.label, field.name)}:</span> <FieldValue field={field} value={record[field.name]} />
        {count !== undefined && ' '}
        {count !== undefined && <span className="group-count">{count === 1 ? t('records.group.countOne') : t('records.group.count', { count: formatNumber(count) })}</span>}
      </th>
    </tr>
  );
}
