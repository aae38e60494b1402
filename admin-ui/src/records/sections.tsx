/**
 * The record's fields in sections: the entity's declared layout (`layout.sections`, when the
 * metadata has one) — fields it does not place follow in "More" — else a plain split: the fields
 * themselves, then the records it points to (lookups), then structured data (JSON).
 */
import type { CrmRecord, EntityMeta, FieldMeta, Label } from '../api/index.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { FieldValue } from './FieldValue.js';

export interface LayoutSection {
  key: string;
  label: Label;
  fields: string[];
}
type WithLayout = EntityMeta & { layout?: { sections: LayoutSection[] } };

interface Section {
  key: string;
  label?: Label;
  titleKey?: MessageKey;
  fields: FieldMeta[];
}

export function sectionsOf(entity: EntityMeta): Section[] {
  const layout = (entity as WithLayout).layout?.sections;
  const byName = new Map(entity.fields.map((f) => [f.name, f]));
  let sections: Section[];
  if (layout?.length) {
    sections = layout.map((s) => ({ key: s.key, label: s.label, fields: s.fields.flatMap((n) => byName.get(n) ?? []) }));
    const placed = new Set(layout.flatMap((s) => s.fields));
    sections.push({ key: 'more', titleKey: 'records.section.more', fields: entity.fields.filter((f) => !placed.has(f.name)) });
  } else {
    sections = [
      { key: 'main', titleKey: 'records.section.main', fields: entity.fields.filter((f) => f.kind !== 'lookup' && f.kind !== 'json') },
      { key: 'relations', titleKey: 'records.section.relations', fields: entity.fields.filter((f) => f.kind === 'lookup') },
      { key: 'more', titleKey: 'records.section.more', fields: entity.fields.filter((f) => f.kind === 'json') },
    ];
  }
  return sections.filter((s) => s.fields.length > 0);
}

export function FieldSections({ entity, record }: { entity: EntityMeta; record: CrmRecord }) {
  const { t, label } = useI18n();
  return (
    <>
      {sectionsOf(entity).map((s) => {
        const headingId = `section-${s.key}`;
        return (
          <section key={s.key} className="layout-section" aria-labelledby={headingId} data-section={s.key}>
            <h2 id={headingId}>{s.titleKey ? t(s.titleKey) : label(s.label, s.key)}</h2>
            <dl className="fields">
              {s.fields.map((f) => (
                <div key={f.name} data-field={f.name}>
                  <dt>{label(f.label, f.name)}</dt>
                  <dd>
                    <FieldValue field={f} value={record[f.name]} record={{ entity: entity.name, id: record.id }} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
