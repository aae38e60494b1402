/**
 * The home page: the widgets of the user's UI layout, in its order (the server left out those over
 * records the user may not read): the dashboards' cards, the first rows of the user's open tasks
 * or of a view. Each dashboard card comes with its own chunk, so a home without charts loads no echarts.
 */
import { lazy, Suspense, useCallback, type ComponentType } from 'react';
import { listRecords } from '../api/records.js';
import { listTasks, taskPath } from '../api/tasks.js';
import { listViews } from '../api/metadata.js';
import type { HomeWidget } from '../api/uiLayouts.js';
import { Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, recordsPath } from '../app/router.js';
import { useCurrentUser } from '../app/session.js';
import { Card, useLoad } from '../dashboards/common.js';
import '../dashboards/dashboards.css';
import { cellValue, columnLabel, expansions, resolveColumns } from '../records/columns.js';
import { displayValue } from '../records/fields.js';
import { FieldValue } from '../records/FieldValue.js';
import { useHomeI18n } from './messages.js';

const card = (load: () => Promise<Record<string, ComponentType>>, name: string) => lazy(() => load().then((m) => ({ default: m[name]! })));
const sales = () => import('../dashboards/SalesCards.js') as unknown as Promise<Record<string, ComponentType>>;
const work = () => import('../dashboards/WorkCards.js') as unknown as Promise<Record<string, ComponentType>>;
const CARDS: Record<string, ComponentType> = {
  funnel: card(sales, 'FunnelCard'),
  pipeline: card(sales, 'PipelineCard'),
  forecast: card(() => import('../dashboards/ForecastCard.js') as unknown as Promise<Record<string, ComponentType>>, 'ForecastCard'),
  'overdue-tasks': card(work, 'OverdueCard'),
  'service-requests': card(work, 'ServiceCard'),
};

export default function HomePage() {
  const { t } = useHomeI18n();
  const widgets = useCurrentUser().layout?.home ?? [];
  return (
    <section className="dashboards" aria-labelledby="home-title">
      <div className="page-head">
        <h1 id="home-title">{t('home.title')}</h1>
      </div>
      <div className="dash-grid">
        {widgets.map((w, i) => {
          const Known = CARDS[w.widget];
          return (
            <Suspense key={i} fallback={<Loading />}>
              {Known ? <Known /> : w.widget === 'my-tasks' ? <MyTasks widget={w} id={`home-${i}`} /> : <ViewRows widget={w} id={`home-${i}`} />}
            </Suspense>
          );
        })}
      </div>
    </section>
  );
}

/** How many of a view's columns a home widget shows. */
const COLUMNS = 4;

type Props = { widget: HomeWidget & { entity?: string }; id: string };

function MyTasks({ widget, id }: Props) {
  const { t, label, formatDateTime } = useHomeI18n();
  const loaded = useLoad(useCallback((signal: AbortSignal) => listTasks({ list: 'mine', sort: 'due' }, { limit: widget.rows ?? 5 }, signal), [widget.rows]));
  return (
    <Card id={id} title={widget.label ? label(widget.label) : t('home.myTasks')} loaded={loaded}>
      {(page) =>
        page.items.length === 0 ? (
          <p className="muted">{t('home.myTasks.empty')}</p>
        ) : (
          <ul className="home-list">
            {page.items.map((task) => (
              <li key={task.id}>
                <Link to={taskPath(task.id)}>{task.name || task.taskDefinitionKey}</Link>
                {task.record && <span className="muted"> · {task.record.display}</span>}
                {task.due && <span className="muted"> · {t('home.myTasks.due', { date: formatDateTime(task.due) })}</span>}
              </li>
            ))}
          </ul>
        )
      }
    </Card>
  );
}

/** A view's first rows as its list shows them: its filter, sort and first columns, lookups by their names. */
function ViewRows({ widget, id }: Props) {
  const { t, label, locale } = useHomeI18n();
  const entityName = widget.entity!;
  const { entity: entityOf } = useMetadata();
  const entity = entityOf(entityName);
  const loaded = useLoad(
    useCallback(
      async (signal: AbortSignal) => {
        const view = (await listViews(entityName)).views.find((v) => v['x-crm-view'] === widget.view);
        const columns = entity ? resolveColumns(entity, view?.columns ?? [], entityOf).slice(0, COLUMNS) : [];
        const page = await listRecords(entityName, { filter: view?.filter ?? undefined, sort: view?.sort, limit: widget.rows ?? 5, expand: expansions(columns) }, signal);
        return { view, columns, items: page.items };
      },
      [entityName, entity, entityOf, widget.view, widget.rows],
    ),
  );
  const title = widget.label ? label(widget.label) : loaded.state === 'done' && loaded.data.view ? label(loaded.data.view.label) : (widget.view ?? '');
  return (
    <Card id={id} title={title} loaded={loaded}>
      {({ columns, items }) => {
        const linkColumn = columns.find((c) => c.key === entity?.displayField) ?? columns[0];
        return (
          <>
            {items.length === 0 ? (
              <p className="muted">{t('home.view.empty')}</p>
            ) : (
              // Wide columns scroll inside the card instead of spilling out of it.
              <div className="table-wrap">
                <table className="data-table">
                  <thead>
                    <tr>
                      {columns.map((c) => (
                        <th key={c.key}>{columnLabel(c, label)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((r) => (
                      <tr key={r.id}>
                        {columns.map((c) => (
                          <td key={c.key}>
                            {c === linkColumn ? <Link to={recordsPath(entityName, r.id)}>{displayValue(entity, r, locale)}</Link> : <FieldValue field={c.field} value={cellValue(r, c)} />}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Link to={`${recordsPath(entityName)}?view=v:${encodeURIComponent(widget.view ?? '')}`}>{t('home.openList')}</Link>
          </>
        );
      }}
    </Card>
  );
}
