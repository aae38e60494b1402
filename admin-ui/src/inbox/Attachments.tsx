/** A record's attachments on the task page: download links and an upload (the record's access decides; the server refuses otherwise). */
import { useEffect, useState } from 'react';
import { attachmentUrl, attachments, type Attachment } from '../api/tasks.js';
import { failed, msg, useSay, type Message } from '../app/message.js';
import { useTaskI18n } from './messages.js';
import { ATTACHMENTS_CHANGED, UploadField } from '../pickers/AttachmentPicker.js';

export function Attachments({ entity, id }: { entity: string; id: string }) {
  const { t, formatNumber } = useTaskI18n();
  const say = useSay(t);
  const [items, setItems] = useState<Attachment[]>([]);
  const [message, setMessage] = useState<Message<Parameters<typeof t>[0]>>('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    window.addEventListener(ATTACHMENTS_CHANGED, again);
    return () => window.removeEventListener(ATTACHMENTS_CHANGED, again);
  }, []);
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
      <UploadField
        label={t('inbox.attachments.upload')}
        record={{ entity, id }}
        onUploaded={(added) => setMessage(msg('inbox.attachments.uploaded', { name: added.name }))}
        onFailed={(err) => setMessage(failed(err))}
      />
      <p role="status" className="muted">
        {say(message)}
      </p>
    </div>
  );
}
