/** The document templates: one row per template, linked to its editor. */
import { useCallback, useEffect, useState } from 'react';
import { isApiError, type EntityMeta, type FieldError } from '../api/index.js';
import { createDocumentTemplate, listDocumentTemplates, type DocumentTemplate, type DocumentTemplateSummary } from '../api/studioTemplates.js';
import { ErrorBanner, Loading, useFieldErrorText } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, navigate } from '../app/router.js';
import { useText } from './messages.js';
import './templates.css';

export default function TemplatesPage() {
  const { t, label } = useText();
  const { entity } = useMetadata();
  const [items, setItems] = useState<DocumentTemplateSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    listDocumentTemplates().then((r) => setItems(r.items), setError);
  }, []);
  useEffect(load, [load]);

  return (
    <section className="studio-templates">
      <div className="page-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
      </div>
      <NewTemplate />
      {error !== null && <ErrorBanner error={error} onRetry={load} />}
      {items === null && error === null && <Loading />}
      {items?.length === 0 && <p className="muted">{t('empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t('col.name')}</th>
                <th scope="col">{t('col.entity')}</th>
                <th scope="col">{t('col.key')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const meta = entity(item.entity);
                return (
                  <tr key={item.key}>
                    <td>
                      <Link to={`/studio/templates/${encodeURIComponent(item.key)}`}>{label(item.label, item.key)}</Link>
                    </td>
                    <td>{meta ? label(meta.label, item.entity) : item.entity}</td>
                    <td>
                      <code>{item.key}</code>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A first template for an entity: its title and its first fields, to edit from there. */
function starter(entity: EntityMeta, name: string): DocumentTemplate {
  return {
    entity: entity.name,
    label: { 'zh-CN': name, en: name },
    body: [
      { type: 'heading', text: entity.label['zh-CN'] },
      { type: 'fields', columns: 2, fields: entity.fields.filter((f) => f.kind !== 'json').slice(0, 6).map((f) => ({ field: f.name })) },
      { type: 'signatures', labels: ['经办人', '审核人'] },
    ],
  };
}

/** Key and entity of a new template: saving the starter publishes it, then the editor opens. */
function NewTemplate() {
  const { t, label } = useText();
  const { entities } = useMetadata();
  const [key, setKey] = useState('');
  const [entityName, setEntityName] = useState('');
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problemText = useFieldErrorText();
  const create = async () => {
    const entity = entities.find((e) => e.name === entityName);
    if (!entity || !key) return;
    setBusy(true);
    setFailure(null);
    try {
      await createDocumentTemplate(key, starter(entity, key));
      navigate(`/studio/templates/${encodeURIComponent(key)}`);
    } catch (e) {
      if (isApiError(e) && e.errors.length) setProblems(e.errors);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="new-template"
      aria-labelledby="new-template-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h2 id="new-template-heading">{t('new')}</h2>
      {failure !== null && <ErrorBanner error={failure} />}
      {problems.length > 0 && (
        <ul className="banner banner-error" role="alert">
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code> {problemText(p)}
            </li>
          ))}
        </ul>
      )}
      <label className="inline-field">
        {t('newKey')}
        <input value={key} required aria-describedby="new-template-key-help" onChange={(e) => setKey(e.target.value.trim())} />
      </label>
      <span className="muted" id="new-template-key-help">
        {t('newKeyHelp')}
      </span>
      <label className="inline-field">
        {t('col.entity')}
        <select value={entityName} required onChange={(e) => setEntityName(e.target.value)}>
          <option value="">{t('newEntityNone')}</option>
          {entities.map((e) => (
            <option key={e.name} value={e.name}>
              {label(e.label, e.name)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn" disabled={busy || !key || !entityName}>
        {t('create')}
      </button>
    </form>
  );
}
