/**
 * Records of other entities that point to this one (a lookup to its entity): one collapsible list
 * per lookup, with its count, opened when it has any. Only entities the user may read are in the
 * metadata, and the server answers only records they may see.
 */
import { useEffect, useState } from 'react';
import { listRecords, type CrmRecord, type EntityMeta, type FieldMeta } from '../api/index.js';
import { ErrorBanner } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, recordsPath } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { displayValue } from './fields.js';
import { FieldValue } from './FieldValue.js';

const SHOWN = 10;

interface Relation {
  entity: EntityMeta;
  via: FieldMeta;
}

export function relationsTo(entities: EntityMeta[], target: string): Relation[] {
  return entities.flatMap((entity) => entity.fields.filter((f) => f.kind === 'lookup' && f.lookup?.entity === target).map((via) => ({ entity, via })));
}

export function RelatedLists({ entity, id }: { entity: EntityMeta; id: string }) {
  const { t } = useI18n();
  const { entities } = useMetadata();
  const relations = relationsTo(entities, entity.name);
  if (relations.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-title">
      <h2 id="related-title">{t('records.related.title')}</h2>
      {relations.map((r) => (
        <RelatedList key={`${r.entity.name}.${r.via.name}`} relation={r} id={id} />
      ))}
    </section>
  );
}

function RelatedList({ relation, id }: { relation: Relation; id: string }) {
  const { t, label, formatNumber, locale } = useI18n();
  const { entity, via } = relation;
  const [page, setPage] = useState<{ items: CrmRecord[]; count: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    listRecords(entity.name, { filter: { field: via.name, op: 'eq', value: id }, limit: SHOWN, count: true, sort: [{ field: 'updatedAt', direction: 'desc' }] }, controller.signal).then(
      (p) => setPage({ items: p.items, count: p.count ?? p.items.length }),
      (e) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [entity.name, via.name, id]);

  const extra = entity.fields.filter((f) => f.name !== entity.displayField && f.name !== via.name && f.kind !== 'json' && f.kind !== 'lookup').slice(0, 3);
  const count = page?.count ?? 0;
  return (
    <details open={count > 0} data-related={`${entity.name}.${via.name}`}>
      <summary>{t('records.related.count', { entities: label(entity.pluralLabel, entity.name), field: label(via.label, via.name), count: page ? formatNumber(count) : '…' })}</summary>
      {error !== null && <ErrorBanner error={error} />}
      {page && page.items.length === 0 && <p className="muted">{t('records.related.none')}</p>}
      {page && page.items.length > 0 && (
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{label(entity.fields.find((f) => f.name === entity.displayField)?.label, entity.displayField)}</th>
              {extra.map((f) => (
                <th key={f.name} scope="col" className={`kind-${f.kind}`}>
                  {label(f.label, f.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={recordsPath(entity.name, r.id)}>{displayValue(entity, r, locale)}</Link>
                </td>
                {extra.map((f) => (
                  <td key={f.name} className={`kind-${f.kind}`}>
                    <FieldValue field={f} value={r[f.name]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.items.length < count && <p className="muted">{t('records.related.showing', { shown: formatNumber(page.items.length), count: formatNumber(count) })}</p>}
    </details>
  );
}
