/**
 * The studio's process list (/studio/processes): every deployed process with its versions, newest
 * first, and the instances running on each; each version opens (the latest in the modeler).
 */
import { useEffect, useState } from 'react';
import { NEW_PROCESS_PATH, studioProcesses, studioProcessPath, type StudioProcess } from '../api/studioProcess.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link } from '../app/router.js';
import { useStudioProcessT } from './messages.js';
import './studio-process.css';

export default function ProcessListPage() {
  const t = useStudioProcessT();
  const [items, setItems] = useState<StudioProcess[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    studioProcesses(controller.signal).then(
      (r) => setItems(r.items),
      (e) => !controller.signal.aborted && setError(e),
    );
    return () => controller.abort();
  }, []);

  if (error !== null) return <ErrorBanner error={error} />;
  if (!items) return <Loading />;
  return (
    <section className="studio-process" aria-labelledby="sp-title">
      <div className="page-head">
        <h1 id="sp-title">{t('studioProcess.title')}</h1>
        <Link className="btn btn-primary" to={NEW_PROCESS_PATH}>
          {t('studioProcess.new.open')}
        </Link>
      </div>
      <p className="muted">{t('studioProcess.intro')}</p>
      {items.length === 0 && <p>{t('studioProcess.empty')}</p>}
      <ul className="sp-list">
        {items.map((p) => {
          const name = p.name ?? p.key;
          return (
            <li key={p.key} className="sp-card" data-testid={`process-${p.key}`}>
              <h2>
                <Link to={studioProcessPath(p.key, p.latestVersion)}>{name}</Link>
              </h2>
              <p className="muted">
                {t('studioProcess.key')}: <code>{p.key}</code> · {t('studioProcess.runningCount', { count: p.running })}
              </p>
              <table className="sp-versions">
                <caption className="sp-sr-only">{t('studioProcess.versions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('studioProcess.versions')}</th>
                    <th scope="col">{t('studioProcess.running')}</th>
                    <th scope="col">
                      <span className="sp-sr-only">{t('studioProcess.open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...p.versions].reverse().map((v) => (
                    <tr key={v.id} data-testid={`version-${p.key}-${v.version}`}>
                      <td>
                        {t('studioProcess.version', { version: v.version })}
                        {v.version === p.latestVersion && <span className="chip sp-latest">{t('studioProcess.latest')}</span>}
                      </td>
                      <td data-testid="running">{v.running}</td>
                      <td>
                        <Link to={studioProcessPath(p.key, v.version)} aria-label={t('studioProcess.openVersion', { version: v.version, name })}>
                          {t('studioProcess.open')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
