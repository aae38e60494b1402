/**
 * The first records of the view being edited, read as the published model reads them: the records
 * query (POST /api/records/:entity/query) with the view's filter, its sort (the group field first
 * when grouped) and its columns' lookups, and the group counts the records list shows. Only what
 * the analyst may read; a filter the server refuses says why instead.
 */
import { useEffect, useMemo, useState } from 'react';
import { useProblemMessage } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { previewRecords, type ViewDoc } from '../api/studioViews.js';
import type { CrmRecord, SortSpec } from '../api/types.js';
import { cellValue, columnLabel, expansions, resolveColumns } from '../records/columns.js';
import { displayValue, findField } from '../records/fields.js';
import { FieldValue } from '../records/FieldValue.js';
import { groupedRows, GroupHeadRow, useGroupCounts } from '../records/grouping.js';
import { useViewsI18n } from './messages.js';

const PREVIEW_ROWS = 10;

export function ViewPreview({ doc }: { doc: ViewDoc }) {
  const { t, label, locale, formatNumber } = useViewsI18n();
  const metadata = useMetadata();
  const problemMessage = useProblemMessage();
  const entity = metadata.entity(doc.entity);
  const columns = useMemo(() => (entity ? resolveColumns(entity, doc.columns, metadata.entity) : []), [entity, doc.columns, metadata]);
  const groupField = entity && doc.groupBy ? findField(entity, doc.groupBy) : undefined;
  const counts = useGroupCounts(doc.entity, entity ? groupField : undefined, doc.filter as object | undefined);
  const [state, setState] = useState<{ items: CrmRecord[]; count?: number } | { error: unknown } | null>(null);

  useEffect(() => {
    if (!entity) return;
    const abort = new AbortController();
    const own: SortSpec[] = doc.sort ?? [];
    const sort = doc.groupBy ? [{ field: doc.groupBy, direction: 'asc' as const }, ...own.filter((s) => s.field !== doc.groupBy)] : own;
    const expand = [...new Set([...expansions(columns), ...(groupField?.kind === 'lookup' ? [groupField.name] : [])])];
    setState(null);
    previewRecords(doc.entity, { filter: doc.filter, sort, expand, limit: PREVIEW_ROWS }, abort.signal).then(
      (page) => setState({ items: page.items, count: page.count }),
      (error) => !abort.signal.aborted && setState({ error }),
    );
    return () => abort.abort();
    // Asked again in a new language: the server words a refused filter in the UI's language.
  }, [entity, doc, columns, groupField, locale]);

  if (!entity) return <p className="muted">{t('studioViews.previewNotPublished')}</p>;
  if (!state) return <p className="muted">{t('app.loading')}</p>;
  if ('error' in state) return <p className="banner banner-warn">{t('studioViews.previewUnavailable', { message: problemMessage(state.error) })}</p>;
  return (
    <>
      {state.count !== undefined && (
        <p className="muted" data-testid="preview-count">
          {t('studioViews.previewCount', { shown: formatNumber(state.items.length), count: formatNumber(state.count) })}
        </p>
      )}
      <div className="table-wrap">
        <table className="records" aria-label={t('studioViews.preview')}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {columnLabel(c, label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groupedRows(
              groupField,
              state.items,
              (r) => (
                <tr key={r.id}>
                  {columns.map((c, i) => (
                    <td key={c.key}>{i === 0 && c.key === entity.displayField ? displayValue(entity, r, locale) : <FieldValue field={c.field} value={cellValue(r, c)} />}</td>
                  ))}
                </tr>
              ),
              (r, key) => groupField && <GroupHeadRow field={groupField} record={r} count={counts?.get(key)} span={columns.length} />,
            )}
          </tbody>
        </table>
      </div>
      {state.items.length === 0 && <p className="muted">{t('studioViews.previewEmpty')}</p>}
    </>
  );
}
