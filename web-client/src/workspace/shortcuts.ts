import { useEffect } from 'preact/hooks';
import { openSwitcher, switcherOpen } from './QuickSwitcher';
import { sidebarOpen } from './drawer';

/** What a keydown asks for, if it is one of the app-wide shortcuts (pure, unit-tested). */
export type Shortcut = 'switcher' | 'composer' | null;

export function shortcutOf(e: {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): Shortcut {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
    return 'switcher';
  }
  // Alt+Shift+M ("message"): by the physical key, since Alt changes the character on a Mac.
  if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyM' || e.key === 'M')) {
    return 'composer';
  }
  return null;
}

/** The shortcut that moves the focus to the composer, for `aria-keyshortcuts` and hints. */
export const COMPOSER_SHORTCUT = 'Alt+Shift+M';

/** The composer of the open channel (the thread's when the focus is in the thread panel). */
function focusComposer(): void {
  const inThread = document.activeElement?.closest('.chat-thread');
  const box =
    (inThread && document.querySelector<HTMLTextAreaElement>('.chat-thread textarea')) ||
    document.querySelector<HTMLTextAreaElement>('.chat-main .composer textarea');
  box?.focus();
}

/** App-wide keyboard shortcuts: Ctrl/⌘+K (quick switcher), Alt+Shift+M (composer). */
export function useShortcuts(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      // Escape closes the phone drawer wherever the focus is (its button, or inside it).
      if (e.key === 'Escape' && sidebarOpen.value && !e.defaultPrevented) {
        sidebarOpen.value = false;
        document.getElementById('sidebar-toggle')?.focus();
        return;
      }
      const which = shortcutOf(e);
      if (!which) return;
      e.preventDefault();
      if (which === 'switcher') {
        if (!switcherOpen.value) openSwitcher();
      } else focusComposer();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active]);
}
