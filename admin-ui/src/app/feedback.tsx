/** Small shared pieces for waiting and failure. */
import { createContext, useCallback, useContext } from 'react';
import { isApiError, type FieldError, type Label } from '../api/index.js';
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
  'metadata-invalid': 'problem.metadata-invalid',
  'unsafe-change': 'problem.unsafe-change',
  'migration-failed': 'problem.migration-failed',
  internal: 'problem.internal',
};

/** Field error codes (errors[].code of record writes) with a message in both catalogues; their params fill it. */
const FIELD_ERROR_MESSAGES: Partial<Record<string, MessageKey>> = {
  'transition-not-allowed': 'problem.code.transition-not-allowed',
  'stale-version': 'problem.code.stale-version',
  'field-forbidden': 'problem.code.field-forbidden',
  required: 'problem.code.required',
  unique: 'problem.code.unique',
  taken: 'problem.code.taken',
};

/** The labels of the fields and enum values coded errors name: MetadataProvider provides them from the published metadata. */
export interface ProblemLabels {
  field(entity: string, field: string): Label | undefined;
  value(entity: string, field: string, value: string): Label | undefined;
}
const ProblemLabelsContext = createContext<ProblemLabels | null>(null);
export const ProblemLabelsProvider = ProblemLabelsContext.Provider;

/** One field error in the user's language when its code is known (field and values by their labels); null otherwise. */
export function codedErrorText(i18n: Pick<I18n, 't' | 'label' | 'locale'>, labels: ProblemLabels | null, e: FieldError): string | null {
  const p = e.params ?? {};
  const allowed = Array.isArray(p.allowed) ? p.allowed : [];
  // A state with no way on (e.g. signed) has a message of its own.
  const key = e.code === 'transition-not-allowed' && allowed.length === 0 ? 'problem.code.transition-final' : e.code ? FIELD_ERROR_MESSAGES[e.code] : undefined;
  if (!key) return null;
  const entity = String(p.entity ?? '');
  const field = String(p.field ?? '');
  const value = (v: unknown) => i18n.label(labels?.value(entity, field, String(v)), String(v));
  return i18n.t(key, {
    field: i18n.label(labels?.field(entity, field), field),
    from: value(p.from),
    to: value(p.to),
    allowed: new Intl.ListFormat(i18n.locale, { type: 'disjunction' }).format(allowed.map(value)),
    expected: String(p.expected ?? ''),
    current: String(p.current ?? ''),
    value: String(p.value ?? ''),
  });
}

/** A field error in the user's language: its code's message, else the server's text. */
export function useFieldErrorText(): (e: FieldError) => string {
  const i18n = useI18n();
  const labels = useContext(ProblemLabelsContext);
  return useCallback((e: FieldError) => codedErrorText(i18n, labels, e) ?? e.message, [i18n, labels]);
}

/**
 * Codes the server leaves in English for clients to word (README "Errors"): the record writes' and
 * task completions' field error codes. Any other code is one of the server's issue catalogue
 * (metadata/issue-texts/), whose `message` the server already said in the UI's language.
 */
const CLIENT_WORDED = new Set([...Object.keys(FIELD_ERROR_MESSAGES), 'invalid-value', 'no-reference']);

/** problemMessage with coded field errors said in the user's language (ours, or the server's words for its catalogue's codes). */
export function useProblemMessage(): (error: unknown) => string {
  const i18n = useI18n();
  const labels = useContext(ProblemLabelsContext);
  return useCallback(
    (error: unknown) => problemMessage(i18n.t, error, (e) => codedErrorText(i18n, labels, e) ?? (e.code && !CLIENT_WORDED.has(e.code) ? e.message : null)),
    [i18n, labels],
  );
}

/**
 * What went wrong, in the user's language: the coded field errors' messages when `coded` knows
 * every one (see useProblemMessage), else the problem code's message, else the server's detail.
 */
function problemMessage(t: I18n['t'], error: unknown, coded: (e: FieldError) => string | null): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const texts = error.errors.map(coded);
  if (texts.length > 0 && texts.every((x) => x !== null)) return texts.join(' ');
  const key = PROBLEM_MESSAGES[error.code];
  if (!key) return error.message;
  return t(key, { fields: error.errors.map((e) => e.path.replace(/^\//, '')).join(', '), count: error.errors.length });
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
  const message = useProblemMessage()(error);
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
