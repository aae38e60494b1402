/**
 * The process view (/process/:instanceId): one process instance's diagram with what is completed,
 * active and failed marked, the timeline of who did what, its incidents and open tasks. The server
 * decides whether the user may see it (GET /api/process-instances/:id answers 404 otherwise).
 */
import { useEffect, useMemo, useState } from 'react';
import { processInstanceView, processName, type ProcessActivity, type ProcessView } from '../api/process.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link, recordsPath } from '../app/router.js';
import { useProcessViewI18n, type ProcessViewKey } from './messages.js';
import { OpenTasks, PROCESS_STATES, When } from '../records/ProcessesSection.js';
import { BpmnDiagram, type DiagramMarks } from './BpmnDiagram.js';
import './process.css';

export default function ProcessPage({ instanceId }: { instanceId: string }) {
  const [view, setView] = useState<ProcessView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    setError(null);
    processInstanceView(instanceId, controller.signal).then(setView, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [instanceId]);

  if (error !== null) return <ErrorBanner error={error} />;
  if (!view) return <Loading />;
  return <ProcessInstanceView view={view} />;
}

function ProcessInstanceView({ view }: { view: ProcessView }) {
  const { t } = useProcessViewI18n();
  const name = processName(view);
  const marks = useMemo<DiagramMarks>(
    () => ({
      done: view.activities.filter((a) => a.endTime !== null && !a.canceled).map((a) => a.activityId),
      active: view.activeActivityIds,
      incident: view.incidents.flatMap((i) => (i.activityId ? [i.activityId] : [])),
    }),
    [view],
  );
  const activeNames = view.activeActivityIds.map((id) => view.activities.find((a) => a.activityId === id && a.endTime === null)?.activityName || id);
  return (
    <section className="process-view" aria-labelledby="process-view-title">
      <div className="page-head">
        <div>
          <h1 id="process-view-title">{name}</h1>
          <p className="pv-meta">
            <span className={`chip state-${view.state.toLowerCase()}`} data-testid="process-state">
              {PROCESS_STATES[view.state] ? t(PROCESS_STATES[view.state]!) : view.state}
            </span>
            {view.processDefinitionVersion !== null && <span className="muted">{t('processView.version', { version: view.processDefinitionVersion })}</span>}
            <span className="muted">
              {t('process.started')} <When at={view.startTime} />
            </span>
            {view.endTime && (
              <span className="muted">
                {t('process.ended')} <When at={view.endTime} />
              </span>
            )}
            {view.record && (
              <span>
                {t('processView.record')}: <Link to={recordsPath(view.record.entity, view.record.id)}>{view.record.display}</Link>
              </span>
            )}
          </p>
          {activeNames.length > 0 && (
            <p className="pv-active-now" data-testid="active-now">
              {t('processView.activeNow', { activities: activeNames.join(', ') })}
            </p>
          )}
        </div>
      </div>
      <section className="pv-panel" aria-label={t('processView.diagram')}>
        {view.bpmnXml ? <BpmnDiagram xml={view.bpmnXml} marks={marks} /> : <p className="banner banner-warn">{t('processView.diagramUnavailable')}</p>}
      </section>
      <Incidents view={view} />
      {view.tasks.length > 0 && (
        <section className="pv-panel" aria-label={t('process.openTasks')}>
          <OpenTasks tasks={view.tasks} assignee={(id) => view.users[id] ?? id} />
        </section>
      )}
      <Timeline view={view} />
    </section>
  );
}

function Incidents({ view }: { view: ProcessView }) {
  const { t } = useProcessViewI18n();
  if (view.incidents.length === 0) return null;
  return (
    <section className="pv-panel" aria-labelledby="pv-incidents-title">
      <h2 id="pv-incidents-title">{t('processView.incidents', { count: view.incidents.length })}</h2>
      <ul className="pv-incidents">
        {view.incidents.map((i) => (
          <li key={i.id} className="banner banner-error">
            <strong>{view.activities.find((a) => a.activityId === i.activityId)?.activityName || i.activityId}</strong> · {i.type} · <When at={i.timestamp} />
            {i.message && <div className="mono">{i.message}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function statusOf(a: ProcessActivity): 'done' | 'active' | 'canceled' {
  return a.canceled ? 'canceled' : a.endTime === null ? 'active' : 'done';
}

function Timeline({ view }: { view: ProcessView }) {
  const { t } = useProcessViewI18n();
  const label: Record<ReturnType<typeof statusOf>, ProcessViewKey> = {
    done: 'processView.status.done',
    active: 'processView.status.active',
    canceled: 'processView.status.canceled',
  };
  return (
    <section className="pv-panel" aria-labelledby="pv-timeline-title">
      <h2 id="pv-timeline-title">{t('processView.timeline')}</h2>
      <ol className="pv-timeline" aria-labelledby="pv-timeline-title">
        {view.activities.map((a) => {
          const status = statusOf(a);
          return (
            <li key={a.id} className={`pv-step pv-step-${status}`} data-activity={a.activityId}>
              <span className="pv-when">
                <When at={a.startTime} />
              </span>
              <span className="pv-what">
                <strong>{a.activityName || a.activityId}</strong> <span className="muted">{a.activityType}</span>
              </span>
              <span className="pv-who">{a.assignee ? view.users[a.assignee] ?? a.assignee : ''}</span>
              <span className={`chip pv-status-${status}`}>
                {t(label[status])}
                {a.endTime && (
                  <>
                    {' · '}
                    <When at={a.endTime} />
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
