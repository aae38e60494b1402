/** Indexes, unique rules and duplicate rules of an entity (x-crm-indexes, x-crm-unique, x-crm-duplicate-rules). */
import { useState } from 'react';
import type { IndexRule } from '../api/studioModel.js';
import { useStudioI18n as useI18n, type StudioKey } from './messages.js';
import type { TabProps } from './EntityEditor.js';
import { setList } from './fieldModel.js';

type RuleKey = 'x-crm-indexes' | 'x-crm-unique';

export function RulesTab({ doc, save }: TabProps) {
  const { t, label } = useI18n();
  const [kind, setKind] = useState<RuleKey>('x-crm-unique');
  const [chosen, setChosen] = useState<string[]>([]);
  const fields = Object.keys(doc.properties ?? {});
  const remove = (key: RuleKey | 'x-crm-duplicate-rules', i: number) => {
    const next = { ...doc };
    setList(next, key, ((doc[key] ?? []) as unknown[]).filter((_, n) => n !== i));
    save(next).catch(() => undefined);
  };
  const add = () => {
    if (!chosen.length) return;
    const next = { ...doc };
    setList(next, kind, [...((doc[kind] ?? []) as IndexRule[]), { fields: chosen }]);
    save(next).then(() => setChosen([]), () => undefined);
  };
  const ruleList = (key: RuleKey) => (
    <section aria-labelledby={`sm-${key}`}>
      <h2 id={`sm-${key}`}>{t(`studioModel.rules.${key}` as StudioKey)}</h2>
      {(doc[key] ?? []).length === 0 && <p className="muted">{t('studioModel.none')}</p>}
      <ul className="sm-rules">
        {(doc[key] ?? []).map((r, i) => (
          <li key={i}>
            <span className="mono">{r.fields.join(' + ')}</span>
            {r.name && <span className="muted"> ({r.name})</span>}{' '}
            <button type="button" className="btn btn-small" aria-label={t('studioModel.rules.remove', { fields: r.fields.join(' + ') })} onClick={() => remove(key, i)}>
              {t('studioModel.remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <>
      {ruleList('x-crm-unique')}
      {ruleList('x-crm-indexes')}
      <fieldset className="sm-add-rule">
        <legend>{t('studioModel.rules.add')}</legend>
        <label>
          {t('studioModel.rules.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as RuleKey)}>
            <option value="x-crm-unique">{t('studioModel.rules.x-crm-unique')}</option>
            <option value="x-crm-indexes">{t('studioModel.rules.x-crm-indexes')}</option>
          </select>
        </label>
        <div className="sm-checks" role="group" aria-label={t('studioModel.rules.fields')}>
          {fields.map((f) => (
            <label key={f}>
              <input type="checkbox" checked={chosen.includes(f)} onChange={(e) => setChosen(e.target.checked ? [...chosen, f] : chosen.filter((x) => x !== f))} /> {f}
            </label>
          ))}
        </div>
        <button type="button" className="btn" onClick={add} disabled={!chosen.length}>
          {t('studioModel.rules.addButton')}
        </button>
      </fieldset>
      <section aria-labelledby="sm-dups">
        <h2 id="sm-dups">{t('studioModel.rules.duplicates')}</h2>
        {(doc['x-crm-duplicate-rules'] ?? []).length === 0 && <p className="muted">{t('studioModel.none')}</p>}
        <ul className="sm-rules">
          {(doc['x-crm-duplicate-rules'] ?? []).map((r, i) => (
            <li key={r.name}>
              {label(r.label, r.name)}: <span className="mono">{r.fields.map((f) => `${f.field} (${f.normalise})`).join(' + ')}</span>{' '}
              <button type="button" className="btn btn-small" aria-label={t('studioModel.rules.remove', { fields: r.name })} onClick={() => remove('x-crm-duplicate-rules', i)}>
                {t('studioModel.remove')}
              </button>
            </li>
          ))}
        </ul>
        <p className="muted">{t('studioModel.rules.duplicatesHint')}</p>
      </section>
    </>
  );
}
