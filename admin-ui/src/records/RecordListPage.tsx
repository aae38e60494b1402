/**
 * A page of an entity's records: view columns, quick search on the display field, load more. A
 * `?filter=` in the URL (the records API's filter language; `&filterLabel=` says it in words) takes
 * the place of the view's filter — dashboards open the records behind a chart this way.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { listRecords, listViews, type CrmRecord, type EntityMeta, type ViewMeta } from '../api/index.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, recordsPath, useQueryParam } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { cellValue, chooseView, columnLabel, columnNames, expansions, resolveColumns, searchFilter } from './columns.js';
import { displayValue, findField } from './fields.js';
import { FieldValue } from './FieldValue.js';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

export function RecordListPage({ entityName }: { entityName: string }) {
  const { entity } = useMetadata();
  const { t } = useI18n();
  const meta = entity(entityName);
  const [views, setViews] = useState<ViewMeta[] | null>(null);
  const [viewsError, setViewsError] = useState<unknown>(null);

  useEffect(() => {
    listViews(entityName).then(setViews, (e) => {
      setViewsError(e);
      setViews([]);
    });
  }, [entityName]);

  if (!meta) return <p className="muted">{t('app.notFound')}</p>;
  if (!views) return <Loading />;
  return (
    <>
      {viewsError !== null && <ErrorBanner error={viewsError} />}
      <RecordTable entity={meta} view={chooseView(views)} />
    </>
  );
}

interface ListState {
  items: CrmRecord[];
  nextCursor: string | null;
  count?: number;
}

function RecordTable({ entity, view }: { entity: EntityMeta; view: ViewMeta | undefined }) {
  const { t, label, formatNumber } = useI18n();
  const metadata = useMetadata();
  const columns = useMemo(() => resolveColumns(entity, columnNames(entity, view), metadata.entity), [entity, view, metadata]);
  const urlFilter = useQueryParam('filter');
  const urlFilterLabel = useQueryParam('filterLabel');
  const [query, setQuery] = useState('');
  const [appliedQuery, setAppliedQuery] = useState('');
  const [list, setList] = useState<ListState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => setAppliedQuery(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = cursor ? generation.current : ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await listRecords(entity.name, {
          limit: PAGE_SIZE,
          cursor,
          sort: view?.sort,
          filter: searchFilter(entity.displayField, appliedQuery, urlFilter ?? view?.filter),
          expand: expansions(columns),
          count: !cursor,
        });
        if (mine !== generation.current) return;
        setList((prev) =>
          cursor && prev
            ? { items: [...prev.items, ...page.items], nextCursor: page.nextCursor, count: prev.count }
            : { items: page.items, nextCursor: page.nextCursor, count: page.count },
        );
      } catch (e) {
        if (mine === generation.current) setError(e);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [entity, view, columns, appliedQuery, urlFilter],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const entityLabel = label(entity.label, entity.name);
  const searchField = findField(entity, entity.displayField);
  const linkColumn = columns.find((c) => c.key === entity.displayField) ?? columns[0];

  return (
    <section className="record-list">
      <div className="page-head">
        <h1>{label(entity.pluralLabel, entity.name)}</h1>
        <Link to={recordsPath(entity.name, 'new')} className="btn btn-primary">
          {t('list.new', { entity: entityLabel })}
        </Link>
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={t('list.searchLabel')}
          placeholder={t('list.searchPlaceholder', { field: label(searchField?.label, entity.displayField) })}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {list?.count !== undefined && (
          <span className="muted" data-testid="record-count">
            {list.items.length < list.count
              ? t('list.showing', { shown: formatNumber(list.items.length), count: formatNumber(list.count) })
              : t('list.count', { count: formatNumber(list.count) })}
          </span>
        )}
      </div>
      {urlFilter !== null && (
        <p className="banner banner-info" data-testid="list-filter">
          {t('list.filtered', { filter: urlFilterLabel || urlFilter })}{' '}
          <Link to={recordsPath(entity.name)}>{t('list.clearFilter')}</Link>
        </p>
      )}
      {error !== null && <ErrorBanner error={error} onRetry={() => void load(list?.nextCursor ?? null)} />}
      {!list && loading && <Loading />}
      {list && (
        <div className="table-wrap">
          <table className="records">
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
              {list.items.map((record) => (
                <tr key={record.id}>
                  {columns.map((c) => (
                    <td key={c.key} className={`kind-${c.field?.kind ?? 'text'}`}>
                      {c === linkColumn ? (
                        <Link to={recordsPath(entity.name, record.id)}>{displayValue(entity, record) || record.id}</Link>
                      ) : (
                        <FieldValue field={c.field} value={cellValue(record, c)} />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {list.items.length === 0 && (
            <p className="empty muted">{appliedQuery ? t('list.noMatch', { query: appliedQuery }) : t('list.empty')}</p>
          )}
        </div>
      )}
      {list?.nextCursor && (
        <div className="list-foot">
          <button type="button" className="btn" disabled={loading} onClick={() => void load(list.nextCursor)}>
            {loading ? t('app.loading') : t('list.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
