import { signal } from '@preact/signals';
import type { SpaceFilter, SpaceKind, SpaceState } from './api/types';

/**
 * The app's own small history router. `parseRoute` and `hrefFor` are pure (unit-tested);
 * `route` is the signal the shell renders from; `navigate` pushes history entries, and the
 * back button works through `popstate`.
 */

export const ADMIN_SECTIONS = [
  'proposals',
  'spaces',
  'themes',
  'organisations',
  'accounts',
  'restore',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/**
 * A space's sections. Only the home exists now; discussions, documents and boards are added
 * here (and as a component in `pages/space/tabs.ts`) by the features that bring them.
 */
export const SPACE_TABS = ['home', 'discussions', 'documents', 'boards', 'files'] as const;
export type SpaceTab = (typeof SPACE_TABS)[number];

export type Route =
  | { name: 'signin'; next: string | null }
  | { name: 'directory'; filter: SpaceFilter }
  | {
      name: 'space';
      id: string;
      tab: SpaceTab;
      /** Discussions: `/spaces/{id}/discussions/{channel}/{thread}` (both optional). */
      channel?: string;
      thread?: string;
      /** Documents: `/spaces/{id}/documents/{doc}` opens one document. */
      doc?: string;
    }
  | { name: 'propose' }
  | { name: 'admin'; section: AdminSection }
  | { name: 'profile' }
  | { name: 'tasks' }
  | { name: 'notFound'; path: string };

const KINDS: readonly SpaceKind[] = ['squad', 'tactical'];
const STATES: readonly SpaceState[] = ['proposed', 'active', 'dormant', 'declined'];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value != null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Only a path on this site may follow a sign-in (no `//evil.example`, no `javascript:`). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return null;
  }
  return next;
}

export function parseRoute(pathname: string, search = ''): Route {
  const params = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const [first, second, third, ...rest] = segments;

  if (segments.length === 0) return { name: 'directory', filter: {} };
  if (first === 'spaces' && third === 'discussions' && second && rest.length <= 2) {
    const [channel, thread] = rest;
    return {
      name: 'space',
      id: second,
      tab: 'discussions',
      ...(channel ? { channel } : {}),
      ...(thread ? { thread } : {}),
    };
  }
  if (first === 'spaces' && third === 'documents' && second && rest.length === 1 && rest[0]) {
    return { name: 'space', id: second, tab: 'documents', doc: rest[0] };
  }
  if (rest.length > 0) return { name: 'notFound', path: pathname };

  switch (first) {
    case 'signin':
      if (second === undefined) return { name: 'signin', next: safeNext(params.get('next')) };
      break;
    case 'spaces': {
      if (second === undefined) {
        const filter: SpaceFilter = {};
        const kind = oneOf(KINDS, params.get('kind'));
        const state = oneOf(STATES, params.get('state'));
        const theme = params.get('theme')?.trim();
        const q = params.get('q')?.trim();
        if (kind) filter.kind = kind;
        if (state) filter.state = state;
        if (theme) filter.theme = theme;
        if (q) filter.q = q;
        return { name: 'directory', filter };
      }
      const tab = third === undefined ? 'home' : oneOf(SPACE_TABS, third);
      if (tab && second !== '') return { name: 'space', id: second, tab };
      break;
    }
    case 'propose':
      if (second === undefined) return { name: 'propose' };
      break;
    case 'admin': {
      if (third !== undefined) break;
      const section = second === undefined ? 'proposals' : oneOf(ADMIN_SECTIONS, second);
      if (section) return { name: 'admin', section };
      break;
    }
    case 'profile':
      if (second === undefined) return { name: 'profile' };
      break;
    case 'tasks':
      if (second === undefined) return { name: 'tasks' };
      break;
  }
  return { name: 'notFound', path: pathname };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'signin':
      return route.next ? `/signin?${new URLSearchParams({ next: route.next })}` : '/signin';
    case 'directory': {
      const params = new URLSearchParams();
      for (const key of ['kind', 'state', 'theme', 'q'] as const) {
        const value = route.filter[key];
        if (value) params.set(key, value);
      }
      const text = params.toString();
      return text ? `/spaces?${text}` : '/spaces';
    }
    case 'space': {
      const base = `/spaces/${encodeURIComponent(route.id)}`;
      if (route.tab === 'documents' && route.doc) {
        return `${base}/documents/${encodeURIComponent(route.doc)}`;
      }
      if (route.tab === 'discussions' && route.channel) {
        const thread = route.thread ? `/${encodeURIComponent(route.thread)}` : '';
        return `${base}/discussions/${encodeURIComponent(route.channel)}${thread}`;
      }
      return route.tab === 'home' ? base : `${base}/${route.tab}`;
    }
    case 'propose':
      return '/propose';
    case 'admin':
      return `/admin/${route.section}`;
    case 'profile':
      return '/profile';
    case 'tasks':
      return '/tasks';
    case 'notFound':
      return route.path;
  }
}

function currentLocation(): Route {
  if (typeof window === 'undefined') return { name: 'directory', filter: {} };
  return parseRoute(window.location.pathname, window.location.search);
}

export const route = signal<Route>(currentLocation());

/** Increments on every navigation (not on the first render): the shell moves focus then. */
export const navigationCount = signal(0);

/**
 * Goes to `href` inside the app. `focus: false` keeps the keyboard focus where it is (filters
 * that update the URL as they change); otherwise the shell moves it to the new page's heading.
 */
export function navigate(href: string, options: { replace?: boolean; focus?: boolean } = {}): void {
  const url = new URL(href, window.location.href);
  const target = url.pathname + url.search + url.hash;
  if (options.replace) window.history.replaceState(null, '', target);
  else if (target !== window.location.pathname + window.location.search + window.location.hash) {
    window.history.pushState(null, '', target);
  }
  route.value = parseRoute(url.pathname, url.search);
  if (options.focus !== false) {
    navigationCount.value++;
    if (!url.hash) window.scrollTo(0, 0);
  }
}

/**
 * Makes ordinary `<a href="/…">` links navigate inside the app: one listener for the whole
 * document, so links stay plain anchors (middle-click, "open in new tab" keep working).
 */
export function startRouter(): () => void {
  const onPopState = () => {
    route.value = currentLocation();
    navigationCount.value++;
  };
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const href = anchor.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (url.pathname.startsWith('/api/') || url.pathname === '/health') return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  window.addEventListener('popstate', onPopState);
  document.addEventListener('click', onClick);
  return () => {
    window.removeEventListener('popstate', onPopState);
    document.removeEventListener('click', onClick);
  };
}
