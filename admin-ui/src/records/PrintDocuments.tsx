/** The record's printable documents (docs/documents.md) as a "Print / PDF" menu; nothing when its entity has none. */
import { useEffect, useState } from 'react';
import { listRecordDocuments, type RecordDocument } from '../api/studioTemplates.js';
import { useI18n } from '../i18n/index.js';

export function PrintDocuments({ entity, id }: { entity: string; id: string }) {
  const { t, label } = useI18n();
  const [items, setItems] = useState<RecordDocument[]>([]);
  useEffect(() => {
    let live = true;
    // A record whose documents cannot be listed simply shows no menu: the page says what went wrong with the record itself.
    listRecordDocuments(entity, id).then((r) => live && setItems(r.items), () => live && setItems([]));
    return () => {
      live = false;
    };
  }, [entity, id]);
  if (!items.length) return null;
  return (
    <details className="print-menu">
      <summary className="btn">{t('studioTemplates.print')}</summary>
      <ul>
        {items.map((d) => (
          <li key={d.key}>
            <a href={d.href} target="_blank" rel="noopener" aria-label={t('studioTemplates.printLabel', { document: label(d.label, d.key) })}>
              {label(d.label, d.key)}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
