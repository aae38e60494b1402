/**
 * One view of the draft: labels, columns, filter, sort, grouping, board, defaults and the JSON of
 * the whole document, beside a live preview of its first records. Every change is checked by the
 * server as you go (POST …/check, nothing saved) and its issues shown at their controls; Save
 * writes the draft (409 on a stale revision offers Reload); Publish publishes the draft.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ProblemList } from '../app/ProblemList.js';
import { isApiError } from '../api/index.js';
import { checkDraftView, deleteDraftView, draftModel, getDraftView, publishDraft, saveDraftView, type RoleDoc, type ViewDoc, type ViewIssue } from '../api/studioViews.js';
import type { EntityMeta } from '../api/types.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { failed, msg, useSay, type Message } from '../app/message.js';
import { Link, navigate, useQueryParam } from '../app/router.js';
import { ConditionEditor, conditionDraft, conditionJson, type ConditionDraft } from '../studio-admin/ConditionEditor.js';
import { FieldMessages } from '../studio-admin/errors.js';
import { columnChoices, entityMetaOf, issueErrors } from './model.js';
import { DefaultsEditor, GroupingEditor, SortEditor } from './OptionsEditor.js';
import { ColumnsEditor } from './ColumnsEditor.js';
import { ViewPreview } from './ViewPreview.js';
import { useViewsI18n, type ViewsKey } from './messages.js';

const CHECK_DELAY_MS = 400;
const ROW_PATH = /^\/filter\/and\/(\d+)\/(?:field|op|value)$/;

interface Loaded {
  revision: number;
  doc: ViewDoc;
  saved: string | null;
  entities: EntityMeta[];
  roles: RoleDoc[];
}

async function load(name: string, entity: string | null): Promise<Loaded & { issues: ViewIssue[] }> {
  const model = await draftModel();
  const entities = model.entities.map(entityMetaOf);
  try {
    const view = await getDraftView(name);
    return { revision: view.revision, doc: view.document, saved: JSON.stringify(view.document), issues: view.issues, entities, roles: model.roles };
  } catch (e) {
    const meta = entities.find((x) => x.name === entity);
    if (!isApiError(e) || e.status !== 404 || !meta) throw e;
    const doc: ViewDoc = { 'x-crm-view': name, entity: meta.name, label: { 'zh-CN': '', en: '' }, columns: [meta.displayField] };
    return { revision: model.revision, doc, saved: null, issues: [], entities, roles: model.roles };
  }
}

export function ViewEditor({ name }: { name: string }) {
  const entityParam = useQueryParam('entity');
  const [state, setState] = useState<Loaded | null>(null);
  const [issues, setIssues] = useState<ViewIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  // What the last action did: kept here, as the editor below starts afresh when the draft is reloaded.
  const [status, setStatus] = useState<Message<ViewsKey>>('');
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => {
    setError(null);
    load(name, entityParam).then(
      ({ issues: found, ...loaded }) => {
        setState(loaded);
        setIssues(found);
        setGeneration((g) => g + 1);
      },
      (e) => setError(e),
    );
  }, [name, entityParam]);
  useEffect(reload, [reload]);
  if (error && !state) return <ErrorBanner error={error} onRetry={reload} />;
  if (!state) return <Loading />;
  return <Editor key={generation} name={name} state={state} setState={setState} issues={issues} setIssues={setIssues} reload={reload} status={status} setStatus={setStatus} />;
}

function Editor(props: {
  name: string;
  state: Loaded;
  setState(s: Loaded): void;
  issues: ViewIssue[];
  setIssues(i: ViewIssue[]): void;
  reload(): void;
  status: Message<ViewsKey>;
  setStatus(s: Message<ViewsKey>): void;
}) {
  const { name, state, setState, issues, setIssues, reload, status, setStatus } = props;
  const { t, label, locale } = useViewsI18n();
  const say = useSay(t);
  const [doc, setDoc] = useState<ViewDoc>(state.doc);
  const [checked, setChecked] = useState<ViewDoc>(state.doc);
  const [condition, setCondition] = useState<ConditionDraft | null>(null);
  const [json, setJson] = useState<string | null>(null);
  /** The JSON the analyst applied cannot be read (the parser's words), or is not an object (no message): worded when shown. */
  const [jsonError, setJsonError] = useState<{ message?: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useRef<HTMLDivElement>(null);
  const entity = state.entities.find((e) => e.name === doc.entity);
  const entityByName = useCallback((n: string) => state.entities.find((e) => e.name === n), [state.entities]);
  const choices = useMemo(() => (entity ? columnChoices(entity, entityByName) : []), [entity, entityByName]);
  const errors = useMemo(() => issueErrors(issues), [issues]);
  const draft = condition ?? (entity ? conditionDraft(entity, doc.filter) : null);
  const dirty = JSON.stringify(doc) !== state.saved;

  // The server's judgement of the document as it is now, after a pause in the editing (nothing saved).
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      checkDraftView(name, doc, abort.signal).then(
        (r) => {
          setIssues(r.issues);
          setChecked(doc);
        },
        () => undefined,
      );
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
    // Checked again in a new language: the server words the problems in the UI's language.
  }, [name, doc, setIssues, locale]);

  const change = (next: ViewDoc) => {
    setDoc(next);
    setStatus('');
  };
  const changeFilter = (d: ConditionDraft) => {
    setCondition(d);
    if (!entity) return;
    const value = conditionJson(entity, d) as { and?: unknown[] };
    const next = { ...doc };
    if (Array.isArray(value.and) && value.and.length === 0) delete next.filter;
    else next.filter = value;
    change(next);
  };
  /** Issues focus their first control once the page shows them. */
  const focusFirstInvalid = () => requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    setStatus('');
    try {
      await work();
    } catch (e) {
      setFailure(e);
      // A publish refused for this view's problems: they show at their controls.
      const found = isApiError(e) && Array.isArray(e.problem.issues) ? (e.problem.issues as ViewIssue[]).filter((i) => i.kind === 'views' && i.document === name) : [];
      if (found.length) {
        setIssues(found);
        focusFirstInvalid();
      }
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const r = await saveDraftView(name, state.revision, doc);
      setIssues(r.issues);
      setState({ ...state, revision: r.revision, doc, saved: JSON.stringify(doc) });
      setStatus(r.issues.length ? msg('studioViews.savedWithIssues', { count: r.issues.length }) : msg('studioViews.saved'));
      if (r.issues.length) focusFirstInvalid();
    });
  const publish = () =>
    run(async () => {
      const r = await publishDraft(state.revision);
      setStatus(r.changed ? msg('studioViews.published', { version: r.version }) : msg('studioViews.unchanged'));
      reload();
    });
  const remove = () =>
    run(async () => {
      await deleteDraftView(name, state.revision);
      navigate('/studio/views');
    });
  const applyJson = () => {
    let parsed: ViewDoc;
    try {
      parsed = JSON.parse(json ?? '') as ViewDoc;
    } catch (e) {
      setJsonError({ message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setJsonError({});
      return;
    }
    setJsonError(null);
    setCondition(null);
    setJson(null);
    change(parsed);
  };
  const conflict = isApiError(failure) && failure.status === 409;
  // Issues of the filter that no row of the condition editor shows (a part it keeps as it is, a filter of another shape).
  const rowOf = (path: string) => Number(ROW_PATH.exec(path)?.[1] ?? -1) - (draft?.base.length ?? 0);
  const filterOther = issues.filter((i) => i.path.startsWith('/filter') && i.path !== '/filter' && i.path !== '/filter/and' && !(rowOf(i.path) >= 0 && rowOf(i.path) < (draft?.rows.length ?? 0)));

  return (
    <div className="studio-views">
      <p>
        <Link to="/studio/views">{t('studioViews.back')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('studioViews.editTitle', { name })}</h1>
      <p className="muted">{t('studioViews.entity', { entity: entity ? label(entity.label, entity.name) : doc.entity })}</p>
      <div className="sv-actions">
        <button type="button" className="btn btn-primary" disabled={busy || !dirty} onClick={() => void save()}>
          {busy ? t('studioViews.saving') : t('studioViews.save')}
        </button>
        <button type="button" className="btn" disabled={busy || dirty || state.saved === null} title={dirty ? t('studioViews.publishFirstSave') : undefined} onClick={() => void publish()}>
          {t('studioViews.publish')}
        </button>
        <Link to="/studio/model/publish">{t('studioViews.reviewPublish')}</Link>
        {state.saved !== null && (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirmDelete(true)}>
            {t('studioViews.delete')}
          </button>
        )}
        {dirty && <span className="muted">{t('studioViews.unsaved')}</span>}
      </div>
      {confirmDelete && (
        <div className="banner banner-warn" role="alertdialog" aria-label={t('studioViews.delete')}>
          <span>{t('studioViews.deleteConfirm', { name })}</span>{' '}
          <button type="button" className="btn btn-danger btn-small" onClick={() => void remove()}>
            {t('studioViews.delete')}
          </button>{' '}
          <button type="button" className="btn btn-small" onClick={() => setConfirmDelete(false)}>
            {t('form.cancel')}
          </button>
        </div>
      )}
      <p className="sv-status" role="status">
        {say(status)}
      </p>
      {conflict ? (
        <div className="banner banner-error" role="alert">
          {t('studioViews.conflict')}{' '}
          <button type="button" className="btn btn-small" onClick={reload}>
            {t('studioViews.reload')}
          </button>
        </div>
      ) : (
        failure !== null && (
          <div className="banner banner-error" role="alert">
            {t('studioViews.refused', { message: say(failed(failure)) })}
          </div>
        )
      )}
      {issues.length > 0 && (
        <div className="banner banner-warn" data-testid="view-issues">
          <strong>{t('studioViews.problems')}</strong>
          <ProblemList issues={issues} />
        </div>
      )}
      <div className="sv-split">
        <div ref={form}>
          <section aria-labelledby="sv-h-labels">
            <h2 id="sv-h-labels">{t('studioViews.labels')}</h2>
            {(['zh-CN', 'en'] as const).map((lang) => (
              <div className="field" key={lang}>
                <label className="field-label" htmlFor={`sv-label-${lang}`}>
                  {t(lang === 'en' ? 'studioViews.labelEn' : 'studioViews.labelZh')}
                </label>
                <input id={`sv-label-${lang}`} value={doc.label?.[lang] ?? ''} {...errors.control(`/label/${lang}`)} onChange={(e) => change({ ...doc, label: { ...doc.label, [lang]: e.target.value } })} />
                <FieldMessages errors={errors} path={`/label/${lang}`} />
              </div>
            ))}
            <FieldMessages errors={errors} path="/label" />
          </section>
          {entity ? (
            <>
              <section aria-labelledby="sv-h-columns">
                <h2 id="sv-h-columns">{t('studioViews.columns')}</h2>
                <p className="muted">{t('studioViews.columnsHelp')}</p>
                <ColumnsEditor entity={entity} choices={choices} columns={Array.isArray(doc.columns) ? doc.columns : []} onChange={(columns) => change({ ...doc, columns })} errors={errors} />
              </section>
              <section aria-labelledby="sv-h-filter">
                <h2 id="sv-h-filter">{t('studioViews.filter')}</h2>
                {draft && <ConditionEditor entity={entity} draft={draft} onChange={changeFilter} errors={errors} path="/filter" idPrefix="sv-filter" />}
                {filterOther.length > 0 && (
                  <ProblemList className="field-errors" issues={filterOther} />
                )}
              </section>
              <section aria-labelledby="sv-h-sort">
                <h2 id="sv-h-sort">{t('studioViews.sort')}</h2>
                <SortEditor entity={entity} doc={doc} onChange={change} errors={errors} />
              </section>
              <section aria-labelledby="sv-h-grouping">
                <h2 id="sv-h-grouping">{t('studioViews.grouping')}</h2>
                <GroupingEditor entity={entity} doc={doc} onChange={change} errors={errors} />
              </section>
              <section aria-labelledby="sv-h-defaults">
                <h2 id="sv-h-defaults">{t('studioViews.defaults')}</h2>
                <DefaultsEditor doc={doc} roles={state.roles} onChange={change} errors={errors} />
              </section>
            </>
          ) : (
            <p className="banner banner-error">{t('studioViews.unknownEntity', { entity: doc.entity })}</p>
          )}
          <section aria-labelledby="sv-h-json">
            <h2 id="sv-h-json">{t('studioViews.json')}</h2>
            <p className="muted">{t('studioViews.jsonHelp')}</p>
            <textarea
              className="sv-json"
              aria-label={t('studioViews.json')}
              spellCheck={false}
              value={json ?? JSON.stringify(doc, null, 2)}
              aria-invalid={jsonError ? true : undefined}
              aria-describedby={jsonError ? 'sv-json-error' : undefined}
              onChange={(e) => setJson(e.target.value)}
            />
            {jsonError && (
              <p className="field-errors" id="sv-json-error">
                {t('studioViews.invalidJson', { message: jsonError.message ?? t('studioViews.jsonNotObject') })}
              </p>
            )}
            <button type="button" className="btn btn-small" disabled={json === null} onClick={applyJson}>
              {t('studioViews.applyJson')}
            </button>
          </section>
        </div>
        <aside className="sv-preview" aria-labelledby="sv-h-preview">
          <h2 id="sv-h-preview">{t('studioViews.preview')}</h2>
          <p className="muted">{t('studioViews.previewHelp')}</p>
          <ViewPreview doc={checked} />
        </aside>
      </div>
    </div>
  );
}
