/**
 * Choose a view — the entity's declared views, then the person's own saved ones — and save the
 * list as it is now: as a new view (named inline), over the chosen saved view, or delete that one.
 */
import { useState, type FormEvent } from 'react';
import type { EntityMeta, ViewMeta } from '../api/index.js';
import { createSavedView, deleteSavedView, updateSavedView, type SavedView } from '../api/workspace.js';
import { ErrorBanner } from '../app/feedback.js';
import { msg, useSay, type Message } from '../app/message.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { savedViewBody, type ListSpec } from './listSpec.js';

interface Props {
  entity: EntityMeta;
  views: ViewMeta[];
  saved: SavedView[];
  spec: ListSpec;
  onSelect(key: string): void;
  /** A view was saved (created or replaced) or deleted: the new list of saved views, and the key to show. */
  onSavedChange(saved: SavedView[], key: string): void;
}

export function ViewPicker({ entity, views, saved, spec, onSelect, onSavedChange }: Props) {
  const { t, label } = useI18n();
  const say = useSay(t);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<Message<MessageKey>>('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const current = spec.key.startsWith('s:') ? saved.find((v) => `s:${v.id}` === spec.key) : undefined;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const saveAs = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await createSavedView(savedViewBody(entity, name.trim(), spec));
      onSavedChange([...saved, created].sort((a, b) => a.name.localeCompare(b.name)), `s:${created.id}`);
      setStatus(msg('records.view.saved', { name: created.name }));
      setNaming(false);
      setName('');
    });
  };
  const save = () =>
    current &&
    void run(async () => {
      const updated = await updateSavedView(current.id, savedViewBody(entity, current.name, spec));
      onSavedChange(
        saved.map((v) => (v.id === updated.id ? updated : v)),
        `s:${updated.id}`,
      );
      setStatus(msg('records.view.saved', { name: updated.name }));
    });
  const remove = () =>
    current &&
    void run(async () => {
      await deleteSavedView(current.id);
      setConfirmDelete(false);
      onSavedChange(
        saved.filter((v) => v.id !== current.id),
        '',
      );
    });

  return (
    <div className="view-picker">
      <label className="inline-field">
        <span>{t('records.view.label')}</span>
        <select value={spec.key} onChange={(e) => onSelect(e.target.value)} disabled={busy}>
          <option value="">{t('records.view.all')}</option>
          {views.length > 0 && (
            <optgroup label={t('records.view.shared')}>
              {views.map((v) => (
                <option key={v['x-crm-view']} value={`v:${v['x-crm-view']}`}>
                  {label(v.label, v['x-crm-view'])}
                </option>
              ))}
            </optgroup>
          )}
          {saved.length > 0 && (
            <optgroup label={t('records.view.mine')}>
              {saved.map((v) => (
                <option key={v.id} value={`s:${v.id}`}>
                  {v.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {current && (
        <>
          <button type="button" className="btn btn-small" disabled={busy} onClick={save}>
            {t('records.view.save')}
          </button>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => setConfirmDelete(true)}>
            {t('records.view.delete')}
          </button>
        </>
      )}
      {naming ? (
        <form className="view-save-form" onSubmit={saveAs}>
          <input aria-label={t('records.view.name')} placeholder={t('records.view.name')} value={name} autoFocus onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn btn-small btn-primary" disabled={busy || !name.trim()}>
            {t('form.save')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setNaming(false)}>
            {t('form.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => setNaming(true)}>
          {t('records.view.saveAs')}
        </button>
      )}
      {confirmDelete && current && (
        <div className="banner banner-warn" role="alertdialog" aria-label={t('records.view.delete')}>
          <span>{t('records.view.deleteConfirm', { name: current.name })}</span>
          <span className="actions">
            <button type="button" className="btn btn-danger btn-small" disabled={busy} onClick={remove}>
              {t('record.deleteYes')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirmDelete(false)}>
              {t('form.cancel')}
            </button>
          </span>
        </div>
      )}
      {status && (
        <span className="muted" role="status">
          {say(status)}
        </span>
      )}
      {error !== null && <ErrorBanner error={error} />}
    </div>
  );
}
