/**
 * The choice of attachments of one record (a task's record): its files as checkboxes (one file:
 * radio buttons), and an upload that adds a file to the record and chooses it. The server checks
 * on completion that each id is an attachment of that record.
 */
import { useEffect, useId, useState } from 'react';
import { attachments, attachmentUrl, uploadAttachment, type Attachment } from '../api/tasks.js';
import { failed, msg, useSay, type Message } from '../app/message.js';
import { usePickerI18n } from './messages.js';

/** Fired on window when a file is added, so other lists of the record's attachments read again. */
export const ATTACHMENTS_CHANGED = 'crm:attachments-changed';

export interface AttachmentPickerProps {
  id: string;
  /** What the choice is (the field's label): the group's accessible name. */
  label: string;
  record: { entity: string; id: string } | null;
  multiple: boolean;
  value: string[];
  onChange(ids: string[]): void;
  disabled?: boolean;
  describedBy?: string;
}

export function AttachmentPicker({ id, label, record, multiple, value, onChange, disabled, describedBy }: AttachmentPickerProps) {
  const { t, formatNumber } = usePickerI18n();
  const say = useSay(t);
  const name = useId();
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [message, setMessage] = useState<Message<Parameters<typeof t>[0]>>('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!record) return;
    const controller = new AbortController();
    attachments(record.entity, record.id, controller.signal).then(setItems, (e: unknown) => {
      if (!controller.signal.aborted) setMessage(failed(e));
    });
    return () => controller.abort();
  }, [record, version, t]);
  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    window.addEventListener(ATTACHMENTS_CHANGED, again);
    return () => window.removeEventListener(ATTACHMENTS_CHANGED, again);
  }, []);

  if (!record) return <p className="muted">{t('picker.attachments.noRecord')}</p>;
  const toggle = (a: string, on: boolean) => onChange(multiple ? (on ? [...value.filter((v) => v !== a), a] : value.filter((v) => v !== a)) : on ? [a] : []);
  return (
    <div id={id} className="attachment-picker" role="group" aria-label={label} aria-describedby={describedBy}>
      {items === null ? null : items.length === 0 ? (
        <p className="muted">{t('picker.attachments.none')}</p>
      ) : (
        <ul className="attachment-choices">
          {items.map((a) => (
            <li key={a.id}>
              <label>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={name}
                  value={a.id}
                  checked={value.includes(a.id)}
                  disabled={disabled}
                  onChange={(e) => toggle(a.id, e.target.checked)}
                />{' '}
                {a.name}
              </label>{' '}
              <span className="muted">({formatNumber(Math.ceil(a.size / 1024))} KB)</span>{' '}
              <a href={attachmentUrl(a.id)} download={a.name} aria-label={t('picker.attachments.download', { name: a.name })}>
                {t('picker.attachments.downloadShort')}
              </a>
            </li>
          ))}
        </ul>
      )}
      <UploadField
        label={t('picker.attachments.upload')}
        record={record}
        disabled={disabled}
        onUploaded={(added) => {
          setItems((list) => [added, ...(list ?? []).filter((a) => a.id !== added.id)]);
          onChange(multiple ? [...value, added.id] : [added.id]);
          setMessage(msg('picker.attachments.added', { name: added.name }));
        }}
        onFailed={(err) => setMessage(failed(err))}
      />
      <p role="status" className="muted">
        {say(message)}
      </p>
    </div>
  );
}

/** A labelled file input that uploads the chosen file to the record and tells the other lists of its attachments. */
export function UploadField(props: { label: string; record: { entity: string; id: string }; disabled?: boolean; onUploaded(added: Attachment): void; onFailed(error: unknown): void }) {
  const { label, record, disabled, onUploaded, onFailed } = props;
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="file"
        disabled={disabled}
        onChange={async (e) => {
          const input = e.target;
          const file = input.files?.[0];
          if (!file) return;
          try {
            const added = await uploadAttachment(record.entity, record.id, file);
            window.dispatchEvent(new Event(ATTACHMENTS_CHANGED));
            onUploaded(added);
          } catch (err) {
            onFailed(err);
          }
          input.value = '';
        }}
      />
    </label>
  );
}
