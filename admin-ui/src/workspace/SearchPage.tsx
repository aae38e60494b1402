/** Global search results (GET /api/search): records of every entity the user may read, by entity. */
import { useEffect, useState } from 'react';
import { searchRecords, type SearchGroup } from '../api/workspace.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, recordsPath, useQueryParam } from '../app/router.js';
import { useI18n } from '../i18n/index.js';

const MIN_LENGTH = 2;

export function SearchPage() {
  const { t, label } = useI18n();
  const metadata = useMetadata();
  const q = (useQueryParam('q') ?? '').trim();
  const [result, setResult] = useState<{ q: string; groups: SearchGroup[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setResult(null);
    setError(null);
    if ([...q].length < MIN_LENGTH) return;
    const controller = new AbortController();
    searchRecords(q, controller.signal).then(setResult, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [q]);

  const fieldLabel = (entity: string, name: string) => label(metadata.entity(entity)?.fields.find((f) => f.name === name)?.label, name);

  return (
    <section className="search-page">
      <div className="page-head">
        <h1>{q ? t('workspace.search.resultsFor', { q }) : t('workspace.search.title')}</h1>
      </div>
      {[...q].length < MIN_LENGTH && <p className="muted">{t('workspace.search.tooShort')}</p>}
      {error !== null && <ErrorBanner error={error} />}
      {!result && !error && [...q].length >= MIN_LENGTH && <Loading />}
      {result && result.groups.length === 0 && <p className="muted">{t('workspace.search.none', { q: result.q })}</p>}
      {result?.groups.map((g) => (
        <section key={g.entity} className="search-group" aria-label={label(metadata.entity(g.entity)?.pluralLabel ?? g.label, g.entity)}>
          <h2>{label(metadata.entity(g.entity)?.pluralLabel ?? g.label, g.entity)}</h2>
          <ul className="plain">
            {g.items.map((hit) => (
              <li key={hit.id} data-entity={hit.entity}>
                <Link to={recordsPath(hit.entity, hit.id)}>{hit.title || t('workspace.search.untitled')}</Link>
                <span className="muted"> — {t('workspace.search.matched', { fields: hit.matched.map((f) => fieldLabel(hit.entity, f)).join(', ') })}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
