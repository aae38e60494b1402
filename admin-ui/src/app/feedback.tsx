/** Small shared pieces for waiting and failure. */
import { isApiError } from '../api/index.js';
import { useI18n, type I18n, type MessageKey } from '../i18n/index.js';

/** Problem codes with a message of their own in both catalogues; others show the server's detail. */
const PROBLEM_MESSAGES: Partial<Record<string, MessageKey>> = {
  unauthenticated: 'problem.unauthenticated',
  forbidden: 'problem.forbidden',
  'field-forbidden': 'problem.field-forbidden',
  'not-found': 'problem.not-found',
  'csrf-failed': 'problem.csrf-failed',
  'too-many-requests': 'problem.too-many-requests',
  'in-use': 'problem.in-use',
  'process-trigger-failed': 'problem.process-trigger-failed',
  'task-forbidden': 'problem.task-forbidden',
  'task-claimed': 'problem.task-claimed',
  'payload-too-large': 'problem.payload-too-large',
  internal: 'problem.internal',
};

/** What went wrong, in the user's language where the problem code is known. */
export function problemMessage(t: I18n['t'], error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const key = PROBLEM_MESSAGES[error.code];
  if (!key) return error.message;
  return t(key, { fields: error.errors.map((e) => e.path.replace(/^\//, '')).join(', ') });
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = problemMessage(t, error);
  return (
    <div className="banner banner-error" role="alert">
      <span>{t('app.error', { message })}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
