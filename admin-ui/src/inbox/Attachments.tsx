/** A record's attachments on the task page: download links and an upload (the record's access decides; the server refuses otherwise). */
import { useEffect, useState } from 'react';
import { attachmentUrl, attachments, uploadAttachment, type Attachment } from '../api/tasks.js';
import { problemMessage } from '../app/feedback.js';
import { useI18n } from '../i18n/index.js';

export function Attachments({ entity, id }: { entity: string; id: string }) {
  const { t, formatNumber } = useI18n();
  const [items, setItems] = useState<Attachment[]>([]);
  const [message, setMessage] = useState('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    attachments(entity, id, controller.signal).then(setItems, () => undefined);
    return () => controller.abort();
  }, [entity, id, version]);
  return (
    <div className="attachments">
      <h3>{t('inbox.attachments.title')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('inbox.attachments.none')}</p>
      ) : (
        <ul className="attachment-list">
          {items.map((a) => (
            <li key={a.id}>
              <a href={attachmentUrl(a.id)} download={a.name}>
                {a.name}
              </a>{' '}
              <span className="muted">({formatNumber(Math.ceil(a.size / 1024))} KB)</span>
            </li>
          ))}
        </ul>
      )}
      <label className="field">
        <span className="field-label">{t('inbox.attachments.upload')}</span>
        <input
          type="file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            try {
              await uploadAttachment(entity, id, file);
              setMessage(t('inbox.attachments.uploaded', { name: file.name }));
              setVersion((v) => v + 1);
            } catch (err) {
              setMessage(problemMessage(t, err));
            }
            e.target.value = '';
          }}
        />
      </label>
      <p role="status" className="muted">
        {message}
      </p>
    </div>
  );
}
