/** Shows one field's value the way people read it: localised enum labels, numbers, dates, links. */
import { lazy, Suspense } from 'react';
import type { EntityMeta, FieldMeta } from '../api/index.js';
import { Link, recordsPath } from '../app/router.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { useI18n } from '../i18n/index.js';
import { displayValue, relatedId } from './fields.js';

const AttachmentValue = lazy(() => import('./AttachmentValue.js').then((m) => ({ default: m.AttachmentValue })));

/** `record`: the record the value is of (an attachment field names that record's files). */
export function FieldValue({ field, value, record }: { field: FieldMeta | undefined; value: unknown; record?: { entity: string; id: string } }) {
  const i18n = useI18n();
  const { entity } = useMetadata();
  if (value === undefined || value === null || value === '') return <span className="muted">—</span>;
  if (!field) return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;

  switch (field.kind) {
    case 'boolean':
      return <>{value ? i18n.t('value.yes') : i18n.t('value.no')}</>;
    case 'enum':
      return <span className="chip">{i18n.label(field.enumLabels?.[String(value)], String(value))}</span>;
    case 'integer':
    case 'number':
      return <span className="num">{formatNumeric(value, (n) => i18n.formatNumber(n))}</span>;
    case 'money':
      return (
        <span className="num">
          {formatNumeric(value, (n) => i18n.formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 }))}
        </span>
      );
    case 'percent':
      return <span className="num">{formatNumeric(value, (n) => `${i18n.formatNumber(n)} %`)}</span>;
    case 'datetime':
      return <time dateTime={String(value)}>{i18n.formatDateTime(String(value))}</time>;
    case 'email':
      return <a href={`mailto:${String(value)}`}>{String(value)}</a>;
    case 'url':
      return (
        <a href={String(value)} target="_blank" rel="noreferrer noopener">
          {String(value)}
        </a>
      );
    case 'lookup':
      return <LookupValue related={field.lookup ? entity(field.lookup.entity) : undefined} value={value} />;
    case 'json':
      return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
    case 'attachment': {
      const ids = (Array.isArray(value) ? value : [value]).map(String);
      if (ids.length === 0) return <span className="muted">—</span>;
      if (!record) return <span className="num">{i18n.formatNumber(ids.length)}</span>;
      return (
        <Suspense fallback={null}>
          <AttachmentValue record={record} ids={ids} />
        </Suspense>
      );
    }
    default:
      return <>{String(value)}</>;
  }
}

function LookupValue({ related, value }: { related: EntityMeta | undefined; value: unknown }) {
  const { locale } = useI18n();
  const id = relatedId(value);
  if (!id) return <span className="muted">—</span>;
  const name = typeof value === 'object' ? displayValue(related, value as { id: string }, locale) : id;
  if (!related) return <>{name}</>;
  return <Link to={recordsPath(related.name, id)}>{name}</Link>;
}

function formatNumeric(value: unknown, format: (n: number) => string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? format(n) : String(value);
}
