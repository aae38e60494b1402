/** The draft's state and the actions on the whole draft: navigation, discard, export, import. */
import { useRef, useState, type ChangeEvent } from 'react';
import { discardDraft, draftExportUrl, importDraft, type DraftIssue } from '../api/studioModel.js';
import { isApiError } from '../api/index.js';
import { msg, type Message } from '../app/message.js';
import { Link, usePath } from '../app/router.js';
import { useStudioI18n as useI18n, type StudioKey } from './messages.js';
import { useDraft } from './draftContext.js';
import { Outcome } from './IssueList.js';

const toBase64 = (buf: ArrayBuffer) => {
  let s = '';
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

export function DraftBar() {
  const { t } = useI18n();
  const path = usePath();
  const { draft, reload, conflict } = useDraft();
  const [status, setStatus] = useState<Message<StudioKey>>('');
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const nav = [
    { to: '/studio/model', label: t('studioModel.entities') },
    { to: '/studio/model/publish', label: t('studioModel.validateAndPublish') },
    { to: '/studio/model/versions', label: t('studioModel.versions') },
  ];
  const discard = async () => {
    setError(null);
    try {
      await discardDraft(draft.revision);
      setConfirming(false);
      setStatus(msg('studioModel.discarded'));
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setStatus('');
    try {
      const body = file.name.endsWith('.zip') ? { zip: toBase64(await file.arrayBuffer()) } : (JSON.parse(await file.text()) as { files: Record<string, string> });
      const res = await importDraft(draft.revision, body);
      setStatus(msg('studioModel.imported', { count: res.changes.length }));
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const issues = isApiError(error) && Array.isArray(error.problem.issues) ? (error.problem.issues as DraftIssue[]) : null;
  return (
    <div className="sm-draftbar" role="region" aria-label={t('studioModel.draft')}>
      <nav aria-label={t('studioModel.nav')} className="tabs">
        {nav.map((n) => (
          <Link key={n.to} to={n.to} aria-current={path === n.to ? 'page' : undefined}>
            {n.label}
          </Link>
        ))}
      </nav>
      <div className="toolbar">
        <span data-testid="draft-state">
          {draft.revision === 0
            ? t('studioModel.noDraft', { version: draft.baseVersion })
            : t('studioModel.draftState.text', { revision: draft.revision, version: draft.baseVersion, count: draft.changes.length, who: draft.updatedBy ?? '' })}
        </span>
        <a className="btn btn-small" href={draftExportUrl} download>
          {t('studioModel.exportZip')}
        </a>
        <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()}>
          {t('studioModel.import')}
        </button>
        <input ref={fileInput} type="file" accept=".zip,.json,application/zip,application/json" hidden aria-label={t('studioModel.importFile')} onChange={onImport} />
        {draft.revision > 0 &&
          (confirming ? (
            <>
              <button type="button" className="btn btn-small btn-danger" onClick={discard}>
                {t('studioModel.discardConfirm', { count: draft.changes.length })}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
                {t('studioModel.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
              {t('studioModel.discard')}
            </button>
          ))}
      </div>
      {conflict && (
        <div className="banner banner-warn" role="alert">
          <span>{t('studioModel.conflict')}</span>
          <button type="button" className="btn btn-small" onClick={reload}>
            {t('studioModel.reload')}
          </button>
        </div>
      )}
      {/* A file that is not JSON is said in our words, worded when shown. */}
      <Outcome status={status} error={error instanceof SyntaxError ? new Error(t('studioModel.importNotJson')) : error} issues={issues} />
    </div>
  );
}
