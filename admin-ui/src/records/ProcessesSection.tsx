/**
 * A record's process instances (GET /api/records/:entity/:id/processes): per instance its name,
 * state, start and end, open tasks, and — collapsed — its activity history. Nothing at all when the
 * record has none; the server decides what the user may see.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { recordProcesses, type RecordProcess } from '../api/index.js';
import { processName, processPath } from '../api/process.js';
import { ErrorBanner } from '../app/feedback.js';
import { Link } from '../app/router.js';
import { UserName } from '../app/session.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

/** The catalogue key of a process instance state (Camunda's historic states). */
export const PROCESS_STATES: Record<string, MessageKey> = {
  ACTIVE: 'process.state.ACTIVE',
  SUSPENDED: 'process.state.SUSPENDED',
  COMPLETED: 'process.state.COMPLETED',
  EXTERNALLY_TERMINATED: 'process.state.EXTERNALLY_TERMINATED',
  INTERNALLY_TERMINATED: 'process.state.INTERNALLY_TERMINATED',
};

export function ProcessesSection({ entityName, id, version }: { entityName: string; id: string; version: number }) {
  const { t } = useI18n();
  const [items, setItems] = useState<RecordProcess[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    recordProcesses(entityName, id, controller.signal).then(setItems, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [entityName, id, version]);

  if (error !== null) return <ErrorBanner error={error} />;
  if (!items || items.length === 0) return null;
  return (
    <section className="processes" aria-labelledby="processes-title">
      <h2 id="processes-title">{t('process.title')}</h2>
      {items.map((p) => (
        <ProcessInstance key={p.id} process={p} />
      ))}
    </section>
  );
}

function ProcessInstance({ process: p }: { process: RecordProcess }) {
  const { t } = useI18n();
  const name = processName(p);
  const state = PROCESS_STATES[p.state] ? t(PROCESS_STATES[p.state]!) : p.state;
  return (
    <article className="process" data-process={p.processDefinitionKey} aria-label={name}>
      <header className="process-head">
        <h3>{name}</h3>
        <span className={`chip state-${p.state.toLowerCase()}`} data-testid="process-state">
          {state}
        </span>
        <Link to={processPath(p.id)} className="btn btn-small" aria-label={t('processView.openLabel', { name })}>
          {t('processView.open')}
        </Link>
        <span className="muted">
          {t('process.started')} <When at={p.startTime} />
          {p.endTime && (
            <>
              {' · '}
              {t('process.ended')} <When at={p.endTime} />
            </>
          )}
        </span>
      </header>
      {p.tasks.length > 0 && <OpenTasks tasks={p.tasks} assignee={(id) => <UserName id={id} />} />}
      <details className="process-activities">
        <summary>{t('process.activities', { count: p.activities.length })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('process.activity')}</th>
              <th scope="col">{t('process.started')}</th>
              <th scope="col">{t('process.ended')}</th>
            </tr>
          </thead>
          <tbody>
            {p.activities.map((a) => (
              <tr key={a.id}>
                <td>{a.activityName || a.activityId}</td>
                <td>
                  <When at={a.startTime} />
                </td>
                <td>
                  <When at={a.endTime} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}

/** A process's open tasks: name, assignee (as `assignee` shows a user id) and due date. */
export function OpenTasks({ tasks, assignee }: { tasks: RecordProcess['tasks']; assignee(id: string): ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="process-tasks" aria-label={t('process.openTasks')}>
        <caption>{t('process.openTasks')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('process.task')}</th>
            <th scope="col">{t('process.assignee')}</th>
            <th scope="col">{t('process.due')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id}>
              <td>{task.name || task.taskDefinitionKey}</td>
              <td>{task.assignee ? assignee(task.assignee) : <span className="muted">{t('process.unassigned')}</span>}</td>
              <td>
                <When at={task.due} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function When({ at }: { at: string | null }) {
  const { formatDateTime } = useI18n();
  if (!at) return <span className="muted">—</span>;
  return <time dateTime={at}>{formatDateTime(at)}</time>;
}
