/**
 * The live preview: the server's PDF of the unsaved template for a record chosen from the entity's
 * first ones, asked again a moment after the typing pauses (at once on first load, a record chosen,
 * or Refresh), drawn with pdfjs. The server's problems with the template go to `onProblems`
 * (emptied when a preview succeeds), any other failure to `onFailure`.
 */
import { useEffect, useRef, useState } from 'react';
import { isApiError, listRecords, type CrmRecord, type EntityMeta, type FieldError } from '../api/index.js';
import { previewDocumentTemplate, type DocumentTemplate } from '../api/studioTemplates.js';
import { useText } from './messages.js';
import { PdfPreview } from './PdfPreview.js';

const PREVIEW_DELAY_MS = 700;

interface Props {
  entityName: string;
  meta: EntityMeta | undefined;
  /** The editor's template; null while its text is not one. */
  template: DocumentTemplate | null;
  onProblems: (problems: FieldError[]) => void;
  onFailure: (error: unknown) => void;
}

export function TemplatePreview({ entityName, meta, template, onProblems, onFailure }: Props) {
  const { t, locale } = useText();
  const [records, setRecords] = useState<CrmRecord[]>([]);
  const [recordId, setRecordId] = useState('');
  const [pdf, setPdf] = useState<ArrayBuffer | null>(null);
  const [previewing, setPreviewing] = useState(false);
  /** Bumped by Refresh: ask again with the same text. */
  const [previewCount, setPreviewCount] = useState(0);
  /** The next preview goes at once (first load, a record chosen, Refresh), else after the typing pauses. */
  const immediate = useRef(true);
  const previewNow = () => {
    immediate.current = true;
    setPreviewCount((n) => n + 1);
  };

  useEffect(() => {
    listRecords(entityName, { limit: 20 }).then((page) => {
      setRecords(page.items);
      setRecordId((current) => current || page.items[0]?.id || '');
    }, onFailure);
  }, [entityName, onFailure]);

  useEffect(() => {
    if (!template || !recordId) return;
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      setPreviewing(true);
      previewDocumentTemplate(template, recordId, abort.signal)
        .then((bytes) => {
          setPdf(bytes);
          onProblems([]);
        })
        .catch((e: unknown) => {
          if (abort.signal.aborted) return;
          if (isApiError(e) && e.errors.length) onProblems(e.errors);
          else onFailure(e);
        })
        .finally(() => !abort.signal.aborted && setPreviewing(false));
    }, immediate.current ? 0 : PREVIEW_DELAY_MS);
    immediate.current = false;
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
    // Asked again in a new language: the server words the template's problems in the UI's language.
  }, [template, recordId, previewCount, onProblems, onFailure, locale]);

  return (
    <div aria-labelledby="template-preview-heading" role="region">
      <h2 id="template-preview-heading">{t('preview')}</h2>
      <div className="preview-controls">
        <label>
          {t('previewRecord')}
          <select
            value={recordId}
            onChange={(e) => {
              immediate.current = true;
              setRecordId(e.target.value);
            }}
          >
            <option value="">{t('previewRecordNone')}</option>
            {records.map((r) => (
              <option key={r.id} value={r.id}>
                {String(meta ? (r[meta.displayField] ?? r.id) : r.id)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={!recordId || !template} onClick={previewNow}>
          {t('previewRefresh')}
        </button>
        {previewing && (
          <span className="muted" role="status">
            {t('previewLoading')}
          </span>
        )}
      </div>
      {!recordId && <p className="muted">{t('previewEmpty')}</p>}
      {pdf && <PdfPreview pdf={pdf} />}
    </div>
  );
}
