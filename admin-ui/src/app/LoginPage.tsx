import { useState, type FormEvent } from 'react';
import { isApiError, login, type User } from '../api/index.js';
import { useI18n } from '../i18n/index.js';
import { failed, msg, useSay, type Message } from './message.js';
import type { MessageKey } from '../i18n/index.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function LoginPage({ onLogin, sessionEnded }: { onLogin(user: User): void; sessionEnded?: boolean }) {
  const { t } = useI18n();
  const say = useSay(t);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message<MessageKey> | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(msg('login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onLogin(await login(username.trim(), password));
    } catch (e) {
      setError(isApiError(e) && e.status === 401 ? msg('login.failed') : failed(e));
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} noValidate>
        <div className="login-head">
          <h1>{t('app.title')}</h1>
          <LanguageSwitch />
        </div>
        <h2>{t('login.title')}</h2>
        {sessionEnded && !error && <p className="banner banner-info">{t('login.sessionEnded')}</p>}
        {error && (
          <p className="banner banner-error" role="alert">
            {typeof error === 'object' && 'error' in error && !(isApiError(error.error) && error.error.code === 'too-many-requests') ? t('app.error', { message: say(error) }) : say(error)}
          </p>
        )}
        <label className="field">
          <span className="field-label">{t('login.username')}</span>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
