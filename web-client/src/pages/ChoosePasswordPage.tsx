import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { chooseNewPassword, rememberedTemporaryPassword } from '../state/session';
import { ErrorNotice, Page, TextField } from '../ui/components';
import { NewPasswordFields, passwordChangeProblems } from '../ui/NewPasswordFields';
import { fieldErrors } from '../ui/errors';
import { useSubmit } from '../ui/submit';
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
  const { busy, error, setError, run } = useSubmit();
  const submit = (event: Event) => {
    event.preventDefault();
    const current = remembered ?? temporary;
    const found = passwordChangeProblems(current, next, confirm, true);
    setProblems(found);
    setError(null);
    if (Object.keys(found).length) return;
    void run(
      async () => {
        await chooseNewPassword(current, next);
        // Stay where the person was going; the page they asked for now shows, with the confirmation.
        flashOnNextPage(t('choose.done'));
        navigate(window.location.pathname + window.location.search, { replace: true });
      },
      (failure) => setProblems(fieldErrors(failure)),
    );
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
        <NewPasswordFields
          next={next}
          confirm={confirm}
          onNext={setNext}
          onConfirm={setConfirm}
          problems={problems}
        />
        <button type="submit" class="button" disabled={busy}>
          {t('choose.submit')}
        </button>
      </form>
    </Page>
  );
}
