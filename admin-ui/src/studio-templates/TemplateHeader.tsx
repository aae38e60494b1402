/** The editor's head: back to the list, the template's entity and title, and delete after a confirmation. */
import { useState } from 'react';
import { deleteDocumentTemplate } from '../api/studioTemplates.js';
import { Link, navigate } from '../app/router.js';
import { useText } from './messages.js';

interface Props {
  templateKey: string;
  entityLabel: string;
  title: string;
  /** A failed delete's error; null when a delete starts. */
  onFailure: (error: unknown) => void;
}

export function TemplateHeader({ templateKey, entityLabel, title, onFailure }: Props) {
  const { t } = useText();
  const [confirmDelete, setConfirmDelete] = useState(false);

  const remove = async () => {
    onFailure(null);
    try {
      await deleteDocumentTemplate(templateKey);
      navigate('/studio/templates');
    } catch (e) {
      setConfirmDelete(false);
      onFailure(e);
    }
  };

  return (
    <>
      <Link to="/studio/templates" className="back">
        {t('back')}
      </Link>
      <div className="page-head">
        <div>
          <p className="eyebrow">{entityLabel}</p>
          <h1>{title}</h1>
        </div>
        {!confirmDelete && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)}>
            {t('delete')}
          </button>
        )}
      </div>
      {confirmDelete && (
        <div className="banner banner-info" role="alertdialog" aria-labelledby="template-delete-question">
          <p id="template-delete-question">{t('deleteConfirm', { name: title })}</p>
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            {t('deleteYes')}
          </button>{' '}
          <button type="button" className="btn" autoFocus onClick={() => setConfirmDelete(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </>
  );
}
