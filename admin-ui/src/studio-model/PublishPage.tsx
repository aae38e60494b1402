/**
 * Validate, preview and publish the draft. Publishing is offered only after a preview of the
 * current revision that the server can apply: the analyst sees every statement and the records it
 * touches (and existing duplicates that would block a unique rule) before confirming.
 */
import { useEffect, useState } from 'react';
import { isApiError } from '../api/index.js';
import { draftDiff, previewDraft, publishDraft, validateDraft, type DocumentDiff, type DraftIssue, type Preview } from '../api/studioModel.js';
import { msg, type Message } from '../app/message.js';
import { useStudioI18n as useI18n, type StudioKey } from './messages.js';
import { useDraft } from './draftContext.js';
import { Outcome, PageHead } from './IssueList.js';
import { DiffView } from './VersionsPage.js';

export function PublishPage() {
  const { t } = useI18n();
  const { draft, reload } = useDraft();
  const [issues, setIssues] = useState<DraftIssue[] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Message<StudioKey>>('');
  const [error, setError] = useState<unknown>(null);
  const [changes, setChanges] = useState<DocumentDiff[] | null>(null);
  useEffect(() => {
    draftDiff().then((d) => setChanges(d.documents), setError);
  }, [draft.revision]);
  const run = async (what: () => Promise<void>) => {
    setError(null);
    setStatus('');
    try {
      await what();
    } catch (e) {
      if (isApiError(e) && Array.isArray(e.problem.issues)) setIssues(e.problem.issues as DraftIssue[]);
      setError(e);
    }
  };
  const validate = () =>
    run(async () => {
      const res = await validateDraft();
      setIssues(res.issues);
      setStatus(res.valid ? msg('studioModel.valid') : msg('studioModel.invalid', { count: res.issues.length }));
    });
  const doPreview = () =>
    run(async () => {
      setPreview(null);
      setConfirming(false);
      setIssues([]);
      setPreview(await previewDraft());
    });
  const publish = () =>
    run(async () => {
      const res = await publishDraft(draft.revision);
      setPreview(null);
      setConfirming(false);
      setStatus(res.changed ? msg('studioModel.published', { version: res.version }) : msg('studioModel.nothingToPublish'));
      reload();
    });
  const fresh = preview !== null && preview.revision === draft.revision;
  // Documents without DDL (triggers, views, forms, labels) are worth a version too.
  const documentsOnly = preview !== null && preview.actions.length === 0 && draft.changes.length > 0;
  const canPublish = fresh && preview.refusals.length === 0 && !preview.blocked && (preview.actions.length > 0 || documentsOnly);
  return (
    <section aria-labelledby="sm-publish">
      <PageHead id="sm-publish">
        {t('studioModel.validateAndPublish')}
      </PageHead>
      <div className="toolbar">
        <button type="button" className="btn" onClick={validate}>
          {t('studioModel.validate')}
        </button>
        <button type="button" className="btn" onClick={doPreview}>
          {t('studioModel.preview')}
        </button>
      </div>
      <Outcome status={status} error={error} issues={issues} />
      {preview && (
        <section aria-labelledby="sm-preview">
          <h2 id="sm-preview">{t('studioModel.previewTitle', { version: preview.currentVersion + 1 })}</h2>
          {preview.actions.length === 0 && <p>{documentsOnly ? t('studioModel.documentsOnly', { count: draft.changes.length }) : t('studioModel.noActions')}</p>}
          {preview.refusals.length > 0 && (
            <div className="banner banner-error" role="alert">
              <div>
                <strong>{t('studioModel.refusals')}</strong>
                <ul>
                  {preview.refusals.map((r, i) => (
                    <li key={i}>
                      <span className="mono">{r.field ? `${r.entity}.${r.field}` : r.entity}</span>: {r.message}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )}
          {preview.blocked && (
            <div className="banner banner-warn" role="alert">
              {t('studioModel.blocked')}
            </div>
          )}
          <ol className="sm-actions">
            {preview.actions.map((a, i) => (
              <li key={i}>
                <div>{a.summary}</div>
                {a.sql.length > 0 && <pre className="sm-sql">{a.sql.join(';\n') + ';'}</pre>}
                <div className="muted">
                  {a.impact.rows ? t('studioModel.impact.rows', { live: a.impact.rows.live, total: a.impact.rows.total }) : t('studioModel.impact.new')}
                </div>
                {a.impact.duplicates && a.impact.duplicates.groups > 0 && (
                  <div className="sm-duplicates">
                    {t('studioModel.impact.duplicates', { groups: a.impact.duplicates.groups })}
                    <ul>
                      {a.impact.duplicates.examples.map((ex, n) => (
                        <li key={n} className="mono">
                          {JSON.stringify(ex)}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </li>
            ))}
          </ol>
          {canPublish &&
            (confirming ? (
              <div className="form-actions" role="group" aria-label={t('studioModel.confirmTitle')}>
                <span>{t(documentsOnly ? 'studioModel.confirmDocuments' : 'studioModel.confirmText', { count: documentsOnly ? draft.changes.length : preview.actions.length, version: preview.currentVersion + 1 })}</span>
                <button type="button" className="btn btn-primary" onClick={publish} autoFocus>
                  {t('studioModel.confirmPublish')}
                </button>
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  {t('studioModel.cancel')}
                </button>
              </div>
            ) : (
              <div className="form-actions">
                <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)}>
                  {t('studioModel.publish')}
                </button>
              </div>
            ))}
        </section>
      )}
      {changes && (
        <section aria-labelledby="sm-draft-changes">
          <h2 id="sm-draft-changes">{t('studioModel.draftChanges', { version: draft.baseVersion })}</h2>
          <DiffView documents={changes} />
        </section>
      )}
    </section>
  );
}
