/**
 * One process version (/studio/processes/:key/:version; without a version: the latest). The latest
 * opens in the modeler; an older one in a read-only viewer, with "Edit from this version" to load
 * it into the modeler (deploying it makes a new version). The modeler is a chunk of its own.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { studioForms, studioProcesses, studioProcessPath, studioProcessVersion, type RegisteredForm, type StudioProcess, type StudioProcessXml } from '../api/studioProcess.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link, navigate, useQueryParam } from '../app/router.js';
import { BpmnDiagram, type DiagramMarks } from '../process/BpmnDiagram.js';
import '../process/process.css';
import { useStudioProcessT } from './messages.js';
import './studio-process.css';

const ProcessModeler = lazy(() => import('./ProcessModeler.js'));
const NO_MARKS: DiagramMarks = { done: [], active: [], incident: [] };

interface Loaded {
  process: StudioProcess;
  version: StudioProcessXml;
  forms: RegisteredForm[];
}

export default function ProcessVersionPage({ processKey, version }: { processKey: string; version: number | null }) {
  const t = useStudioProcessT();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  // After a deploy the page opens the new version with ?deployed=<version>, to say so there.
  const deployedParam = useQueryParam('deployed');

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    (async () => {
      const [{ items }, forms] = await Promise.all([studioProcesses(signal), studioForms(signal)]);
      const process = items.find((p) => p.key === processKey);
      const wanted = version ?? process?.latestVersion ?? 1;
      const xml = await studioProcessVersion(processKey, wanted, signal); // 404 for an unknown key or version
      setLoaded({ process: process!, version: xml, forms: forms.items });
      setEditing(xml.version === process!.latestVersion);
    })().catch((e: unknown) => !signal.aborted && setError(e));
    return () => controller.abort();
  }, [processKey, version]);

  const onDeployed = useCallback((key: string, deployed: number) => navigate(`${studioProcessPath(key, deployed)}?deployed=${deployed}`), []);

  if (error !== null) return <ErrorBanner error={error} />;
  if (!loaded) return <Loading />;
  const { process, version: v } = loaded;
  const name = v.name ?? process.name ?? process.key;
  const latest = v.version === process.latestVersion;
  return (
    <section className="studio-process" aria-labelledby="sp-version-title">
      <p>
        <Link to={studioProcessPath()}>{t('studioProcess.back')}</Link>
      </p>
      <div className="page-head">
        <h1 id="sp-version-title" tabIndex={-1}>
          {name} · {t('studioProcess.version', { version: v.version })}
          {latest && <span className="chip sp-latest">{t('studioProcess.latest')}</span>}
        </h1>
        <p className="muted" data-testid="version-running">
          {t('studioProcess.runningCount', { count: v.running })}
        </p>
      </div>
      {deployedParam === String(v.version) && (
        <p className="banner banner-info" role="status" data-testid="deployed-note">
          {t('studioProcess.deployed', { version: v.version, name })}
        </p>
      )}
      {!editing && (
        <>
          <div className="banner banner-info sp-readonly">
            <span>{t('studioProcess.readOnly', { version: v.version })}</span>
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              {t('studioProcess.editFrom')}
            </button>
            <Link className="btn btn-small" to={studioProcessPath(process.key, process.latestVersion)}>
              {t('studioProcess.openLatest', { version: process.latestVersion })}
            </Link>
          </div>
          <BpmnDiagram xml={v.xml} marks={NO_MARKS} />
        </>
      )}
      {editing && (
        <Suspense fallback={<p role="status">{t('studioProcess.loading')}</p>}>
          <ProcessModeler xml={v.xml} target={{ processKey: process.key, newProcess: false }} forms={loaded.forms} processName={name} nextVersion={process.latestVersion + 1} onDeployed={onDeployed} />
        </Suspense>
      )}
    </section>
  );
}
