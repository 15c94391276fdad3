import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { MIN_PASSWORD } from '../lib/validation';
import { chooseNewPassword, rememberedTemporaryPassword } from '../state/session';
import { ErrorNotice, Page, TextField } from '../ui/components';
import { fieldErrors } from '../ui/errors';
import { flashOnNextPage } from '../ui/flash';
import { navigate } from '../router';

/**
 * Shown instead of every page while the person is signed in with a temporary password: the server
 * refuses everything else (403 `password_change_required`) until a new password is chosen.
 */
export function ChoosePasswordPage() {
  const remembered = rememberedTemporaryPassword();
  const [temporary, setTemporary] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const current = remembered ?? temporary;
    const found: Record<string, string> = {};
    if (!current) found.current = t('validation.required');
    if (next.length < MIN_PASSWORD)
      found.password = t('validation.passwordLength', { min: MIN_PASSWORD });
    else if (next === current) found.password = t('field.unchanged');
    if (confirm !== next) found.confirm = t('validation.passwordMismatch');
    setProblems(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await chooseNewPassword(current, next);
      // Stay where the person was going; the page they asked for now shows, with the confirmation.
      flashOnNextPage(t('choose.done'));
      navigate(window.location.pathname + window.location.search, { replace: true });
    } catch (failure) {
      setError(failure);
      setProblems(fieldErrors(failure));
      setBusy(false);
    }
  };
  return (
    <Page title={t('choose.title')}>
      <form class="card narrow form" onSubmit={submit} noValidate>
        <p>{t('choose.intro')}</p>
        {error != null && <ErrorNotice error={error} />}
        {remembered == null && (
          <TextField
            label={t('choose.temporary')}
            name="current"
            type="password"
            autoComplete="current-password"
            required
            value={temporary}
            onValue={setTemporary}
            error={problems.current}
          />
        )}
        <TextField
          label={t('profile.new')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t('validation.passwordLength', { min: MIN_PASSWORD })}
          value={next}
          onValue={setNext}
          error={problems.password}
        />
        <TextField
          label={t('profile.confirm')}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onValue={setConfirm}
          error={problems.confirm}
        />
        <button type="submit" class="button" disabled={busy}>
          {t('choose.submit')}
        </button>
      </form>
    </Page>
  );
}
