/**
 * The forecast roll-up person → department → company: the chart shows the current level's members
 * (pipeline, weighted forecast, won); a department opens its own level, a person their
 * opportunities (the stages the forecast weighs: above 0 %).
 */
import { useCallback, useMemo, useState } from 'react';
import { forecastRollUp, type ForecastNode } from '../api/dashboards.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, navigate } from '../app/router.js';
import { useDashboardsI18n } from './messages.js';
import { Card, listPath, useFormats, useLoad, valuesFilter } from './common.js';
import { Chart } from './Chart.js';

const ENTITY = 'opportunity';
const STAGE = 'stage';

export function ForecastCard() {
  const { t } = useDashboardsI18n();
  const loaded = useLoad(useCallback((signal: AbortSignal) => forecastRollUp(signal), []));
  return (
    <Card id="forecast" title={t('dashboards.forecast.title')} loaded={loaded}>
      {(company) => (company.children.length === 0 ? <p className="muted">{t('dashboards.forecast.empty')}</p> : <ForecastView company={company} />)}
    </Card>
  );
}

function useNodeName() {
  const { t } = useDashboardsI18n();
  return useCallback(
    (n: ForecastNode) => (n.kind === 'company' ? t('dashboards.forecast.company') : n.kind === 'unowned' ? t('dashboards.forecast.unowned') : n.name),
    [t],
  );
}

/** The opportunities a node sums: its owners' at the stages the forecast weighs. */
function useNodeList() {
  const { t } = useDashboardsI18n();
  const { entity } = useMetadata();
  const nameOf = useNodeName();
  const stages = useMemo(() => {
    const probabilities = entity(ENTITY)?.fields.find((f) => f.name === STAGE)?.enumProbabilities ?? {};
    return Object.keys(probabilities).filter((s) => probabilities[s]! > 0);
  }, [entity]);
  return useCallback(
    (n: ForecastNode) => {
      const parts = stages.length > 0 ? [valuesFilter(STAGE, stages)] : [];
      if (n.kind !== 'company') {
        const owners = n.ownerIds.filter((o): o is string => o !== null);
        const ownerParts = [...(owners.length > 0 ? [valuesFilter('ownerId', owners)] : []), ...(n.ownerIds.includes(null) ? ['ownerId isNull'] : [])];
        parts.push(ownerParts.length === 1 ? ownerParts[0]! : `(${ownerParts.join(' or ')})`);
      }
      return listPath(ENTITY, parts.join(' and '), `${t('dashboards.forecast.title')} · ${nameOf(n)}`);
    },
    [stages, t, nameOf],
  );
}

function ForecastView({ company }: { company: ForecastNode }) {
  const { t } = useDashboardsI18n();
  const f = useFormats();
  const nameOf = useNodeName();
  const listOf = useNodeList();
  const [path, setPath] = useState<ForecastNode[]>([company]);
  const current = path[path.length - 1]!;
  const open = (n: ForecastNode) => (n.kind === 'department' ? setPath([...path, n]) : navigate(listOf(n)));
  const option = useMemo(() => {
    const members = current.children;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => f.money(v) },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.compact(v) } },
      yAxis: { type: 'category', inverse: true, data: members.map(nameOf) },
      series: [
        { type: 'bar', name: t('dashboards.forecast.pipeline'), data: members.map((m) => m.pipeline), itemStyle: { color: '#a9c8f5' } },
        { type: 'bar', name: t('dashboards.forecast.weighted'), data: members.map((m) => m.weighted), itemStyle: { color: '#1f6feb' } },
        { type: 'bar', name: t('dashboards.forecast.won'), data: members.map((m) => m.won), itemStyle: { color: '#2e7d32' } },
      ],
    };
  }, [current, f, t, nameOf]);
  return (
    <>
      <nav className="dash-crumbs" aria-label={t('dashboards.forecast.title')}>
        {path.map((n, i) =>
          i === path.length - 1 ? (
            <strong key={n.id ?? 'company'} aria-current="location">
              {nameOf(n)}
            </strong>
          ) : (
            <button key={n.id ?? 'company'} type="button" className="link-button" onClick={() => setPath(path.slice(0, i + 1))} aria-label={t('dashboards.forecast.up', { name: nameOf(n) })}>
              {nameOf(n)}
            </button>
          ),
        )}
      </nav>
      <Chart
        option={option}
        label={`${t('dashboards.forecast.title')}: ${nameOf(current)}`}
        height={Math.max(180, 60 + current.children.length * 48)}
        onClick={({ dataIndex }) => open(current.children[dataIndex]!)}
      />
      <div className="table-wrap">
        <table className="dash-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboards.forecast.name')}</th>
              <th scope="col">{t('dashboards.forecast.open')}</th>
              <th scope="col">{t('dashboards.forecast.pipeline')}</th>
              <th scope="col">{t('dashboards.forecast.weighted')}</th>
              <th scope="col">{t('dashboards.forecast.won')}</th>
            </tr>
          </thead>
          <tbody>
            {current.children.map((n) => (
              <tr key={`${n.kind}:${n.id ?? ''}`} data-node={n.kind}>
                <th scope="row">
                  {n.kind === 'department' ? (
                    <button type="button" className="link-button" onClick={() => open(n)} aria-label={t('dashboards.forecast.down', { name: nameOf(n) })}>
                      {nameOf(n)} ›
                    </button>
                  ) : (
                    <Link to={listOf(n)}>{nameOf(n)}</Link>
                  )}
                </th>
                <Figures node={n} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">
                {t('dashboards.total')} · <Link to={listOf(current)}>{t('dashboards.openList')}</Link>
              </th>
              <Figures node={current} />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

function Figures({ node }: { node: ForecastNode }) {
  const f = useFormats();
  return (
    <>
      <td className="num">{f.count(node.count)}</td>
      <td className="num">{f.money(node.pipeline)}</td>
      <td className="num">{f.money(node.weighted)}</td>
      <td className="num">{f.money(node.won)}</td>
    </>
  );
}
