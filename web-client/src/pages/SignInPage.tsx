import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { t, tn } from '../i18n';
import { sessionEndedNotice, signIn } from '../state/session';
import { Page, StatusNotice, TextField } from '../ui/components';
import { describeError } from '../ui/errors';

/** "30 secondes", "2 minutes": how long to wait after a 429. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return tn('duration.seconds', Math.max(1, seconds));
  return tn('duration.minutes', Math.ceil(seconds / 60));
}

export function SignInPage(_props: { next: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const [canRetry, setCanRetry] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (blockedUntil == null) return;
    const timer = setTimeout(
      () => {
        setBlockedUntil(null);
        setCanRetry(true);
      },
      Math.max(0, blockedUntil - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [blockedUntil]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || blockedUntil != null) return;
    setCanRetry(false);
    if (!email.trim() || !password) {
      setError(t('signin.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      // the shell's guard takes the person to `next` or the directory
    } catch (failure) {
      setPassword('');
      if (failure instanceof ApiError && failure.status === 429) {
        const wait = failure.retryAfter;
        setError(
          wait != null
            ? t('signin.throttled', { wait: formatWait(wait) })
            : t('signin.throttledNoWait'),
        );
        setBlockedUntil(Date.now() + (wait ?? 60) * 1000);
      } else if (failure instanceof ApiError && failure.status === 401) {
        setError(failure.message || t('signin.invalid'));
        emailRef.current?.focus();
      } else {
        setError(describeError(failure));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signin.title')}>
      <div class="card narrow">
        {sessionEndedNotice.value && (
          <StatusNotice tone="info">{t('signin.sessionEnded')}</StatusNotice>
        )}
        <p>{t('signin.intro')}</p>
        {error && (
          <div class="notice notice-error" role="alert" id="signin-error">
            <p>{error}</p>
          </div>
        )}
        {canRetry && <StatusNotice tone="info">{t('signin.retryNow')}</StatusNotice>}
        <form onSubmit={submit} noValidate aria-describedby={error ? 'signin-error' : undefined}>
          <TextField
            label={t('signin.email')}
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onValue={setEmail}
            inputRef={emailRef}
          />
          <TextField
            label={t('signin.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
          <button type="submit" class="button" disabled={busy || blockedUntil != null}>
            {busy ? t('signin.submitting') : t('signin.submit')}
          </button>
        </form>
      </div>
    </Page>
  );
}
