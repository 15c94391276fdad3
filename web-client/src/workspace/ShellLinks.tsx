import { locale, t } from '../i18n';
import { navigate, type Route } from '../router';
import { changeLocale, currentUser, isAdmin, signOut } from '../state/session';

/**
 * The app's own links and tools (directory, proposing, administration, profile, language,
 * signing out): in the header on wide screens, at the foot of the sidebar drawer on phones.
 */
export function LanguageSwitch() {
  const other = locale.value === 'fr' ? 'en' : 'fr';
  return (
    <button
      type="button"
      class="button link lang-switch"
      lang={other}
      aria-label={t('lang.switchLabel')}
      onClick={() => {
        changeLocale(other).catch(() => {
          // applied locally; the server copy is retried at the next change
        });
      }}
    >
      {t('lang.switch')}
    </button>
  );
}

function NavLink(props: { href: string; active: boolean; label: string }) {
  return (
    <li>
      <a href={props.href} aria-current={props.active ? 'page' : undefined}>
        {props.label}
      </a>
    </li>
  );
}

export function MainNav(props: { route: Route; class?: string }) {
  const r = props.route;
  if (!currentUser.value) return null;
  return (
    <nav class={props.class ?? 'main-nav'} aria-label={t('nav.label')}>
      <ul>
        <NavLink
          href="/spaces"
          active={r.name === 'directory' || r.name === 'space'}
          label={t('nav.directory')}
        />
        <NavLink href="/propose" active={r.name === 'propose'} label={t('nav.propose')} />
        <NavLink href="/tasks" active={r.name === 'tasks'} label={t('nav.tasks')} />
        {isAdmin.value && (
          <NavLink href="/admin/proposals" active={r.name === 'admin'} label={t('nav.admin')} />
        )}
        <NavLink href="/profile" active={r.name === 'profile'} label={t('nav.profile')} />
      </ul>
    </nav>
  );
}

export function SignOutButton() {
  return (
    <button
      type="button"
      class="button secondary small sign-out"
      onClick={() => {
        void signOut().then(() => navigate('/signin'));
      }}
    >
      {t('nav.signOut')}
    </button>
  );
}
