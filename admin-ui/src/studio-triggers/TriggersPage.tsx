/**
 * The triggers editor (issue 8; docs/studio.md, "Triggers editor"): the triggers of the shared
 * metadata draft — record, events, action, enabled, the process's running instances and each
 * trigger's problems — and a form for a new one; one trigger opens in TriggerEditor. Publishing is
 * the draft's (the entity designer's "Validate and publish" page).
 */
import { useEffect, useState } from 'react';
import { listEntities, type EntityMeta } from '../api/index.js';
import { studioProcesses, type StudioProcess } from '../api/studioProcess.js';
import { listTriggers, type TriggerDoc, type TriggerItem } from '../api/studioTriggers.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link, navigate } from '../app/router.js';
import { useTriggersI18n } from './messages.js';
import { PUBLISH_PATH, TRIGGER_NAME, triggerPath } from './paths.js';
import { TriggerEditor } from './TriggerEditor.js';
import './studio-triggers.css';

/** "Start Deal handover" / "Correlate message x", the process by its name when deployed. */
function actionText(t: ReturnType<typeof useTriggersI18n>['t'], action: TriggerDoc['action'], processes: StudioProcess[]): string {
  if (action.type === 'correlate-message') return t('studioTriggers.action.correlate', { message: action.messageName ?? '' });
  const p = processes.find((x) => x.key === action.processKey);
  return t('studioTriggers.action.start', { process: p?.name ? `${p.name} (${p.key})` : (action.processKey ?? '') });
}

function TriggerList() {
  const { t, label, locale } = useTriggersI18n();
  const [items, setItems] = useState<TriggerItem[] | null>(null);
  const [entities, setEntities] = useState<EntityMeta[]>([]);
  const [processes, setProcesses] = useState<StudioProcess[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  useEffect(() => {
    const c = new AbortController();
    listTriggers(c.signal).then((l) => setItems(l.items), (e) => !c.signal.aborted && setError(e));
    // Labels and running counts are niceties: the list stands without them.
    listEntities().then(setEntities, () => undefined);
    studioProcesses(c.signal).then((p) => setProcesses(p.items), () => undefined);
    return () => c.abort();
  }, []);
  if (error) return <ErrorBanner error={error} />;
  if (!items) return <Loading />;
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    if (!TRIGGER_NAME.test(name)) return setNameError(t('studioTriggers.badName'));
    if (items.some((i) => i.name === name)) return setNameError(t('studioTriggers.exists'));
    navigate(`${triggerPath(name)}?new=1`);
  };
  const entityLabel = (name: string) => label(entities.find((e) => e.name === name)?.label, name);
  return (
    <div className="studio-triggers">
      <h1 tabIndex={-1}>{t('studioTriggers.title')}</h1>
      <p className="muted">{t('studioTriggers.hint')}</p>
      <p>
        <Link to={PUBLISH_PATH}>{t('studioTriggers.publishLink')}</Link>
      </p>
      {items.length === 0 ? (
        <p>{t('studioTriggers.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('studioTriggers.col.name')}</th>
                <th scope="col">{t('studioTriggers.col.entity')}</th>
                <th scope="col">{t('studioTriggers.col.events')}</th>
                <th scope="col">{t('studioTriggers.col.action')}</th>
                <th scope="col">{t('studioTriggers.col.enabled')}</th>
                <th scope="col" className="num">
                  {t('studioTriggers.col.running')}
                </th>
                <th scope="col">{t('studioTriggers.col.issues')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ name, document: d, issues }) => {
                const process = d.action?.type === 'start-process' ? processes.find((p) => p.key === d.action.processKey) : undefined;
                return (
                  <tr key={name}>
                    <td>
                      <Link to={triggerPath(name)}>{name}</Link>
                    </td>
                    <td>{entityLabel(d.entity)}</td>
                    <td>{(d.on ?? []).map((ev) => t(`studioTriggers.event.${ev}`)).join(locale === 'zh-CN' ? '、' : ', ')}</td>
                    <td>{d.action ? actionText(t, d.action, processes) : ''}</td>
                    <td>{d.enabled === false ? t('studioTriggers.no') : t('studioTriggers.yes')}</td>
                    <td className="num">{process ? process.running : ''}</td>
                    <td>{issues.length ? <span className="trg-bad">{t('studioTriggers.issueCount', { count: issues.length })}</span> : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form className="trg-new" onSubmit={create} noValidate>
        <h2>{t('studioTriggers.new')}</h2>
        <label htmlFor="trg-new-name">{t('studioTriggers.newName')}</label>
        <input id="trg-new-name" value={name} aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? 'trg-new-name-error' : undefined} onChange={(e) => (setName(e.target.value), setNameError(null))} />
        {nameError ? (
          <p id="trg-new-name-error" className="trg-bad" role="alert">
            {nameError}
          </p>
        ) : null}
        <button type="submit" className="btn">
          {t('studioTriggers.create')}
        </button>
      </form>
    </div>
  );
}

export default function TriggersPage({ name }: { name?: string }) {
  const isNew = typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('new');
  return name ? <TriggerEditor name={name} isNew={isNew} /> : <TriggerList />;
}
