/** Create an entity in the draft: API name and labels, with a first text field `name` (an entity needs one field). */
import { useState, type FormEvent } from 'react';
import { useProblemMessage } from '../app/feedback.js';
import { navigate } from '../app/router.js';
import { useStudioI18n as useI18n } from './messages.js';
import { useDraft } from './draftContext.js';
import { NAME_PATTERN } from './fieldModel.js';

export function NewEntityForm() {
  const { t } = useI18n();
  const problemMessage = useProblemMessage();
  const { draft, saveEntity } = useDraft();
  const [name, setName] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const taken = draft.documents.entities.some((x) => x['x-crm-entity'] === name);
    const p = !NAME_PATTERN.test(name) ? t('studioModel.problem.invalidName') : taken ? t('studioModel.problem.entityClash', { name }) : !zh.trim() || !en.trim() ? t('studioModel.problem.labels') : null;
    setProblem(p);
    if (p) return;
    try {
      await saveEntity({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `crm:entity/${name}`,
        type: 'object',
        'x-crm-entity': name,
        'x-crm-label': { 'zh-CN': zh, en },
        required: ['name'],
        properties: { name: { type: 'string', maxLength: 200, minLength: 1, 'x-crm-label': { 'zh-CN': '名称', en: 'Name' } } },
        additionalProperties: false,
      });
      navigate(`/studio/model/entities/${name}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="sm-new-entity" onSubmit={submit} noValidate aria-labelledby="sm-new-entity">
      <h2 id="sm-new-entity">{t('studioModel.newEntity')}</h2>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {problemMessage(error)}
        </div>
      )}
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('studioModel.apiName')}</span>
          <input className="mono" value={name} onChange={(e) => setName(e.target.value.trim())} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'sm-new-entity-problem' : undefined} />
        </label>
        <label className="field">
          <span className="field-label">{t('studioModel.field.labelZh')}</span>
          <input lang="zh-CN" value={zh} onChange={(e) => setZh(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('studioModel.field.labelEn')}</span>
          <input lang="en" value={en} onChange={(e) => setEn(e.target.value)} />
        </label>
      </div>
      {problem && (
        <ul className="field-errors" id="sm-new-entity-problem">
          <li>{problem}</li>
        </ul>
      )}
      <button type="submit" className="btn">
        {t('studioModel.createEntity')}
      </button>
    </form>
  );
}
