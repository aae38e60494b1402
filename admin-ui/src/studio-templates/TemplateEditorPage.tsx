/**
 * One document template: the JSON editor with the field picker (and a column picker per lines
 * table), the live preview (the server's PDF of the unsaved template for a chosen record, drawn
 * with pdfjs), save as a new version, the versions (load one to restore it by saving), and delete.
 * A problem — invalid JSON, or the server's `errors[].path` — is listed with its line, which a
 * click puts the cursor on.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError, listRecords, type CrmRecord, type FieldError } from '../api/index.js';
import {
  deleteDocumentTemplate,
  getDocumentTemplate,
  getTemplateVersion,
  listTemplateVersions,
  previewDocumentTemplate,
  saveDocumentTemplate,
  type DocumentTemplate,
  type TemplateVersion,
} from '../api/studioTemplates.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, navigate } from '../app/router.js';
import { useText } from './messages.js';
import { FieldPicker } from './FieldPicker.js';
import { scanJson, spotOfPointer, type TextSpot } from './jsonPositions.js';
import { PdfPreview } from './PdfPreview.js';
import './templates.css';

const PREVIEW_DELAY_MS = 700;
/** Top-level members in reading order (a stored template comes back from jsonb in its own order); a block's `type` first. */
const ORDER = ['$schema', 'x-crm-document-template', 'entity', 'label', 'description', 'page', 'body'];
function ordered(template: Record<string, unknown>): Record<string, unknown> {
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  const out = Object.fromEntries(Object.entries(template).sort(([a], [b]) => rank(a) - rank(b)));
  if (Array.isArray(out.body))
    out.body = out.body.map((b: unknown) => (typeof b === 'object' && b !== null ? { type: (b as Record<string, unknown>).type, ...b } : b));
  return out;
}
const format = (template: Record<string, unknown>) => JSON.stringify(ordered(template), null, 2);

/** The editor's text as a template, or the JSON error. */
function parse(text: string): { template: DocumentTemplate } | { error: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not an object' };
    return { template: value as DocumentTemplate };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export default function TemplateEditorPage({ templateKey }: { templateKey: string }) {
  const [text, setText] = useState<string | null>(null);
  const [entityName, setEntityName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getDocumentTemplate(templateKey).then((tpl) => {
      setText(format(tpl));
      setEntityName(tpl.entity);
    }, setError);
  }, [templateKey]);
  useEffect(load, [load]);
  if (error) return <ErrorBanner error={error} onRetry={load} />;
  if (text === null || entityName === null) return <Loading />;
  return <Editor templateKey={templateKey} initial={text} entityName={entityName} />;
}

function Editor({ templateKey, initial, entityName }: { templateKey: string; initial: string; entityName: string }) {
  const { t, label, formatDateTime } = useText();
  const { entity } = useMetadata();
  const meta = entity(entityName);
  const editor = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initial);
  const parsed = useMemo(() => parse(text), [text]);
  const scanned = useMemo(() => scanJson(text), [text]);
  const spotOf = (pointer: string) => ('at' in scanned ? spotOfPointer(text, scanned.at, pointer) : null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [versions, setVersions] = useState<TemplateVersion[]>([]);
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

  const loadVersions = useCallback(() => listTemplateVersions(templateKey).then((r) => setVersions(r.items), setFailure), [templateKey]);
  useEffect(() => void loadVersions(), [loadVersions]);
  useEffect(() => {
    listRecords(entityName, { limit: 20 }).then((page) => {
      setRecords(page.items);
      setRecordId((current) => current || page.items[0]?.id || '');
    }, setFailure);
  }, [entityName]);

  // The live preview: the unsaved template for the chosen record, a moment after the last keystroke.
  const previewTemplate = 'template' in parsed ? parsed.template : null;
  useEffect(() => {
    if (!previewTemplate || !recordId) return;
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      setPreviewing(true);
      previewDocumentTemplate(previewTemplate, recordId, abort.signal)
        .then((bytes) => {
          setPdf(bytes);
          setProblems([]);
        })
        .catch((e: unknown) => {
          if (abort.signal.aborted) return;
          if (isApiError(e) && e.errors.length) setProblems(e.errors);
          else setFailure(e);
        })
        .finally(() => !abort.signal.aborted && setPreviewing(false));
    }, immediate.current ? 0 : PREVIEW_DELAY_MS);
    immediate.current = false;
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [previewTemplate, recordId, previewCount]);

  const insert = (placeholder: string) => {
    const area = editor.current;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + placeholder + text.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  /** Put the cursor at the start of the spot's line and scroll the editor to it. */
  const goTo = (spot: TextSpot) => {
    const area = editor.current;
    if (!area) return;
    area.focus();
    const lineStart = spot.offset - (spot.column - 1);
    area.setSelectionRange(lineStart, lineStart);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (spot.line - 3) * lineHeight);
  };
  const lineButton = (spot: TextSpot | null) =>
    spot && (
      <button type="button" className="btn btn-small" aria-label={t('goToLineLabel', { line: spot.line })} onClick={() => goTo(spot)}>
        {t('goToLine', { line: spot.line })}
      </button>
    );

  /** A lines block's column picked: added to its columns (once), the text reformatted. */
  const addColumn = (block: number, field: string) => {
    if (!('template' in parsed)) return;
    const body = parsed.template.body.map((b, i) => {
      if (i !== block || typeof b !== 'object' || b === null) return b;
      const columns = Array.isArray((b as { columns?: unknown }).columns) ? (b as { columns: { field?: unknown }[] }).columns : [];
      return columns.some((c) => c.field === field) ? b : { ...b, columns: [...columns, { field }] };
    });
    setText(format({ ...parsed.template, body }));
  };
  const linesBlocks = previewTemplate
    ? previewTemplate.body.flatMap((b, i) => {
        const block = b as { type?: unknown; entity?: unknown };
        const lineEntity = block.type === 'lines' && typeof block.entity === 'string' ? entity(block.entity) : undefined;
        return lineEntity ? [{ index: i, entity: lineEntity }] : [];
      })
    : [];

  const remove = async () => {
    setFailure(null);
    try {
      await deleteDocumentTemplate(templateKey);
      navigate('/studio/templates');
    } catch (e) {
      setConfirmDelete(false);
      setFailure(e);
    }
  };

  const save = async () => {
    if (!('template' in parsed)) return;
    setSaving(true);
    setNotice(null);
    setFailure(null);
    try {
      const result = await saveDocumentTemplate(templateKey, parsed.template);
      setProblems([]);
      setNotice(result.changed ? t('saved', { version: result.version }) : t('unchanged'));
      await loadVersions();
    } catch (e) {
      if (isApiError(e) && e.errors.length) setProblems(e.errors);
      else setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const loadVersion = async (version: number) => {
    try {
      const { template } = await getTemplateVersion(templateKey, version);
      setText(format(template));
      setNotice(t('loaded', { version }));
    } catch (e) {
      setFailure(e);
    }
  };

  const title = previewTemplate?.label ? label(previewTemplate.label, templateKey) : templateKey;
  return (
    <section className="studio-templates">
      <Link to="/studio/templates" className="back">
        {t('back')}
      </Link>
      <div className="page-head">
        <div>
          <p className="eyebrow">{meta ? label(meta.label, entityName) : entityName}</p>
          <h1>{title}</h1>
        </div>
        {!confirmDelete && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)}>
            {t('delete')}
          </button>
        )}
      </div>
      {confirmDelete && (
        <div className="banner banner-info" role="alertdialog" aria-labelledby="template-delete-question">
          <p id="template-delete-question">{t('deleteConfirm', { name: title })}</p>
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            {t('deleteYes')}
          </button>{' '}
          <button type="button" className="btn" autoFocus onClick={() => setConfirmDelete(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      {failure !== null && <ErrorBanner error={failure} />}
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      {'error' in parsed && (
        <p className="banner banner-error" role="alert" id="template-json-error">
          {'error' in scanned ? t('invalidJsonAt', { line: scanned.error.line, column: scanned.error.column, message: parsed.error }) : t('invalidJson', { message: parsed.error })}{' '}
          {'error' in scanned && lineButton(scanned.error)}
        </p>
      )}
      {problems.length > 0 && (
        <div className="banner banner-error" role="alert" id="template-json-problems">
          <p>{t('problems')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {lineButton(spotOf(p.path))} <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="editor-grid">
        <div>
          <label htmlFor="template-json">{t('editorLabel')}</label>
          <p className="muted" id="template-json-help">
            {t('editorHelp')}
          </p>
          <textarea
            id="template-json"
            ref={editor}
            className="template-json"
            spellCheck={false}
            aria-describedby={['template-json-help', 'error' in parsed && 'template-json-error', problems.length > 0 && 'template-json-problems'].filter(Boolean).join(' ')}
            aria-invalid={'error' in parsed || problems.length > 0}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="editor-actions">
            <button type="button" className="btn btn-primary" disabled={saving || !('template' in parsed)} onClick={() => void save()}>
              {saving ? t('saving') : t('save')}
            </button>
          </div>
          {meta && (
            <FieldPicker
              entity={meta}
              id="template-fields"
              heading={t('fields', { entity: label(meta.label, meta.name) })}
              help={t('fieldsHelp')}
              onPick={(path) => insert(`{{${path}}}`)}
              describe={(path) => t('insert', { placeholder: `{{${path}}}` })}
            />
          )}
          {linesBlocks.map(({ index, entity: lineEntity }, n) => (
            <FieldPicker
              key={index}
              entity={lineEntity}
              id={`template-columns-${index}`}
              heading={t('columns', { n: n + 1, entity: label(lineEntity.label, lineEntity.name) })}
              help={t('columnsHelp')}
              onPick={(path) => addColumn(index, path)}
              describe={(path) => t('addColumn', { path, n: n + 1 })}
            />
          ))}
          <h2>{t('versions')}</h2>
          <div className="table-wrap">
            <table className="history">
              <thead>
                <tr>
                  <th scope="col">{t('version')}</th>
                  <th scope="col">{t('publishedAt')}</th>
                  <th scope="col">{t('publishedBy')}</th>
                  <th scope="col">{t('load')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{formatDateTime(v.publishedAt)}</td>
                    <td>{v.publishedBy ?? ''}</td>
                    <td>
                      <button type="button" className="btn btn-small" aria-label={t('loadLabel', { version: v.version })} onClick={() => void loadVersion(v.version)}>
                        {t('load')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
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
            <button type="button" className="btn" disabled={!recordId || !previewTemplate} onClick={previewNow}>
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
      </div>
    </section>
  );
}
