/** Record page sections per entity: sections in order, each an ordered list of fields (typed or picked from the entity's). */
import { useState } from 'react';
import type { LayoutChoices, RecordSection } from '../api/uiLayouts.js';
import { IssueText, move, Reorder, useIssueProps } from './issues.js';
import { LabelInputs } from './ListEditors.js';
import { useLayoutsI18n } from './messages.js';

type Records = Record<string, { sections: RecordSection[] }>;

export function RecordsEditor({ value, onChange, choices }: { value: Records; onChange(next: Records): void; choices: LayoutChoices }) {
  const { t, label } = useLayoutsI18n();
  const free = choices.entities.filter((e) => !Object.hasOwn(value, e.name));
  const [adding, setAdding] = useState('');
  const entityLabel = (name: string) => label(choices.entities.find((e) => e.name === name)?.label, name);
  const set = (entity: string, sections: RecordSection[] | null) => {
    const next = { ...value };
    if (sections) next[entity] = { sections };
    else delete next[entity];
    onChange(next);
  };
  const add = () => {
    const entity = adding || free[0]?.name;
    if (!entity) return;
    set(entity, [{ key: 'main', label: { 'zh-CN': '', en: '' }, fields: [] }]);
    setAdding('');
  };
  return (
    <>
      <p className="muted">{t('studioLayouts.recordPages.help')}</p>
      {Object.entries(value).map(([entity, { sections }]) => (
        <fieldset key={entity} className="sl-record" aria-label={t('studioLayouts.recordPage', { entity: entityLabel(entity) })}>
          <legend>{t('studioLayouts.recordPage', { entity: entityLabel(entity) })}</legend>
          <IssueText path={`/records/${entity}`} />
          {sections.map((s, i) => (
            <Section
              key={i}
              at={`/records/${entity}/sections/${i}`}
              n={i + 1}
              count={sections.length}
              section={s}
              fields={choices.entities.find((e) => e.name === entity)?.fields ?? []}
              onChange={(next) => set(entity, sections.map((x, n) => (n === i ? next : x)))}
              onMove={(by) => set(entity, move(sections, i, by))}
              onRemove={() => set(entity, sections.filter((_, n) => n !== i))}
            />
          ))}
          <div className="toolbar">
            <button type="button" className="btn btn-small" onClick={() => set(entity, [...sections, { key: `section${sections.length + 1}`, label: { 'zh-CN': '', en: '' }, fields: [] }])}>
              {t('studioLayouts.addSection')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => set(entity, null)}>
              {t('studioLayouts.removeRecordPage', { entity: entityLabel(entity) })}
            </button>
          </div>
        </fieldset>
      ))}
      {free.length > 0 && (
        <div className="sl-row">
          <label className="field">
            <span className="field-label">{t('studioLayouts.addRecordPage')}</span>
            <select aria-label={t('studioLayouts.addRecordPage')} value={adding || free[0]!.name} onChange={(e) => setAdding(e.target.value)}>
              {free.map((e) => (
                <option key={e.name} value={e.name}>
                  {label(e.label, e.name)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-small" onClick={add}>
            {t('studioLayouts.addRecordPageButton')}
          </button>
        </div>
      )}
    </>
  );
}

function Section(props: { at: string; n: number; count: number; section: RecordSection; fields: string[]; onChange(next: RecordSection): void; onMove(by: number): void; onRemove(): void }) {
  const { at, n, count, section, fields, onChange } = props;
  const { t } = useLayoutsI18n();
  const [field, setField] = useState('');
  const keyProps = useIssueProps(`${at}/key`);
  const what = t('studioLayouts.section', { n });
  const listId = `sl-fields${at.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  const addField = () => {
    const name = field.trim();
    if (!name) return;
    onChange({ ...section, fields: [...section.fields, name] });
    setField('');
  };
  return (
    <section className="sl-section" aria-label={what}>
      <div className="sl-row">
        <strong>{what}</strong>
        <label className="field">
          <span className="field-label">{t('studioLayouts.section.key')}</span>
          <input className="mono" value={section.key} {...keyProps} onChange={(e) => onChange({ ...section, key: e.target.value.trim() })} />
        </label>
        <LabelInputs value={section.label} at={at} onChange={(label) => onChange({ ...section, label: label ?? { 'zh-CN': '', en: '' } })} />
        <Reorder i={n - 1} count={count} what={what} onMove={props.onMove} onRemove={props.onRemove} />
      </div>
      <ol className="sl-fields" aria-label={t('studioLayouts.section.fields', { n })}>
        {section.fields.map((f, j) => (
          <FieldItem
            key={`${f}-${j}`}
            at={`${at}/fields/${j}`}
            name={f}
            j={j}
            count={section.fields.length}
            onMove={(by) => onChange({ ...section, fields: move(section.fields, j, by) })}
            onRemove={() => onChange({ ...section, fields: section.fields.filter((_, m) => m !== j) })}
          />
        ))}
      </ol>
      <div className="sl-row">
        <label className="field">
          <span className="field-label">{t('studioLayouts.section.addField', { n })}</span>
          <input
            list={listId}
            className="mono"
            value={field}
            onChange={(e) => setField(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addField();
              }
            }}
          />
        </label>
        <datalist id={listId}>
          {fields
            .filter((f) => !section.fields.includes(f))
            .map((f) => (
              <option key={f} value={f} />
            ))}
        </datalist>
        <button type="button" className="btn btn-small" onClick={addField}>
          {t('studioLayouts.section.add')}
        </button>
      </div>
      <IssueText path={at} />
      <IssueText path={`${at}/key`} />
      <IssueText path={`${at}/label`} below />
      <IssueText path={`${at}/fields`} />
    </section>
  );
}

function FieldItem({ at, name, j, count, onMove, onRemove }: { at: string; name: string; j: number; count: number; onMove(by: number): void; onRemove(): void }) {
  const props = useIssueProps(at);
  return (
    <li className={props['aria-invalid'] ? 'sl-field field-invalid' : 'sl-field'} data-field={name} {...props}>
      <span className="mono">{name}</span>
      <Reorder i={j} count={count} what={name} onMove={onMove} onRemove={onRemove} />
      <IssueText path={at} />
    </li>
  );
}
