import { useEffect } from 'preact/hooks';
import { t } from './i18n';
import { hrefFor, navigate, route, type Route } from './router';
import { currentUser, inbox, realtime, workspace } from './state/session';
import { ConnectionBadge } from './ui/ConnectionBadge';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { Loading, pageTitle } from './ui/components';
import { Sidebar, SidebarToggle } from './workspace/Sidebar';
import { QuickSwitcher, openSwitcher } from './workspace/QuickSwitcher';
import { titleWithUnread } from './workspace/model';
import { useShortcuts } from './workspace/shortcuts';
import { LanguageSwitch, MainNav, SignOutButton } from './workspace/ShellLinks';
import { InboxButton } from './inbox/Inbox';
import { showOnDesktop } from './inbox/desktop';
import { Flash } from './ui/flash';
import { SignInPage } from './pages/SignInPage';
import { ChoosePasswordPage } from './pages/ChoosePasswordPage';
import { DirectoryPage } from './pages/DirectoryPage';
import { SpacePage } from './pages/space/SpacePage';
import { ProposePage } from './pages/ProposePage';
import { AdminPage } from './pages/admin/AdminPage';
import { ProfilePage } from './pages/ProfilePage';
import { MyTasksPage } from './boards/MyTasksPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SearchBox } from './search/SearchBox';

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** Sends signed-out people to the sign-in page and signed-in ones away from it. */
function useAuthGuard(r: Route): void {
  const user = currentUser.value;
  useEffect(() => {
    if (user === null && r.name !== 'signin') {
      const path = currentPath();
      navigate(hrefFor({ name: 'signin', next: path === '/' ? null : path }), { replace: true });
    } else if (user && r.name === 'signin') {
      navigate(r.next ?? '/spaces', { replace: true });
    }
  }, [user, r]);
}

function Header(props: { route: Route }) {
  const user = currentUser.value;
  // Signed in with a temporary password: only signing out is offered until a password is chosen.
  const full = !!user && !user.mustChangePassword;
  const r = props.route;
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <a class="brand" href={user ? '/spaces' : '/signin'}>
          <span class="brand-mark" aria-hidden="true">
            A
          </span>
          <span class="brand-name">{t('app.name')}</span>
        </a>
        {full && <SidebarToggle />}
        {full && <SearchBox />}
        {full && <MainNav route={r} />}
        <div class="header-tools">
          {full && (
            <button
              type="button"
              class="button link switcher-open"
              aria-keyshortcuts="Control+K Meta+K"
              onClick={openSwitcher}
            >
              {t('switcher.open')}
            </button>
          )}
          {full && <InboxButton />}
          {full && <ConnectionBadge state={realtime.state} />}
          <LanguageSwitch />
          {user && <SignOutButton />}
        </div>
      </div>
    </header>
  );
}

function renderRoute(r: Route) {
  switch (r.name) {
    case 'signin':
      return <SignInPage next={r.next} />;
    case 'directory':
      return <DirectoryPage filter={r.filter} />;
    case 'space':
      return <SpacePage key={r.id} id={r.id} tab={r.tab} doc={r.doc} />;
    case 'propose':
      return <ProposePage />;
    case 'admin':
      return <AdminPage section={r.section} />;
    case 'profile':
      return <ProfilePage />;
    case 'tasks':
      return <MyTasksPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

export function App() {
  const r = route.value;
  const user = currentUser.value;
  useAuthGuard(r);
  const needsUser = r.name !== 'signin' && r.name !== 'notFound';
  useShortcuts(!!user && !user.mustChangePassword);
  useEffect(() => inbox.onArrival((n) => showOnDesktop(n, (href) => navigate(href))), []);
  // The tab says how many messages wait, e.g. "(3) Escouade Numérique — Atelier".
  const unread = user ? workspace.totals.value.unread : 0;
  const title = pageTitle.value || t('app.name');
  useEffect(() => {
    document.title = titleWithUnread(title, unread);
  }, [title, unread]);
  // A temporary password opens a session that can only choose a new one: no shell until then.
  const mustChange = !!user?.mustChangePassword;
  const withSidebar = !!user && !mustChange && r.name !== 'signin';
  const fill = r.name === 'space' && r.tab === 'discussions';
  return (
    <div class={`app${withSidebar ? ' with-sidebar' : ''}`}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skip.toMain')}
      </a>
      <Header route={r} />
      <div class="shell">
        {withSidebar && <Sidebar />}
        <main id="main" tabIndex={-1} class={fill ? 'main-fill' : undefined}>
          <Flash />
          <ErrorBoundary resetKey={hrefFor(r)}>
            {user === undefined || (needsUser && !user) ? (
              <Loading />
            ) : mustChange ? (
              <ChoosePasswordPage />
            ) : (
              renderRoute(r)
            )}
          </ErrorBoundary>
        </main>
      </div>
      {withSidebar && <QuickSwitcher />}
    </div>
  );
}
