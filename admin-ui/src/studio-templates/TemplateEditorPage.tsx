/**
 * One document template: the JSON editor with the field picker (and a column picker per lines
 * table), the live preview (the server's PDF of the unsaved template for a chosen record, drawn
 * with pdfjs), save as a new version, the versions (load one to restore it by saving), and delete.
 * A problem — invalid JSON, or the server's `errors[].path` — is listed with its line, which a
 * click puts the cursor on. Each part is its own component in this folder; this page holds the
 * text they share, the problems, and save.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isApiError, type FieldError } from '../api/index.js';
import { getDocumentTemplate, getTemplateVersion, saveDocumentTemplate } from '../api/studioTemplates.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { msg, useSay, type Message } from '../app/message.js';
import { scanJson } from './jsonPositions.js';
import { useText, type TextKey } from './messages.js';
import { format, parse, withColumn } from './templateJson.js';
import { TemplateHeader } from './TemplateHeader.js';
import { TemplatePickers } from './TemplatePickers.js';
import { TemplatePreview } from './TemplatePreview.js';
import { JSON_ERROR_ID, PROBLEMS_ID, TemplateProblems } from './TemplateProblems.js';
import { TemplateVersions, useTemplateVersions } from './TemplateVersions.js';
import { useTextArea } from './useTextArea.js';
import './templates.css';

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
  const { t, label } = useText();
  const { entity } = useMetadata();
  const meta = entity(entityName);
  const [text, setText] = useState(initial);
  const parsed = useMemo(() => parse(text), [text]);
  const scanned = useMemo(() => scanJson(text), [text]);
  const template = 'template' in parsed ? parsed.template : null;
  const area = useTextArea(text, setText);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<Message<TextKey> | null>(null);
  const say = useSay(t);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const { versions, reload: reloadVersions } = useTemplateVersions(templateKey, setFailure);

  const save = async () => {
    if (!template) return;
    setSaving(true);
    setNotice(null);
    setFailure(null);
    try {
      const result = await saveDocumentTemplate(templateKey, template);
      setProblems([]);
      setNotice(result.changed ? msg('saved', { version: result.version }) : msg('unchanged'));
      await reloadVersions();
    } catch (e) {
      if (isApiError(e) && e.errors.length) setProblems(e.errors);
      else setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const loadVersion = async (version: number) => {
    try {
      const { template: loaded } = await getTemplateVersion(templateKey, version);
      setText(format(loaded));
      setNotice(msg('loaded', { version }));
    } catch (e) {
      setFailure(e);
    }
  };

  const title = template?.label ? label(template.label, templateKey) : templateKey;
  return (
    <section className="studio-templates">
      <TemplateHeader templateKey={templateKey} entityLabel={meta ? label(meta.label, entityName) : entityName} title={title} onFailure={setFailure} />
      {failure !== null && <ErrorBanner error={failure} />}
      {notice && (
        <p className="banner banner-info" role="status">
          {say(notice)}
        </p>
      )}
      <TemplateProblems text={text} scanned={scanned} jsonError={'error' in parsed ? parsed.error : null} problems={problems} goTo={area.goTo} />
      <div className="editor-grid">
        <div>
          <label htmlFor="template-json">{t('editorLabel')}</label>
          <p className="muted" id="template-json-help">
            {t('editorHelp')}
          </p>
          <textarea
            id="template-json"
            ref={area.ref}
            className="template-json"
            spellCheck={false}
            aria-describedby={['template-json-help', !template && JSON_ERROR_ID, problems.length > 0 && PROBLEMS_ID].filter(Boolean).join(' ')}
            aria-invalid={!template || problems.length > 0}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="editor-actions">
            <button type="button" className="btn btn-primary" disabled={saving || !template} onClick={() => void save()}>
              {saving ? t('saving') : t('save')}
            </button>
          </div>
          <TemplatePickers
            meta={meta}
            template={template}
            onPlaceholder={area.insert}
            onColumn={(block, field) => template && setText(format(withColumn(template, block, field)))}
          />
          <TemplateVersions versions={versions} onLoad={(version) => void loadVersion(version)} />
        </div>
        <TemplatePreview entityName={entityName} meta={meta} template={template} onProblems={setProblems} onFailure={setFailure} />
      </div>
    </section>
  );
}
