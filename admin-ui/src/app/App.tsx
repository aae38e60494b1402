/** The session: ask the server who is signed in, then show the login page or the shell. */
import { useCallback, useEffect, useState } from 'react';
import { currentUser, isApiError, logout, setUnauthorizedHandler, type User } from '../api/index.js';
import { I18nProvider } from '../i18n/index.js';
import { ErrorBanner, Loading } from './feedback.js';
import { LoginPage } from './LoginPage.js';
import { Shell } from './Shell.js';

type Session =
  | { state: 'checking' }
  | { state: 'failed'; error: unknown }
  | { state: 'signed-out'; ended?: boolean }
  | { state: 'signed-in'; user: User };

export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}

function SessionGate() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  const check = useCallback(() => {
    setSession({ state: 'checking' });
    currentUser().then(
      (user) => setSession({ state: 'signed-in', user }),
      (error) => setSession(isApiError(error) && error.status === 401 ? { state: 'signed-out' } : { state: 'failed', error }),
    );
  }, []);

  useEffect(() => {
    check();
    setUnauthorizedHandler(() => setSession({ state: 'signed-out', ended: true }));
    return () => setUnauthorizedHandler(undefined);
  }, [check]);

  const signOut = useCallback(() => {
    // The session is dropped locally even if the server cannot be reached.
    logout()
      .catch(() => undefined)
      .finally(() => setSession({ state: 'signed-out' }));
  }, []);

  switch (session.state) {
    case 'checking':
      return <Loading />;
    case 'failed':
      return <ErrorBanner error={session.error} onRetry={check} />;
    case 'signed-out':
      return <LoginPage sessionEnded={session.ended} onLogin={(user) => setSession({ state: 'signed-in', user })} />;
    case 'signed-in':
      return <Shell user={session.user} onLogout={signOut} />;
  }
}
