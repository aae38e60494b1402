/**
 * What happened to the record, newest first: its changes (the record's audit history, grouped per
 * save), the activities and notes linked to it (entity `activity`), and the files attached. Each
 * source is read with the user's own access; one the user may not read is left out.
 */
import { useEffect, useState } from 'react';
import { listRecords, recordHistory, type CrmRecord, type EntityMeta, type HistoryEntry } from '../api/index.js';
import { listAttachments, type Attachment } from '../api/workspace.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, recordsPath } from '../app/router.js';
import { useCurrentUser } from '../app/session.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { displayValue, findField } from './fields.js';
import { actorName } from './HistoryTable.js';
import { relationsTo } from './RelatedLists.js';

const NOTES_ENTITY = 'activity';
const NOTES_LIMIT = 50;

type Item =
  | { kind: 'change'; at: string; actor: string; action: string; fields: string[] }
  | { kind: 'activity'; at: string; record: CrmRecord }
  | { kind: 'attachment'; at: string; actor: string; attachment: Attachment };

const ACTION_KEYS: Record<string, MessageKey> = {
  create: 'records.activity.created',
  update: 'records.activity.changed',
  delete: 'records.activity.deleted',
  restore: 'records.activity.restored',
};

/** One item per save: the entries of one action by one actor at one instant. */
function changes(entries: HistoryEntry[]): Item[] {
  const items: Extract<Item, { kind: 'change' }>[] = [];
  for (const e of entries) {
    const actor = actorName(e.actor);
    const last = items[items.length - 1];
    if (last && last.at === e.at && last.actor === actor && last.action === e.action) {
      if (e.field) last.fields.push(e.field);
    } else items.push({ kind: 'change', at: e.at, actor, action: e.action, fields: e.field ? [e.field] : [] });
  }
  return items;
}

const quietly = <T,>(p: Promise<T[]>): Promise<T[]> => p.catch(() => []);

export function ActivityTimeline({ entity, id, version }: { entity: EntityMeta; id: string; version: number }) {
  const { t, label, formatDateTime, locale } = useI18n();
  const metadata = useMetadata();
  const me = useCurrentUser();
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const notes = metadata.entity(NOTES_ENTITY);
  const noteLinks = notes ? relationsTo([notes], entity.name) : [];
  const noteFields = noteLinks.map((r) => r.via.name).join(',');

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    const activities = noteFields
      ? noteFields.split(',').map((via) =>
          quietly(listRecords(NOTES_ENTITY, { filter: { field: via, op: 'eq', value: id }, limit: NOTES_LIMIT }, controller.signal).then((p) => p.items)),
        )
      : [];
    Promise.all([recordHistory(entity.name, id, controller.signal), quietly(listAttachments(entity.name, id, controller.signal)), ...activities]).then(
      ([history, attachments, ...linked]) => {
        const all: Item[] = [
          ...changes(history),
          ...(attachments as Attachment[]).map((a): Item => ({ kind: 'attachment', at: a.createdAt, actor: '', attachment: a })),
          ...(linked as CrmRecord[][]).flat().map((r): Item => ({ kind: 'activity', at: String(r.dueAt ?? r.createdAt), record: r })),
        ];
        setItems(all.sort((a, b) => b.at.localeCompare(a.at)));
      },
      (e) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [entity.name, id, version, noteFields]);

  const fieldNames = (names: string[]) => names.map((n) => label(findField(entity, n)?.label, n)).join(', ');
  const someone = t('records.activity.someone');

  return (
    <section className="timeline-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('records.activity.title')}</h2>
      {error !== null && <ErrorBanner error={error} />}
      {!items && error === null && <Loading />}
      {items && items.length === 0 && <p className="muted">{t('records.activity.empty')}</p>}
      {items && items.length > 0 && (
        <ol className="timeline">
          {items.map((item, i) => (
            <li key={i} className={`kind-${item.kind}`}>
              <time dateTime={item.at}>{formatDateTime(item.at)}</time>
              {item.kind === 'change' && (
                <span>
                  {ACTION_KEYS[item.action]
                    ? t(ACTION_KEYS[item.action]!, { actor: item.actor === '—' ? someone : item.actor, fields: fieldNames(item.fields) })
                    : item.action}
                </span>
              )}
              {item.kind === 'attachment' && (
                <span>{t('records.activity.attached', { actor: item.attachment.createdBy === me.id ? me.displayName || me.username : someone, name: item.attachment.name })}</span>
              )}
              {item.kind === 'activity' && notes && (
                <>
                  <Link to={recordsPath(NOTES_ENTITY, item.record.id)}>
                    {t('records.activity.activity', {
                      type: label(notes.fields.find((f) => f.name === 'type')?.enumLabels?.[String(item.record.type)], String(item.record.type ?? '')),
                      subject: displayValue(notes, item.record, locale),
                    })}
                  </Link>
                  {typeof item.record.notes === 'string' && item.record.notes && <p className="detail">{item.record.notes}</p>}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
