/** The server found likely duplicates: list them, and let the person save anyway. */
import type { DuplicateMatch, EntityMeta } from '../api/index.js';
import { recordsPath } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { displayValue } from './fields.js';

export function DuplicateNotice(props: {
  entity: EntityMeta;
  duplicates: DuplicateMatch[];
  creating: boolean;
  busy: boolean;
  onSaveAnyway(): void;
}) {
  const { entity, duplicates, creating, busy, onSaveAnyway } = props;
  const { t } = useI18n();
  const unique = duplicates.filter((d, i) => duplicates.findIndex((o) => o.id === d.id) === i);
  return (
    <div className="banner banner-warn duplicates" role="alert">
      <div>
        <strong>{t('form.duplicateTitle')}</strong>
        <p>{t('form.duplicateText')}</p>
        <ul>
          {unique.map((d) => (
            <li key={d.id}>
              {/* a new tab, so that the form being filled is not lost */}
              <a href={recordsPath(entity.name, d.id)} target="_blank" rel="noreferrer">
                {nameOf(entity, d)}
              </a>
              {rulesOf(duplicates, d.id) && <span className="muted"> — {t('records.duplicate.rule', { rule: rulesOf(duplicates, d.id) })}</span>}
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

/** The server sends `display`; a full record (older servers) is named by its display field. */
function nameOf(entity: EntityMeta, match: DuplicateMatch): string {
  if (match.display !== undefined && match.display !== null && match.display !== '') return String(match.display);
  return displayValue(entity, match as DuplicateMatch & Record<string, unknown>);
}

/** The duplicate rules that matched one record (it appears once per rule). */
const rulesOf = (duplicates: DuplicateMatch[], id: string): string =>
  [...new Set(duplicates.filter((d) => d.id === id && d.rule).map((d) => d.rule))].join(', ');
