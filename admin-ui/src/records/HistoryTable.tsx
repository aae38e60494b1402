/** The audit entries of one record, newest first. */
import { useEffect, useState } from 'react';
import { recordHistory, type EntityMeta, type HistoryEntry } from '../api/index.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { findField } from './fields.js';
import { FieldValue } from './FieldValue.js';

const ACTIONS: Record<string, MessageKey> = {
  create: 'action.create',
  update: 'action.update',
  delete: 'action.delete',
  restore: 'action.restore',
};

export function HistoryTable({ entity, id, version }: { entity: EntityMeta; id: string; version: number }) {
  const { t, label, formatDateTime } = useI18n();
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    recordHistory(entity.name, id, controller.signal).then(
      (entries) => setItems([...entries].reverse()),
      (e) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [entity.name, id, version]);

  if (error !== null) return <ErrorBanner error={error} />;
  if (!items) return <Loading />;
  if (items.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="history">
        <thead>
          <tr>
            <th scope="col">{t('history.at')}</th>
            <th scope="col">{t('history.actor')}</th>
            <th scope="col">{t('history.action')}</th>
            <th scope="col">{t('history.field')}</th>
            <th scope="col">{t('history.before')}</th>
            <th scope="col">{t('history.after')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry, i) => {
            const field = entry.field ? findField(entity, entry.field) : undefined;
            return (
              <tr key={entry.id ?? i}>
                <td>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td>{actorName(entry.actor)}</td>
                <td>{ACTIONS[entry.action] ? t(ACTIONS[entry.action]!) : entry.action}</td>
                <td>{entry.field ? label(field?.label, entry.field) : '—'}</td>
                <td>
                  <ChangeValue entity={entity} entry={entry} value={entry.before} />
                </td>
                <td>
                  <ChangeValue entity={entity} entry={entry} value={entry.after} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function actorName(actor: HistoryEntry['actor']): string {
  if (!actor) return '—';
  if (typeof actor === 'string') return actor;
  return actor.displayName || actor.username || actor.id || '—';
}

/** A changed value; a whole-record snapshot (no field) is listed field by field. */
function ChangeValue({ entity, entry, value }: { entity: EntityMeta; entry: HistoryEntry; value: unknown }) {
  const { label } = useI18n();
  if (entry.field || !value || typeof value !== 'object' || Array.isArray(value)) {
    return <FieldValue field={entry.field ? findField(entity, entry.field) : undefined} value={value} />;
  }
  const shown = entity.fields.filter((f) => {
    const v = (value as Record<string, unknown>)[f.name];
    return v !== undefined && v !== null && v !== '';
  });
  return (
    <dl className="snapshot">
      {shown.map((f) => (
        <div key={f.name}>
          <dt>{label(f.label, f.name)}</dt>
          <dd>
            <FieldValue field={f} value={(value as Record<string, unknown>)[f.name]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
