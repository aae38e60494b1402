/** The server found likely duplicates: list them, and let the person save anyway. */
import type { CrmRecord, EntityMeta } from '../api/index.js';
import { recordsPath } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { displayValue } from './fields.js';

export function DuplicateNotice(props: {
  entity: EntityMeta;
  duplicates: CrmRecord[];
  creating: boolean;
  busy: boolean;
  onSaveAnyway(): void;
}) {
  const { entity, duplicates, creating, busy, onSaveAnyway } = props;
  const { t } = useI18n();
  return (
    <div className="banner banner-warn duplicates" role="alert">
      <div>
        <strong>{t('form.duplicateTitle')}</strong>
        <p>{t('form.duplicateText')}</p>
        <ul>
          {duplicates.map((d) => (
            <li key={d.id}>
              {/* a new tab, so that the form being filled is not lost */}
              <a href={recordsPath(entity.name, d.id)} target="_blank" rel="noreferrer">
                {displayValue(entity, d)}
              </a>
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="btn btn-small" disabled={busy} onClick={onSaveAnyway}>
        {creating ? t('form.createAnyway') : t('form.saveAnyway')}
      </button>
    </div>
  );
}
