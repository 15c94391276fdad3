import { useState } from 'preact/hooks';
import type { AppNotification } from '../api/types';
import { t } from '../i18n';
import { describe, wantsDesktop } from './model';

const KEY = 'atelier.desktopNotifications';

/** Whether the person asked for desktop notifications on this browser (and it allows them). */
export function desktopEnabled(): boolean {
  try {
    return (
      typeof Notification !== 'undefined' &&
      Notification.permission === 'granted' &&
      globalThis.localStorage?.getItem(KEY) === 'on'
    );
  } catch {
    return false;
  }
}

/** Asks the browser's permission (on a click: browsers refuse it otherwise) and remembers the choice. */
export async function setDesktop(on: boolean): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  if (on && Notification.permission !== 'granted') {
    if ((await Notification.requestPermission()) !== 'granted') return false;
  }
  try {
    globalThis.localStorage?.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // not remembered
  }
  return on;
}

/** A mention or a direct reply, shown by the system while the tab is not looked at. */
export function showOnDesktop(n: AppNotification, go: (href: string) => void): void {
  if (!wantsDesktop(n) || !desktopEnabled() || document.visibilityState === 'visible') return;
  const d = describe(n);
  const shown = new Notification(t(d.key, d.params), { body: d.excerpt, tag: n.id });
  shown.onclick = () => {
    window.focus();
    go(d.href);
    shown.close();
  };
}

/** The inbox's opt-in for desktop notifications (mentions and direct replies). */
export function DesktopToggle() {
  const [on, setOn] = useState(desktopEnabled);
  if (typeof Notification === 'undefined') return null;
  return (
    <p class="inbox-desktop">
      <button
        type="button"
        class="button link"
        aria-pressed={on}
        onClick={() => void setDesktop(!on).then(setOn)}
      >
        {t('inbox.desktop')}
      </button>
      {Notification.permission === 'denied' && (
        <span class="muted"> {t('inbox.desktopDenied')}</span>
      )}
    </p>
  );
}
