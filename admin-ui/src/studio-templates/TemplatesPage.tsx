/** The document templates: one row per template, linked to its editor. */
import { useCallback, useEffect, useState } from 'react';
import { listDocumentTemplates, type DocumentTemplateSummary } from '../api/studioTemplates.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import './templates.css';

export default function TemplatesPage() {
  const { t, label } = useI18n();
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
          <h1>{t('studioTemplates.title')}</h1>
          <p className="muted">{t('studioTemplates.intro')}</p>
        </div>
      </div>
      {error !== null && <ErrorBanner error={error} onRetry={load} />}
      {items === null && error === null && <Loading />}
      {items?.length === 0 && <p className="muted">{t('studioTemplates.empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t('studioTemplates.col.name')}</th>
                <th scope="col">{t('studioTemplates.col.entity')}</th>
                <th scope="col">{t('studioTemplates.col.key')}</th>
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
