/**
 * Overdue tasks by process (a process opens its overdue tasks, each linked to its process view and
 * record), and service requests by dispatch state and SLA (a state opens its requests, the out-of-SLA
 * part the overdue ones).
 */
import { useCallback, useMemo, useState } from 'react';
import { overdueTasks, serviceRequestStates, type OverdueTasks, type ServiceRequestStates } from '../api/dashboards.js';
import { processPath } from '../api/process.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, navigate, recordsPath } from '../app/router.js';
import { useDashboardsI18n } from './messages.js';
import { When } from '../records/ProcessesSection.js';
import { Card, listPath, useFormats, useLoad, valuesFilter } from './common.js';
import { Chart } from './Chart.js';

export function OverdueCard() {
  const { t } = useDashboardsI18n();
  const loaded = useLoad(useCallback((signal: AbortSignal) => overdueTasks(signal), []));
  return (
    <Card id="overdue" title={t('dashboards.overdue.title')} loaded={loaded}>
      {(data) => (data.groups.length === 0 ? <p className="muted">{t('dashboards.overdue.none')}</p> : <OverdueView data={data} />)}
    </Card>
  );
}

function OverdueView({ data }: { data: OverdueTasks }) {
  const { t } = useDashboardsI18n();
  const f = useFormats();
  const [selected, setSelected] = useState<string | null>(null);
  const nameOf = useCallback((key: string) => data.groups.find((g) => g.processDefinitionKey === key)?.processDefinitionName || key, [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: data.groups.map((g) => nameOf(g.processDefinitionKey)) },
      series: [{ type: 'bar', name: t('dashboards.count'), data: data.groups.map((g) => g.count), itemStyle: { color: '#c62828' }, label: { show: true, position: 'right' } }],
    }),
    [data, t, nameOf],
  );
  const items = data.items.filter((i) => i.processDefinitionKey === selected);
  const total = data.groups.find((g) => g.processDefinitionKey === selected)?.count ?? 0;
  return (
    <>
      <Chart
        option={option}
        label={t('dashboards.overdue.title')}
        height={Math.max(140, 40 + data.groups.length * 44)}
        onClick={({ dataIndex }) => setSelected(data.groups[dataIndex]!.processDefinitionKey)}
      />
      <ul className="dash-choices">
        {data.groups.map((g) => (
          <li key={g.processDefinitionKey}>
            <button
              type="button"
              className={`btn btn-small${selected === g.processDefinitionKey ? ' btn-primary' : ''}`}
              aria-pressed={selected === g.processDefinitionKey}
              aria-label={t('dashboards.overdue.show', { process: nameOf(g.processDefinitionKey) })}
              onClick={() => setSelected(g.processDefinitionKey)}
            >
              {nameOf(g.processDefinitionKey)} · {f.count(g.count)}
            </button>
          </li>
        ))}
      </ul>
      {selected !== null && (
        <div className="table-wrap">
          <table className="dash-table" aria-label={t('dashboards.overdue.listTitle', { process: nameOf(selected) })}>
            <caption>{t('dashboards.overdue.listTitle', { process: nameOf(selected) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboards.overdue.task')}</th>
                <th scope="col">{t('dashboards.overdue.record')}</th>
                <th scope="col">{t('dashboards.overdue.due')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={processPath(i.processInstanceId)}>{i.name || i.id}</Link>
                  </td>
                  <td>{i.record ? <Link to={recordsPath(i.record.entity, i.record.id)}>{i.record.display}</Link> : <span className="muted">—</span>}</td>
                  <td>
                    <When at={i.due} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > items.length && <p className="muted">{t('dashboards.overdue.partial', { shown: f.count(items.length), count: f.count(total) })}</p>}
        </div>
      )}
    </>
  );
}

export function ServiceCard() {
  const { t } = useDashboardsI18n();
  const loaded = useLoad(useCallback((signal: AbortSignal) => serviceRequestStates(signal), []));
  return (
    <Card id="service" title={t('dashboards.service.title')} loaded={loaded}>
      {(data) => <ServiceView data={data} />}
    </Card>
  );
}

function ServiceView({ data }: { data: ServiceRequestStates }) {
  const { t, label } = useDashboardsI18n();
  const f = useFormats();
  const { entity } = useMetadata();
  const fieldLabel = label(entity(data.entity)?.fields.find((x) => x.name === data.field)?.label, data.field);
  const stateName = useCallback((s: ServiceRequestStates['states'][number]) => label(s.label ?? undefined, s.value), [label]);
  const inState = (s: ServiceRequestStates['states'][number]) =>
    listPath(data.entity, valuesFilter(data.field, [s.value]), t('dashboards.filter.is', { field: fieldLabel, value: stateName(s) }));
  const overdueIn = (s: ServiceRequestStates['states'][number]) =>
    listPath(data.entity, valuesFilter('id', s.overdueIds), t('dashboards.service.overdueIn', { state: stateName(s) }));
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.states.map(stateName), axisLabel: { interval: 0, rotate: data.states.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', stack: 'sla', name: t('dashboards.service.withinSla'), data: data.states.map((s) => s.count - s.overdue), itemStyle: { color: '#2e7d32' } },
        { type: 'bar', stack: 'sla', name: t('dashboards.service.outOfSla'), data: data.states.map((s) => s.overdue), itemStyle: { color: '#c62828' } },
      ],
    }),
    [data, t, stateName],
  );
  return (
    <>
      <Chart
        option={option}
        label={t('dashboards.service.title')}
        onClick={({ seriesIndex, dataIndex }) => {
          const s = data.states[dataIndex]!;
          navigate(seriesIndex === 1 && s.overdue > 0 ? overdueIn(s) : inState(s));
        }}
      />
      <div className="table-wrap">
        <table className="dash-table">
          <thead>
            <tr>
              <th scope="col">{fieldLabel}</th>
              <th scope="col">{t('dashboards.count')}</th>
              <th scope="col">{t('dashboards.service.outOfSla')}</th>
            </tr>
          </thead>
          <tbody>
            {data.states.map((s) => (
              <tr key={s.value} data-state={s.value}>
                <th scope="row">{s.count > 0 ? <Link to={inState(s)}>{stateName(s)}</Link> : stateName(s)}</th>
                <td className="num">{f.count(s.count)}</td>
                <td className="num">{s.overdue > 0 ? <Link to={overdueIn(s)}>{f.count(s.overdue)}</Link> : f.count(0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
