import { useState } from 'preact/hooks';
import type { Locale } from '../api/types';
import { isLocale, locale, t } from '../i18n';
import { api, changeLocale, currentUser, updateCurrentUser } from '../state/session';
import { ErrorNotice, Page, SelectField, StatusNotice, TextField } from '../ui/components';
import { fieldErrors } from '../ui/errors';
import { useSubmit } from '../ui/submit';
import { NewPasswordFields, passwordChangeProblems } from '../ui/NewPasswordFields';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['America/Toronto', 'America/Montreal', 'UTC'];
  }
}

function Preferences() {
  const user = currentUser.value!;
  const [lang, setLang] = useState<Locale>(locale.value);
  const [zone, setZone] = useState(user.timeZone ?? '');
  const { busy, error, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = timeZones();
  if (zone && !zones.includes(zone)) zones.unshift(zone);

  const submit = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      if ((zone || undefined) !== (user.timeZone || undefined) && zone) {
        updateCurrentUser(await api.updateMe({ timeZone: zone }));
      }
      if (lang !== locale.value) await changeLocale(lang);
      setSaved(true);
    });
  };

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="preferences-title">
      <h2 id="preferences-title">{t('profile.preferences')}</h2>
      {saved && <StatusNotice>{t('profile.saved')}</StatusNotice>}
      {error != null && <ErrorNotice error={error} />}
      <SelectField
        label={t('profile.language')}
        name="locale"
        required
        value={lang}
        onValue={(v) => isLocale(v) && setLang(v)}
        options={[
          { value: 'fr', label: t('lang.fr') },
          { value: 'en', label: t('lang.en') },
        ]}
      />
      <SelectField
        label={t('profile.timeZone')}
        name="timeZone"
        hideOptional
        value={zone}
        onValue={setZone}
        options={[
          { value: '', label: `— ${browserZone} —` },
          ...zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') })),
        ]}
      />
      <button type="submit" class="button" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { busy, error, setError, run } = useSubmit();
  const [done, setDone] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const found = passwordChangeProblems(current, next, confirm);
    setProblems(found);
    setError(null);
    setDone(false);
    if (Object.keys(found).length) return;
    void run(
      async () => {
        await api.changePassword(current, next);
        setCurrent('');
        setNext('');
        setConfirm('');
        setDone(true);
      },
      (failure) => setProblems(fieldErrors(failure)),
    );
  };
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t('profile.password')}</h2>
      {done && <StatusNotice>{t('profile.passwordChanged')}</StatusNotice>}
      {error != null && <ErrorNotice error={error} />}
      <TextField
        label={t('profile.current')}
        name="current"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onValue={setCurrent}
        error={problems.current}
      />
      <NewPasswordFields
        next={next}
        confirm={confirm}
        onNext={setNext}
        onConfirm={setConfirm}
        problems={problems}
      />
      <button type="submit" class="button" disabled={busy}>
        {t('profile.passwordSubmit')}
      </button>
    </form>
  );
}

export function ProfilePage() {
  const user = currentUser.value;
  if (!user) return null;
  return (
    <Page title={t('profile.title')}>
      <section class="card" aria-labelledby="identity-title">
        <h2 id="identity-title">{t('profile.identity')}</h2>
        <dl class="about">
          <dt>{t('profile.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('profile.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('profile.organisation')}</dt>
          <dd>{user.organisation?.name ?? t('common.none')}</dd>
          {user.roles.includes('admin') && (
            <>
              <dt>{t('profile.roles')}</dt>
              <dd>{t('role.admin')}</dd>
            </>
          )}
        </dl>
      </section>
      <Preferences />
      <PasswordChange />
    </Page>
  );
}
