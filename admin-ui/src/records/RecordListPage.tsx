/**
 * An entity's records: a view (declared, or one of the person's saved views) with its columns,
 * the person's filters and sort, quick search on the display field — as a table with "load more",
 * or as a board grouped by stage/state. The chosen view is kept in the address (`?view=`), so a
 * reload or a shared link opens the same list. A `?filter=` in the address (the records API's
 * text filter language; `&filterLabel=` says it in words) takes the place of the view's filter —
 * dashboards open the records behind a chart this way.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { listRecords, listViews, type CrmRecord, type EntityMeta, type SortSpec, type ViewMeta } from '../api/index.js';
import { listSavedViews, type SavedView } from '../api/workspace.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, recordsPath, useQueryParam } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { cellValue, chooseView, columnLabel, columnNames, expansions, resolveColumns, searchFilter, type Column } from './columns.js';
import { displayValue, findField } from './fields.js';
import { FieldValue } from './FieldValue.js';
import { ListControls } from './ListControls.js';
import { groupedRows, GroupHeadRow, useGroupCounts } from './grouping.js';
import { kanbanField, listSort, specFilter, specFromMetadataView, specFromSavedView, textFilterWith, type ListSpec } from './listSpec.js';
import { ViewPicker } from './ViewPicker.js';
import './records.css';

// The board and its drag-and-drop library (@dnd-kit) come only with a board view: they must not weigh on the entry chunk.
const KanbanBoard = lazy(() => import('./KanbanBoard.js').then((m) => ({ default: m.KanbanBoard })));

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

const viewParam = () => new URLSearchParams(window.location.search).get('view') ?? undefined;

/** Keep the chosen view in the address without a new history entry. */
function rememberView(key: string): void {
  const params = new URLSearchParams(window.location.search);
  if (key) params.set('view', key);
  else params.delete('view');
  const qs = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (qs ? `?${qs}` : ''));
}

export function RecordListPage({ entityName }: { entityName: string }) {
  const { entity } = useMetadata();
  const { t } = useI18n();
  const meta = entity(entityName);
  const [views, setViews] = useState<{ views: ViewMeta[]; defaultView?: string } | null>(null);
  const [saved, setSaved] = useState<SavedView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    listViews(entityName).then(setViews, (e) => {
      setLoadError(e);
      setViews({ views: [] });
    });
    listSavedViews(entityName).then(setSaved, (e) => {
      setLoadError(e);
      setSaved([]);
    });
  }, [entityName]);

  if (!meta) return <p className="muted">{t('app.notFound')}</p>;
  if (!views || !saved) return <Loading />;
  return (
    <>
      {loadError !== null && <ErrorBanner error={loadError} />}
      <RecordList entity={meta} views={views.views} defaultView={views.defaultView} saved={saved} setSaved={setSaved} />
    </>
  );
}

/** The address's view (the person's choice), else the role's or the entity's default view (columns.ts `chooseView`). */
function initialSpec(entity: EntityMeta, views: ViewMeta[], defaultView: string | undefined, saved: SavedView[]): ListSpec {
  const wanted = viewParam();
  const mine = wanted?.startsWith('s:') ? saved.find((v) => `s:${v.id}` === wanted) : undefined;
  if (mine) return specFromSavedView(entity, mine);
  const declared = wanted?.startsWith('v:') ? views.find((v) => `v:${v['x-crm-view']}` === wanted) : undefined;
  if (wanted === '') return specFromMetadataView(undefined);
  return specFromMetadataView(declared ?? chooseView(views, defaultView));
}

function RecordList(props: { entity: EntityMeta; views: ViewMeta[]; defaultView?: string; saved: SavedView[]; setSaved(saved: SavedView[]): void }) {
  const { entity, views, defaultView, saved, setSaved } = props;
  const { t, label } = useI18n();
  const metadata = useMetadata();
  const [spec, setSpec] = useState<ListSpec>(() => initialSpec(entity, views, defaultView, saved));
  const [query, setQuery] = useState('');
  const [appliedQuery, setAppliedQuery] = useState('');
  const [appliedSpec, setAppliedSpec] = useState(spec);

  useEffect(() => rememberView(spec.key), [spec.key]);
  // Typing in a filter value or the search box waits for a pause before the list is asked again.
  useEffect(() => {
    const timer = setTimeout(() => {
      setAppliedQuery(query.trim());
      setAppliedSpec(spec);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, spec]);

  const select = (key: string) => {
    const mine = saved.find((v) => `s:${v.id}` === key);
    const declared = views.find((v) => `v:${v['x-crm-view']}` === key);
    const next = mine ? specFromSavedView(entity, mine) : specFromMetadataView(declared);
    setSpec(next);
    setAppliedSpec(next);
  };

  const declaredView = spec.key.startsWith('v:') ? views.find((v) => `v:${v['x-crm-view']}` === spec.key) : chooseView(views, defaultView);
  const columns = useMemo(
    () => resolveColumns(entity, spec.columns?.length ? spec.columns : columnNames(entity, declaredView), metadata.entity),
    [entity, spec.columns, declaredView, metadata],
  );
  // The board reloads its columns when what it reads changes: a new array each render reloaded it on
  // every render of this page, dropping a move being saved and the columns' "Show more" pages.
  const boardExpand = useMemo(() => expansions(columns), [columns]);
  const groupField = kanbanField(entity, views);
  const kanbanView = views.find((v) => v.kanban?.groupBy === groupField?.name);
  const urlFilter = useQueryParam('filter');
  const urlFilterLabel = useQueryParam('filterLabel');
  const filter = useMemo(
    () => searchFilter(entity.displayField, appliedQuery, urlFilter !== null ? textFilterWith(entity, urlFilter, appliedSpec.conditions) : specFilter(entity, appliedSpec)),
    [entity, appliedQuery, appliedSpec, urlFilter],
  );
  const searchField = findField(entity, entity.displayField);

  return (
    <section className="record-list">
      <div className="page-head">
        <h1>{label(entity.pluralLabel, entity.name)}</h1>
        <Link to={recordsPath(entity.name, 'new')} className="btn btn-primary">
          {t('list.new', { entity: label(entity.label, entity.name) })}
        </Link>
      </div>
      <ViewPicker
        entity={entity}
        views={views}
        saved={saved}
        spec={spec}
        onSelect={select}
        onSavedChange={(next, key) => {
          setSaved(next);
          const mine = next.find((v) => `s:${v.id}` === key);
          if (mine) setSpec(specFromSavedView(entity, mine));
          else if (!key) select('');
        }}
      />
      <ListControls entity={entity} spec={spec} onChange={setSpec} canKanban={groupField !== undefined} columns={columns} />
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={t('list.searchLabel')}
          placeholder={t('list.searchPlaceholder', { field: label(searchField?.label, entity.displayField) })}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {urlFilter !== null && (
        <p className="banner banner-info" data-testid="list-filter">
          {t('list.filtered', { filter: urlFilterLabel || urlFilter })} <Link to={recordsPath(entity.name)}>{t('list.clearFilter')}</Link>
        </p>
      )}
      {spec.mode === 'kanban' && groupField ? (
        <Suspense fallback={<Loading />}>
          <KanbanBoard
            entity={entity}
            field={groupField}
            filter={filter}
            columns={columns.filter((c) => c.key !== entity.displayField && c.key !== groupField.name).slice(0, 3)}
            expand={boardExpand}
            dragAllowed={kanbanView?.kanban?.dragAllowed !== false}
          />
        </Suspense>
      ) : (
        <RecordTable entity={entity} columns={columns} filter={filter} appliedQuery={appliedQuery} spec={spec} onSort={(sort) => setSpec({ ...spec, sort })} />
      )}
    </section>
  );
}

interface ListState {
  items: CrmRecord[];
  nextCursor: string | null;
  count?: number;
  /** The sort the items were read in: rows are grouped only once they come in the group's order. */
  sortKey: string;
}

function RecordTable(props: {
  entity: EntityMeta;
  columns: Column[];
  filter: string | object | undefined;
  appliedQuery: string;
  spec: ListSpec;
  onSort(sort: ListSpec['sort']): void;
}) {
  const { entity, columns, filter, appliedQuery, spec, onSort } = props;
  const { t, label, formatNumber, locale } = useI18n();
  const [list, setList] = useState<ListState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const primary = spec.sort[0];
  // A grouped view sorts by its group first (listSpec.ts listSort); the key keeps the list from reloading on equal sorts.
  const sortKey = JSON.stringify(listSort(spec));
  const groupField = spec.groupBy ? findField(entity, spec.groupBy) : undefined;
  const counts = useGroupCounts(entity.name, groupField, filter);
  const expand = useMemo(() => [...new Set([...expansions(columns), ...(groupField?.kind === 'lookup' ? [groupField.name] : [])])], [columns, groupField]);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = cursor ? generation.current : ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await listRecords(entity.name, { limit: PAGE_SIZE, cursor, sort: JSON.parse(sortKey) as SortSpec[], filter, expand, count: !cursor });
        if (mine !== generation.current) return;
        setList((prev) =>
          cursor && prev
            ? { ...prev, items: [...prev.items, ...page.items], nextCursor: page.nextCursor }
            : { items: page.items, nextCursor: page.nextCursor, count: page.count, sortKey },
        );
      } catch (e) {
        if (mine === generation.current) setError(e);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [entity, sortKey, filter, expand],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const linkColumn = columns.find((c) => c.key === entity.displayField) ?? columns[0];
  const sortable = (c: Column) => !c.via && c.field !== undefined && c.field.kind !== 'json';
  /** A column head's click makes its column the first sort key (ascending), then descending, then no key; the other keys stay after it. */
  const nextSort = (c: Column): ListSpec['sort'] => {
    const others = spec.sort.filter((s) => s.field !== c.key);
    if (primary?.field !== c.key) return [{ field: c.key, direction: 'asc' }, ...others];
    return primary.direction === 'asc' ? [{ field: c.key, direction: 'desc' }, ...others] : others;
  };

  return (
    <>
      {list?.count !== undefined && (
        <p className="muted" data-testid="record-count">
          {list.items.length < list.count
            ? t('list.showing', { shown: formatNumber(list.items.length), count: formatNumber(list.count) })
            : t('list.count', { count: formatNumber(list.count) })}
        </p>
      )}
      {error !== null && <ErrorBanner error={error} onRetry={() => void load(list?.nextCursor ?? null)} />}
      {!list && loading && <Loading />}
      {list && (
        <div className="table-wrap">
          <table className="records">
            <thead>
              <tr>
                {columns.map((c) => {
                  const name = columnLabel(c, label);
                  const sorted = primary?.field === c.key ? (primary.direction === 'asc' ? 'ascending' : 'descending') : undefined;
                  return (
                    <th key={c.key} scope="col" aria-sort={sorted} className={`kind-${c.field?.kind ?? 'text'}`}>
                      {sortable(c) ? (
                        <button type="button" className="th-sort" data-sorted={sorted} title={t('records.sort.by', { column: name })} onClick={() => onSort(nextSort(c))}>
                          {name}
                        </button>
                      ) : (
                        name
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {groupedRows(
                // until the list grouped just now is read again in its groups' order, its rows are not split into groups
                list.sortKey === sortKey ? groupField : undefined,
                list.items,
                (record) => (
                  <tr key={record.id}>
                    {columns.map((c) => (
                      <td key={c.key} className={`kind-${c.field?.kind ?? 'text'}`}>
                        {c === linkColumn ? (
                          <Link to={recordsPath(entity.name, record.id)}>{displayValue(entity, record, locale)}</Link>
                        ) : (
                          <FieldValue field={c.field} value={cellValue(record, c)} />
                        )}
                      </td>
                    ))}
                  </tr>
                ),
                (record, key) => groupField && <GroupHeadRow field={groupField} record={record} count={counts?.get(key)} span={columns.length} />,
              )}
            </tbody>
          </table>
          {list.items.length === 0 && <p className="empty muted">{appliedQuery ? t('list.noMatch', { query: appliedQuery }) : t('list.empty')}</p>}
        </div>
      )}
      {list?.nextCursor && (
        <div className="list-foot">
          <button type="button" className="btn" disabled={loading} onClick={() => void load(list.nextCursor)}>
            {loading ? t('app.loading') : t('list.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
