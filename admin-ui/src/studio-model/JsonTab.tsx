/** The entity document itself, as JSON (what metadata/entities/<name>.json holds), for anything the forms do not cover. */
import { useState } from 'react';
import type { EntityDoc } from '../api/studioModel.js';
import { useStudioI18n as useI18n } from './messages.js';
import type { TabProps } from './EntityEditor.js';

export function JsonTab({ doc, save }: TabProps) {
  const { t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(doc, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setProblem(t('studioModel.json.invalid', { message: (e as Error).message }));
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setProblem(t('studioModel.json.notObject'));
      return;
    }
    setProblem(null);
    save(parsed as EntityDoc).catch(() => undefined);
  };
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor="sm-json">
        {t('studioModel.json.label', { file: `entities/${doc['x-crm-entity']}.json` })}
      </label>
      <textarea id="sm-json" className="mono sm-json" rows={24} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'sm-json-problem' : undefined} />
      {problem && (
        <ul className="field-errors" id="sm-json-problem">
          <li>{problem}</li>
        </ul>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={submit}>
          {t('studioModel.json.save')}
        </button>
      </div>
    </div>
  );
}
