import { computed, signal } from '@preact/signals';
import { ApiClient, ApiError } from '../api/http';
import { RealtimeConnection, defaultSocketUrl } from '../api/realtime';
import type { Locale, User } from '../api/types';
import { locale, setLocale } from '../i18n';
import { WorkspaceStore } from '../workspace/store';
import { InboxStore } from '../inbox/store';

/**
 * The signed-in person and the app-wide connections. `currentUser` is `undefined` while the
 * first `GET /api/me` runs, `null` when nobody is signed in.
 */
export const currentUser = signal<User | null | undefined>(undefined);
export const isAdmin = computed(() => currentUser.value?.roles.includes('admin') ?? false);
/** The person's time zone, when they chose one; the browser's otherwise. */
export const timeZone = computed(() => currentUser.value?.timeZone || undefined);

/**
 * True when the person's session ended under them (signed out elsewhere, account disabled,
 * password changed, expiry): the sign-in page says so. Cleared at the next sign-in.
 */
export const sessionEndedNotice = signal(false);

/** Set while this tab signs out, so that its own sign-out is not reported as a lost session. */
let signingOut = false;

export const api = new ApiClient({
  locale: () => locale.value,
  onUnauthorized: () => sessionEnded(),
});

export const realtime = new RealtimeConnection({
  url: defaultSocketUrl,
  onSessionEnded: () => sessionEnded(),
});

/** The person's notifications (mentions, replies, join requests, proposals), live. */
export const inbox = new InboxStore(api, realtime);

/** The person's spaces with live unread counts (sidebar, tab title, quick switcher). */
export const workspace = new WorkspaceStore(
  api,
  realtime,
  () => currentUser.value?.id ?? null,
  () => locale.value,
);

/** A language chosen on the sign-in page, in this visit, before the person was known. */
let chosenWhileSignedOut: Locale | null = null;

/**
 * The temporary password just typed on the sign-in page, so the « choose a new password » form
 * need not ask for it again; forgotten as soon as it is used (and lost on reload, when the form
 * asks for it).
 */
let temporaryPassword: string | null = null;

export function rememberedTemporaryPassword(): string | null {
  return temporaryPassword;
}

function signedIn(user: User): void {
  sessionEndedNotice.value = false;
  currentUser.value = user;
  // Until a password is chosen the server refuses everything else: nothing to start yet.
  if (user.mustChangePassword) return;
  temporaryPassword = null;
  if (chosenWhileSignedOut && chosenWhileSignedOut !== user.locale) {
    // The person just asked for this language: keep it and remember it on their account.
    const wanted = chosenWhileSignedOut;
    api.updateMe({ locale: wanted }).then(
      (updated) => (currentUser.value = updated),
      () => undefined,
    );
  } else if (user.locale && user.locale !== locale.value) {
    setLocale(user.locale);
  }
  chosenWhileSignedOut = null;
  if (typeof WebSocket !== 'undefined') {
    inbox.start();
    realtime.start();
    workspace.start();
  }
}

function sessionEnded(): void {
  if (currentUser.value && !signingOut) sessionEndedNotice.value = true;
  currentUser.value = null;
  temporaryPassword = null;
  workspace.stop();
  inbox.stop();
  realtime.stop();
}

/** Asks the server who is signed in (the session cookie survives reloads). */
export async function bootstrap(): Promise<void> {
  try {
    signedIn(await api.me());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) sessionEnded();
    else {
      // The server is unreachable: show the sign-in page, which reports errors clearly.
      currentUser.value = null;
    }
  }
}

export async function signIn(email: string, password: string): Promise<User> {
  const answer = await api.login(email, password);
  temporaryPassword = answer.user.mustChangePassword ? password : null;
  signedIn(answer.user);
  return answer.user;
}

/** Replaces a temporary password; the same session then works normally. */
export async function chooseNewPassword(temporary: string, next: string): Promise<void> {
  await api.changePassword(temporary, next);
  signedIn(await api.me());
}

export async function signOut(): Promise<void> {
  signingOut = true;
  try {
    await api.logout();
  } catch {
    // the session is dropped locally whatever the server says
  }
  sessionEnded();
  signingOut = false;
}

/** Switches the language; remembered on the person's account when signed in, else locally. */
export async function changeLocale(next: Locale): Promise<void> {
  setLocale(next);
  // A temporary-password session may not change its profile yet: the choice stays in this visit.
  if (currentUser.value && !currentUser.value.mustChangePassword) {
    currentUser.value = await api.updateMe({ locale: next });
  } else {
    chosenWhileSignedOut = next;
  }
}

export function updateCurrentUser(user: User): void {
  currentUser.value = user;
}

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => realtime.goOffline());
  window.addEventListener('online', () => realtime.goOnline());
}
