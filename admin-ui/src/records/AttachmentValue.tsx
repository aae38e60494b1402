/** An attachment field on the record page (a lazy chunk): the chosen files by name, each a download. */
import { useEffect, useState } from 'react';
import { attachments, attachmentUrl, type Attachment } from '../api/tasks.js';
import { usePickerI18n } from '../pickers/messages.js';

export function AttachmentValue({ record, ids }: { record: { entity: string; id: string }; ids: string[] }) {
  const { t } = usePickerI18n();
  const [items, setItems] = useState<Attachment[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    attachments(record.entity, record.id, controller.signal).then(setItems, () => setItems([]));
    return () => controller.abort();
  }, [record.entity, record.id]);
  const nameOf = (id: string) => items.find((a) => a.id === id)?.name ?? id;
  return (
    <ul className="plain attachment-values">
      {ids.map((id) => (
        <li key={id}>
          <a href={attachmentUrl(id)} download={nameOf(id)} aria-label={t('picker.attachments.download', { name: nameOf(id) })}>
            {nameOf(id)}
          </a>
        </li>
      ))}
    </ul>
  );
}
