/** The sales funnel with conversion rates, and my pipeline — each stage opens its opportunities. */
import { useCallback, useMemo } from 'react';
import { salesFunnel, type Funnel, type FunnelStage } from '../api/dashboards.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, navigate } from '../app/router.js';
import { useDashboardsI18n } from './messages.js';
import { Card, listPath, useFormats, useLoad, valuesFilter } from './common.js';
import { Chart } from './Chart.js';

/** The list of the opportunities at `stage` (and of mine only, when `mine`), and its words. */
function useStageList(funnel: Funnel | null, mine: boolean) {
  const { t, label } = useDashboardsI18n();
  const { entity } = useMetadata();
  return useCallback(
    (stage: Pick<FunnelStage, 'value' | 'label'>) => {
      if (!funnel) return '';
      const field = entity(funnel.entity)?.fields.find((f) => f.name === funnel.field);
      const words = t('dashboards.filter.is', { field: label(field?.label, funnel.field), value: label(stage.label ?? undefined, stage.value) });
      const filter = valuesFilter(funnel.field, [stage.value]);
      return listPath(funnel.entity, mine ? `ownerId eq $me and ${filter}` : filter, mine ? `${t('dashboards.pipeline.title')} · ${words}` : words);
    },
    [funnel, mine, entity, t, label],
  );
}

export function FunnelCard() {
  const { t } = useDashboardsI18n();
  const loaded = useLoad(useCallback((signal: AbortSignal) => salesFunnel('all', signal), []));
  return (
    <Card id="funnel" title={t('dashboards.funnel.title')} loaded={loaded}>
      {(funnel) => <FunnelView funnel={funnel} />}
    </Card>
  );
}

function FunnelView({ funnel }: { funnel: Funnel }) {
  const { t, label } = useDashboardsI18n();
  const f = useFormats();
  const listOf = useStageList(funnel, false);
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const s = funnel.stages[p.dataIndex]!;
          return `${label(s.label ?? undefined, s.value)}<br/>${t('dashboards.count')}: ${f.count(s.count)}<br/>${t('dashboards.amount')}: ${f.money(s.amount)}<br/>${t('dashboards.funnel.reached')}: ${f.count(s.reached)}<br/>${t('dashboards.funnel.conversion')}: ${f.percent(s.conversion)}`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          top: 8,
          bottom: 8,
          left: '8%',
          width: '84%',
          // Wide enough for the longest label inside a stage nobody reached ("Negotiation  0 · 0%"): narrower, labels overlap.
          minSize: '42%',
          gap: 2,
          label: {
            position: 'inside',
            formatter: (p: { dataIndex: number }) => {
              const s = funnel.stages[p.dataIndex]!;
              return `${label(s.label ?? undefined, s.value)}  ${f.count(s.reached)}${s.conversion === null ? '' : ` · ${f.percent(s.conversion)}`}`;
            },
          },
          data: funnel.stages.map((s) => ({ name: label(s.label ?? undefined, s.value), value: s.reached })),
        },
      ],
    }),
    [funnel, label, t, f],
  );
  return (
    <>
      <p className="muted">
        {t('dashboards.funnel.summary', { count: f.count(funnel.total.count), amount: f.money(funnel.total.amount), weighted: f.money(funnel.total.weighted) })}
      </p>
      <Chart option={option} label={t('dashboards.funnel.title')} height={Math.max(160, funnel.stages.length * 56)} onClick={({ dataIndex }) => navigate(listOf(funnel.stages[dataIndex]!))} />
      <StageTable funnel={funnel} listOf={listOf} withFunnel />
    </>
  );
}

function StageTable({ funnel, listOf, withFunnel }: { funnel: Funnel; listOf(stage: Pick<FunnelStage, 'value' | 'label'>): string; withFunnel: boolean }) {
  const { t, label } = useDashboardsI18n();
  const f = useFormats();
  const rows = [...funnel.stages, ...funnel.lost.map((s) => ({ ...s, reached: null, conversion: null }))];
  return (
    <div className="table-wrap">
      <table className="dash-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboards.stage')}</th>
            <th scope="col">{t('dashboards.count')}</th>
            <th scope="col">{t('dashboards.amount')}</th>
            {withFunnel && <th scope="col">{t('dashboards.funnel.reached')}</th>}
            {withFunnel && <th scope="col">{t('dashboards.funnel.conversion')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.value} data-stage={s.value}>
              <th scope="row">
                <Link to={listOf(s)}>{label(s.label ?? undefined, s.value)}</Link> <span className="muted">{f.percent(s.probability / 100)}</span>
              </th>
              <td className="num">{f.count(s.count)}</td>
              <td className="num">{f.money(s.amount)}</td>
              {withFunnel && <td className="num">{s.reached === null ? '—' : f.count(s.reached)}</td>}
              {withFunnel && <td className="num">{f.percent(s.conversion)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PipelineCard() {
  const { t } = useDashboardsI18n();
  const loaded = useLoad(useCallback((signal: AbortSignal) => salesFunnel('mine', signal), []));
  return (
    <Card id="pipeline" title={t('dashboards.pipeline.title')} loaded={loaded}>
      {(funnel) => (funnel.total.count === 0 ? <p className="muted">{t('dashboards.pipeline.empty')}</p> : <PipelineView funnel={funnel} />)}
    </Card>
  );
}

function PipelineView({ funnel }: { funnel: Funnel }) {
  const { t, label } = useDashboardsI18n();
  const f = useFormats();
  const listOf = useStageList(funnel, true);
  const stages = useMemo(() => [...funnel.stages, ...funnel.lost], [funnel]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.money(v) },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: stages.map((s) => label(s.label ?? undefined, s.value)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.compact(v) } },
      series: [
        {
          type: 'bar',
          name: t('dashboards.amount'),
          data: stages.map((s) => s.amount),
          label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => f.count(stages[p.dataIndex]!.count) },
          itemStyle: { color: '#1f6feb' },
        },
      ],
    }),
    [stages, label, t, f],
  );
  return (
    <>
      <p className="muted">
        {t('dashboards.funnel.summary', { count: f.count(funnel.total.count), amount: f.money(funnel.total.amount), weighted: f.money(funnel.total.weighted) })}
      </p>
      <Chart option={option} label={t('dashboards.pipeline.title')} height={240} onClick={({ dataIndex }) => navigate(listOf(stages[dataIndex]!))} />
      <StageTable funnel={funnel} listOf={listOf} withFunnel={false} />
    </>
  );
}
