/**
 * The dashboards (/dashboards): the sales funnel, my pipeline, the forecast roll-up, overdue tasks
 * by process and service requests by dispatch state and SLA. Every number is the server's, counted
 * over what the user may read; every chart opens the list behind it. Loaded lazily with echarts.
 */
import { useDashboardsI18n } from './messages.js';
import './dashboards.css';
import { ForecastCard } from './ForecastCard.js';
import { FunnelCard, PipelineCard } from './SalesCards.js';
import { OverdueCard, ServiceCard } from './WorkCards.js';

export default function DashboardsPage() {
  const { t } = useDashboardsI18n();
  return (
    <section className="dashboards" aria-labelledby="dashboards-title">
      <div className="page-head">
        <h1 id="dashboards-title">{t('dashboards.title')}</h1>
        <p className="muted">{t('dashboards.hint')}</p>
      </div>
      <div className="dash-grid">
        <FunnelCard />
        <PipelineCard />
        <ForecastCard />
        <OverdueCard />
        <ServiceCard />
      </div>
    </section>
  );
}
