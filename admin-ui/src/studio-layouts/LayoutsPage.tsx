/**
 * Studio → UI layouts (/studio/layouts): the draft's layout documents (layouts/<name>.json) — pick
 * one or start one, edit its roles, menu, home widgets and record pages; every change is checked
 * in the draft's context without saving, Save writes it to the draft; publishing is the draft's
 * (Studio → Entity designer → Validate and publish). docs/studio.md "UI layouts".
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ProblemList } from '../app/ProblemList.js';
import { isApiError } from '../api/index.js';
import { checkDraftLayout, deleteDraftLayout, layoutChoices, listDraftLayouts, saveDraftLayout, type LayoutChoices, type LayoutDoc, type LayoutIssue } from '../api/uiLayouts.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { msg, useSay, type Message } from '../app/message.js';
import { Link } from '../app/router.js';
import { IssuesContext, IssueText, useIssueProps } from './issues.js';
import { HomeEditor, LabelInputs, NavigationEditor } from './ListEditors.js';
import { useLayoutsI18n, type LayoutsKey } from './messages.js';
import { RecordsEditor } from './RecordsEditor.js';
import './studio-layouts.css';

const NAME = /^[a-z][a-zA-Z0-9-]{0,63}$/;

export default function LayoutsPage() {
  const { t } = useLayoutsI18n();
  const [state, setState] = useState<{ revision: number; names: string[]; docs: Record<string, LayoutDoc>; choices: LayoutChoices } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const load = useCallback(async (select?: string) => {
    setError(null);
    try {
      const [list, choices] = await Promise.all([listDraftLayouts(), layoutChoices()]);
      setState({ revision: list.revision, names: list.items.map((i) => i.name), docs: Object.fromEntries(list.items.map((i) => [i.name, i.document])), choices });
      if (select !== undefined) setName(select);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => void load(), [load]);
  if (error && !state) return <ErrorBanner error={error} />;
  if (!state) return <Loading />;
  const create = () => {
    if (!NAME.test(newName)) return;
    setState({ ...state, docs: { ...state.docs, [newName]: state.docs[newName] ?? { roles: [] } } });
    setName(newName);
    setNewName('');
  };
  return (
    <section className="studio-layouts" aria-labelledby="sl-title">
      <div className="page-head">
        <h1 id="sl-title">{t('studioLayouts.title')}</h1>
        <p className="muted">{t('studioLayouts.intro')}</p>
        <Link to="/studio/model/publish">{t('studioLayouts.publish')}</Link>
      </div>
      <nav aria-label={t('studioLayouts.documents')} className="sl-docs">
        {state.names.length === 0 && <p className="muted">{t('studioLayouts.none')}</p>}
        <ul>
          {state.names.map((n) => (
            <li key={n}>
              <button type="button" className="btn btn-small" aria-pressed={n === name} onClick={() => setName(n)}>
                {n}
              </button>
            </li>
          ))}
        </ul>
        <div className="sl-row">
          <label className="field">
            <span className="field-label">{t('studioLayouts.newName')}</span>
            <input className="mono" value={newName} aria-describedby="sl-new-help" onChange={(e) => setNewName(e.target.value.trim())} onKeyDown={(e) => e.key === 'Enter' && create()} />
            <small id="sl-new-help" className="muted">
              {t('studioLayouts.newNameHelp')}
            </small>
          </label>
          <button type="button" className="btn btn-small" disabled={!NAME.test(newName)} onClick={create}>
            {t('studioLayouts.create')}
          </button>
        </div>
      </nav>
      {name && state.docs[name] && (
        <LayoutEditor key={`${name}@${state.revision}`} name={name} initial={state.docs[name]!} revision={state.revision} choices={state.choices} onSaved={() => load(name)} onRemoved={() => load('')} />
      )}
    </section>
  );
}

function LayoutEditor(props: { name: string; initial: LayoutDoc; revision: number; choices: LayoutChoices; onSaved(): void; onRemoved(): void }) {
  const { name, revision, choices } = props;
  const { t, label, locale } = useLayoutsI18n();
  const say = useSay(t);
  const [doc, setDoc] = useState<LayoutDoc>(props.initial);
  const [issues, setIssues] = useState<LayoutIssue[]>([]);
  const [status, setStatus] = useState<Message<LayoutsKey>>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const edited = useRef(false);
  const change = (next: LayoutDoc) => {
    edited.current = true;
    setStatus('');
    setDoc(next);
  };
  // Checked as it is edited (in the draft's context, nothing saved); the first check shows the saved document's problems.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => checkDraftLayout(name, doc, controller.signal).then((r) => setIssues(r.issues), () => undefined), edited.current ? 400 : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // Checked again in a new language: the server words the problems in the UI's language.
  }, [name, doc, locale]);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await saveDraftLayout(name, revision, doc);
      setIssues(saved.issues);
      setStatus(saved.issues.length ? msg('studioLayouts.savedWithIssues') : msg('studioLayouts.saved', { revision: saved.revision }));
      edited.current = false;
      props.onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    try {
      await deleteDraftLayout(name, revision);
      props.onRemoved();
    } catch (e) {
      setError(e);
    }
  };
  const rolesProps = useIssueProps('/roles');
  return (
    <IssuesContext.Provider value={issues}>
      <form
        className="sl-editor"
        aria-label={t('studioLayouts.editing', { name })}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{t('studioLayouts.editing', { name })}</h2>
        <div className="sl-row">
          <LabelInputs value={doc.label} at="" onChange={(l) => change(withOptional(doc, 'label', l))} />
        </div>
        <fieldset>
          <legend>{t('studioLayouts.roles')}</legend>
          <p className="muted">{t('studioLayouts.rolesHelp')}</p>
          <div className="sm-checks" role="group" aria-label={t('studioLayouts.roles')} {...rolesProps}>
            {[...choices.roles, ...doc.roles.filter((r) => !choices.roles.some((c) => c.key === r)).map((key) => ({ key, label: undefined }))].map((r) => {
              const i = doc.roles.indexOf(r.key);
              return (
                <RoleBox key={r.key} at={i >= 0 ? `/roles/${i}` : ''} text={label(r.label, r.key)} checked={i >= 0} onChange={(on) => change({ ...doc, roles: on ? [...doc.roles, r.key] : doc.roles.filter((x) => x !== r.key) })} />
              );
            })}
          </div>
          <IssueText path="/roles" below />
          <label>
            <input type="checkbox" checked={doc.default === true} {...useIssueProps('/default')} onChange={(e) => change(withOptional(doc, 'default', e.target.checked || undefined))} /> {t('studioLayouts.default')}
          </label>
          <IssueText path="/default" />
        </fieldset>
        <fieldset>
          <legend>{t('studioLayouts.navigation')}</legend>
          <label>
            <input type="checkbox" checked={doc.navigation !== undefined} onChange={(e) => change(withOptional(doc, 'navigation', e.target.checked ? [{ area: 'inbox' }] : undefined))} /> {t('studioLayouts.navigation.use')}
          </label>
          {doc.navigation && <NavigationEditor value={doc.navigation} choices={choices} onChange={(navigation) => change({ ...doc, navigation })} />}
          <IssueText path="/navigation" />
        </fieldset>
        <fieldset>
          <legend>{t('studioLayouts.home')}</legend>
          <label>
            <input type="checkbox" checked={doc.home !== undefined} onChange={(e) => change(withOptional(doc, 'home', e.target.checked ? [{ widget: 'my-tasks' }] : undefined))} /> {t('studioLayouts.home.use')}
          </label>
          {doc.home && <HomeEditor value={doc.home} choices={choices} onChange={(home) => change({ ...doc, home })} />}
          <IssueText path="/home" />
        </fieldset>
        <fieldset>
          <legend>{t('studioLayouts.recordPages')}</legend>
          <RecordsEditor value={doc.records ?? {}} choices={choices} onChange={(records) => change(withOptional(doc, 'records', Object.keys(records).length ? records : undefined))} />
        </fieldset>
        <div className="banner-slot" aria-live="polite">
          {issues.length > 0 ? (
            <div className="banner banner-error" role="alert">
              <span>{t('studioLayouts.problems')}</span>
              <ProblemList issues={issues} />
            </div>
          ) : (
            <p className="muted">{t('studioLayouts.valid')}</p>
          )}
          {status && <p role="status">{say(status)}</p>}
          {error !== null &&
            (isApiError(error) && error.status === 409 ? (
              <div className="banner banner-warn" role="alert">
                <span>{t('studioLayouts.conflict')}</span>
                <button type="button" className="btn btn-small" onClick={props.onSaved}>
                  {t('studioLayouts.reload')}
                </button>
              </div>
            ) : (
              <ErrorBanner error={error} />
            ))}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('studioLayouts.saving') : t('studioLayouts.save')}
          </button>
          <button type="button" className="btn" onClick={remove}>
            {t('studioLayouts.delete')}
          </button>
        </div>
      </form>
    </IssuesContext.Provider>
  );
}

function RoleBox({ at, text, checked, onChange }: { at: string; text: string; checked: boolean; onChange(on: boolean): void }) {
  const props = useIssueProps(at);
  return (
    <label className={props['aria-invalid'] ? 'field-invalid' : undefined}>
      <input type="checkbox" checked={checked} {...props} onChange={(e) => onChange(e.target.checked)} /> {text}
    </label>
  );
}

/** The document with `key` set, or removed when `value` is undefined (the file then has no such member). */
function withOptional<K extends keyof LayoutDoc>(doc: LayoutDoc, key: K, value: LayoutDoc[K] | undefined): LayoutDoc {
  const next = { ...doc };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
