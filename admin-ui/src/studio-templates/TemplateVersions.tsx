/** A template's published versions (loaded, and reloaded after a save) and their table, each with a button to load it into the editor. */
import { useCallback, useEffect, useState } from 'react';
import { listTemplateVersions, type TemplateVersion } from '../api/studioTemplates.js';
import { useText } from './messages.js';

export function useTemplateVersions(templateKey: string, onFailure: (error: unknown) => void) {
  const [versions, setVersions] = useState<TemplateVersion[]>([]);
  const reload = useCallback(() => listTemplateVersions(templateKey).then((r) => setVersions(r.items), onFailure), [templateKey, onFailure]);
  useEffect(() => void reload(), [reload]);
  return { versions, reload };
}

export function TemplateVersions({ versions, onLoad }: { versions: TemplateVersion[]; onLoad: (version: number) => void }) {
  const { t, formatDateTime } = useText();
  return (
    <>
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
                  <button type="button" className="btn btn-small" aria-label={t('loadLabel', { version: v.version })} onClick={() => onLoad(v.version)}>
                    {t('load')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
