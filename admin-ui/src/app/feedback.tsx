/** Small shared pieces for waiting and failure. */
import { useI18n } from '../i18n/index.js';

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
  const message = error instanceof Error ? error.message : String(error);
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
