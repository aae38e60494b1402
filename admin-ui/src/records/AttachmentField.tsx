/**
 * An attachment field on the record's form (a lazy chunk): the record's own files to choose from,
 * and an upload. A record not saved yet has no files: it says so (the server refuses ids then).
 */
import { usePickerI18n } from '../pickers/messages.js';
import { AttachmentPicker } from '../pickers/AttachmentPicker.js';

export interface AttachmentFieldProps {
  id: string;
  label: string;
  record: { entity: string; id: string } | null;
  multiple: boolean;
  /** The chosen ids, comma-separated (the form's inputs are strings). */
  value: string;
  onChange(value: string): void;
  describedBy?: string;
}

export function AttachmentField({ id, label, record, multiple, value, onChange, describedBy }: AttachmentFieldProps) {
  const { t } = usePickerI18n();
  if (!record) return <p id={id} className="muted">{t('picker.attachments.saveFirst')}</p>;
  const ids = value.split(',').filter(Boolean);
  return <AttachmentPicker id={id} label={label} record={record} multiple={multiple} value={ids} onChange={(next) => onChange(next.join(','))} describedBy={describedBy} />;
}
