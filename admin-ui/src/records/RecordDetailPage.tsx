/**
 * One record: its fields in layout sections, attachments, related records and processes; edit /
 * delete (soft, with confirm) / restore; the activity timeline and the field history on tabs.
 */
import { useCallback, useEffect, useState } from 'react';
import { ActivityTimeline } from './ActivityTimeline.js';
import { AttachmentsSection } from './AttachmentsSection.js';
import { RelatedLists } from './RelatedLists.js';
import { FieldSections } from './sections.js';
import './records.css';
import { deleteRecord, getRecord, isApiError, restoreRecord, type CrmRecord, type EntityMeta } from '../api/index.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, recordsPath } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { UserName } from '../app/session.js';
import { displayValue, lookupFieldNames, SYSTEM_FIELDS, USER_FIELDS } from './fields.js';
import { FieldValue } from './FieldValue.js';
import { HistoryTable } from './HistoryTable.js';
import { ProcessesSection } from './ProcessesSection.js';
import { PrintDocuments } from './PrintDocuments.js';

export type Tab = 'details' | 'activity' | 'history';

export function RecordDetailPage({ entityName, id, tab }: { entityName: string; id: string; tab: Tab }) {
  const { entity } = useMetadata();
  const { t } = useI18n();
  const meta = entity(entityName);
  if (!meta) return <p className="muted">{t('app.notFound')}</p>;
  return <RecordDetail entity={meta} id={id} tab={tab} />;
}

function RecordDetail({ entity, id, tab }: { entity: EntityMeta; id: string; tab: Tab }) {
  const { t, label, locale } = useI18n();
  const [record, setRecord] = useState<CrmRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [filesChanged, setFilesChanged] = useState(0);

  const load = useCallback(() => {
    setError(null);
    getRecord(entity.name, id, { expand: lookupFieldNames(entity), includeDeleted: true }).then(
      (r) => {
        setRecord(r);
        setDeleted(Boolean(r.deletedAt));
      },
      (e) => (isApiError(e) && e.status === 404 ? setMissing(true) : setError(e)),
    );
  }, [entity, id]);
  useEffect(load, [load]);

  const act = async (action: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      after();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const backLink = (
    <Link to={recordsPath(entity.name)} className="back">
      {t('record.backToList', { entities: label(entity.pluralLabel, entity.name) })}
    </Link>
  );
  if (missing) {
    return (
      <section>
        {backLink}
        <p className="banner banner-info">{t('record.notFound')}</p>
      </section>
    );
  }
  if (!record) return error !== null ? <ErrorBanner error={error} onRetry={load} /> : <Loading />;

  const title = displayValue(entity, record, locale);
  const systemFields = SYSTEM_FIELDS.filter((f) => record[f.name] !== undefined && f.name !== 'id');
  return (
    <section className="record-detail">
      {backLink}
      <div className="page-head">
        <div>
          <p className="eyebrow">{label(entity.label, entity.name)}</p>
          <h1>{title}</h1>
        </div>
        {!deleted && (
          <div className="actions">
            <PrintDocuments entity={entity.name} id={id} />
            <Link to={recordsPath(entity.name, id, 'edit')} className="btn btn-primary">
              {t('record.edit')}
            </Link>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('record.delete')}
            </button>
          </div>
        )}
      </div>
      {error !== null && <ErrorBanner error={error} />}
      {confirming && !deleted && (
        <div className="banner banner-warn" role="alertdialog" aria-label={t('record.delete')}>
          <span>{t('record.deleteConfirm', { entity: label(entity.label, entity.name) })}</span>
          <span className="actions">
            <button
              type="button"
              className="btn btn-danger btn-small"
              disabled={busy}
              onClick={() =>
                void act(
                  () => deleteRecord(entity.name, id),
                  () => {
                    setDeleted(true);
                    setConfirming(false);
                  },
                )
              }
            >
              {t('record.deleteYes')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              {t('form.cancel')}
            </button>
          </span>
        </div>
      )}
      {deleted && (
        <div className="banner banner-warn" role="status">
          <span>{t('record.deleted')}</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void act(() => restoreRecord(entity.name, id), load)}
          >
            {t('record.restore')}
          </button>
        </div>
      )}
      <nav className="tabs" aria-label={title}>
        <Link to={recordsPath(entity.name, id)} aria-current={tab === 'details' ? 'page' : undefined}>
          {t('record.details')}
        </Link>
        <Link to={recordsPath(entity.name, id, 'activity')} aria-current={tab === 'activity' ? 'page' : undefined}>
          {t('records.activity.tab')}
        </Link>
        <Link to={recordsPath(entity.name, id, 'history')} aria-current={tab === 'history' ? 'page' : undefined}>
          {t('record.history')}
        </Link>
      </nav>
      {tab === 'history' ? (
        <HistoryTable entity={entity} id={id} version={record.version} />
      ) : tab === 'activity' ? (
        <ActivityTimeline entity={entity} id={id} version={record.version + filesChanged} />
      ) : (
        <>
          <FieldSections entity={entity} record={record} />
          <h2 className="visually-hidden">{t('records.section.system')}</h2>
          <dl className="fields fields-system">
            {systemFields.map((f) => (
              <div key={f.name} data-field={f.name}>
                <dt>{label(f.label, f.name)}</dt>
                <dd>{USER_FIELDS.has(f.name) ? <UserName id={record[f.name]} /> : <FieldValue field={f} value={record[f.name]} />}</dd>
              </div>
            ))}
          </dl>
          <AttachmentsSection entityName={entity.name} id={id} onUploaded={() => setFilesChanged((n) => n + 1)} />
          <RelatedLists entity={entity} id={id} />
          <ProcessesSection entityName={entity.name} id={id} version={record.version} />
        </>
      )}
    </section>
  );
}
