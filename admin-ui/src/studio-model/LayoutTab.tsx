/**
 * The record layout (x-crm-layout): labelled sections in order, each listing fields — how a record
 * page reads. A field sits in at most one section; fields no section lists follow at the end.
 */
import { useState } from 'react';
import type { LayoutSection } from '../api/studioModel.js';
import { useStudioI18n as useI18n } from './messages.js';
import type { TabProps } from './EntityEditor.js';

export function LayoutTab({ doc, save }: TabProps) {
  const { t } = useI18n();
  const [sections, setSections] = useState<LayoutSection[]>(() => structuredClone(doc['x-crm-layout']?.sections ?? []));
  const fields = Object.keys(doc.properties ?? {});
  const placed = (f: string) => sections.findIndex((s) => s.fields.includes(f));
  const update = (i: number, patch: Partial<LayoutSection>) => setSections(sections.map((s, n) => (n === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: number) => {
    const next = [...sections];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s);
    setSections(next);
  };
  const write = () => {
    const kept = sections.filter((s) => s.fields.length);
    // Spreading keeps an existing layout where it stands in the document (no reordering in git).
    const { 'x-crm-layout': _old, ...rest } = doc;
    save(kept.length ? { ...doc, 'x-crm-layout': { sections: kept } } : { ...rest, 'x-crm-entity': doc['x-crm-entity'] }).catch(() => undefined);
  };
  return (
    <>
      <p className="muted">{t('studioModel.layout.hint')}</p>
      {sections.map((s, i) => (
        <fieldset key={i} className="sm-section">
          <legend>{t('studioModel.layout.section', { n: i + 1 })}</legend>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">{t('studioModel.layout.key')}</span>
              <input className="mono" value={s.key} onChange={(e) => update(i, { key: e.target.value.trim() })} />
            </label>
            <label className="field">
              <span className="field-label">{t('studioModel.field.labelZh')}</span>
              <input lang="zh-CN" value={s.label['zh-CN']} onChange={(e) => update(i, { label: { ...s.label, 'zh-CN': e.target.value } })} />
            </label>
            <label className="field">
              <span className="field-label">{t('studioModel.field.labelEn')}</span>
              <input lang="en" value={s.label.en} onChange={(e) => update(i, { label: { ...s.label, en: e.target.value } })} />
            </label>
          </div>
          <div className="sm-checks" role="group" aria-label={t('studioModel.layout.fieldsOf', { n: i + 1 })}>
            {fields.map((f) => {
              const at = placed(f);
              return (
                <label key={f}>
                  <input
                    type="checkbox"
                    checked={s.fields.includes(f)}
                    disabled={at >= 0 && at !== i}
                    onChange={(e) => update(i, { fields: e.target.checked ? [...s.fields, f] : s.fields.filter((x) => x !== f) })}
                  />{' '}
                  {f}
                </label>
              );
            })}
          </div>
          <div className="toolbar">
            <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
              {t('studioModel.layout.up')}
            </button>
            <button type="button" className="btn btn-small" disabled={i === sections.length - 1} onClick={() => move(i, 1)}>
              {t('studioModel.layout.down')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setSections(sections.filter((_, n) => n !== i))}>
              {t('studioModel.layout.removeSection')}
            </button>
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setSections([...sections, { key: `section${sections.length + 1}`, label: { 'zh-CN': '', en: '' }, fields: [] }])}>
          {t('studioModel.layout.addSection')}
        </button>
        <button type="button" className="btn btn-primary" onClick={write}>
          {t('studioModel.layout.save')}
        </button>
      </div>
    </>
  );
}
