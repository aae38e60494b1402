/** The record's files: list with download links, and upload (the server checks the record's edit access and the size). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { attachmentUrl, listAttachments, uploadAttachment, type Attachment } from '../api/workspace.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { msg, useSay, type Message } from '../app/message.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

export function AttachmentsSection({ entityName, id, onUploaded }: { entityName: string; id: string; onUploaded(): void }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const say = useSay(t);
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Message<MessageKey>>('');
  const [reload, setReload] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    listAttachments(entityName, id, controller.signal).then(setItems, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [entityName, id, reload]);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const saved = await uploadAttachment(entityName, id, file);
      setStatus(msg('records.attachments.uploaded', { name: saved.name }));
      if (input.current) input.current.value = '';
      setReload((n) => n + 1);
      onUploaded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const size = (bytes: number) => (bytes < 1024 ? `${formatNumber(bytes)} B` : bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, { maximumFractionDigits: 1 })} KB` : `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`);

  return (
    <section className="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('records.attachments.title')}</h2>
      {error !== null && <ErrorBanner error={error} />}
      {!items && error === null && <Loading />}
      {items && items.length === 0 && <p className="muted">{t('records.attachments.empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t('records.attachments.name')}</th>
                <th scope="col" className="kind-number">{t('records.attachments.size')}</th>
                <th scope="col">{t('records.attachments.at')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={attachmentUrl(a.id)} download={a.name} aria-label={t('records.attachments.download', { name: a.name })}>
                      {a.name}
                    </a>
                  </td>
                  <td className="kind-number">{size(a.size)}</td>
                  <td>
                    <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="upload" onSubmit={(e) => void upload(e)}>
        <label className="inline-field">
          <span>{t('records.attachments.file')}</span>
          <input ref={input} type="file" name="file" />
        </label>
        <button type="submit" className="btn btn-small" disabled={busy}>
          {busy ? t('records.attachments.uploading') : t('records.attachments.upload')}
        </button>
        {status && (
          <span className="muted" role="status">
            {say(status)}
          </span>
        )}
      </form>
    </section>
  );
}
