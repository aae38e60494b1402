/** Published versions (who, when, how many statements), what each changed (field-level summary and the file diff), export. */
import { useEffect, useState } from 'react';
import { listVersions, versionDiff, versionExportUrl, type DocumentDiff, type SummaryLine, type VersionItem } from '../api/studioModel.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useStudioI18n as useI18n, type StudioI18n, type StudioKey } from './messages.js';
import { PageHead } from './IssueList.js';

export function summaryText(t: StudioI18n['t'], s: SummaryLine): string {
  return t(`studioModel.diff.${s.op}` as StudioKey, { field: s.field ?? '', member: s.member ?? '', attributes: (s.attributes ?? []).join(', ') });
}

export function DiffView({ documents }: { documents: DocumentDiff[] }) {
  const { t } = useI18n();
  if (!documents.length) return <p className="muted">{t('studioModel.diff.none')}</p>;
  return (
    <>
      {documents.map((d) => (
        <article key={d.file} className="sm-diff" aria-label={d.file}>
          <h3>
            <span className="mono">{d.file}</span> — {t(`studioModel.change.${d.change}`)}
          </h3>
          {d.summary.length > 0 && (
            <ul>
              {d.summary.map((s, i) => (
                <li key={i}>{summaryText(t, s)}</li>
              ))}
            </ul>
          )}
          <details>
            <summary>{t('studioModel.diff.text')}</summary>
            <pre className="sm-patch">
              {d.patch.split('\n').map((line, i) => (
                <span key={i} className={line.startsWith('+') ? 'sm-add' : line.startsWith('-') ? 'sm-del' : undefined}>
                  {line + '\n'}
                </span>
              ))}
            </pre>
          </details>
        </article>
      ))}
    </>
  );
}

export function VersionsPage() {
  const { t } = useI18n();
  const [items, setItems] = useState<VersionItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<{ version: number; documents: DocumentDiff[] } | null>(null);
  useEffect(() => {
    listVersions().then((r) => setItems(r.items), setError);
  }, []);
  const show = (version: number) => {
    setError(null);
    versionDiff(version).then((r) => setOpen({ version, documents: r.documents }), setError);
  };
  if (error !== null) return <ErrorBanner error={error} />;
  if (!items) return <Loading />;
  return (
    <section aria-labelledby="sm-versions">
      <PageHead id="sm-versions">
        {t('studioModel.versions')}
      </PageHead>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('studioModel.version')}</th>
              <th scope="col">{t('studioModel.publishedAt')}</th>
              <th scope="col">{t('studioModel.publishedBy')}</th>
              <th scope="col">{t('studioModel.statements')}</th>
              <th scope="col">{t('studioModel.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.version}>
                <td className="num">{v.version}</td>
                <td>{new Date(v.publishedAt).toLocaleString()}</td>
                <td>{v.publishedBy ?? t('studioModel.system')}</td>
                <td className="num">{v.actionCount}</td>
                <td>
                  <button type="button" className="btn btn-small" aria-label={t('studioModel.showChanges', { version: v.version })} onClick={() => show(v.version)}>
                    {t('studioModel.changes')}
                  </button>{' '}
                  <a className="btn btn-small" href={versionExportUrl(v.version)} download aria-label={t('studioModel.exportVersion', { version: v.version })}>
                    {t('studioModel.exportZip')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open && (
        <section aria-labelledby="sm-version-diff">
          <h2 id="sm-version-diff" tabIndex={-1}>
            {t('studioModel.changesOf', { version: open.version })}
          </h2>
          <DiffView documents={open.documents} />
        </section>
      )}
    </section>
  );
}
