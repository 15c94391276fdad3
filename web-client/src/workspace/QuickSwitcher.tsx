import { signal } from '@preact/signals';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { locale, t, tn } from '../i18n';
import { hrefFor, navigate } from '../router';
import { workspace } from '../state/session';
import { goToChannel } from './focus';
import { matchTargets, switchTargets, type SwitchTarget } from './model';

/** Open while the quick switcher (Ctrl/⌘+K) is shown. */
export const switcherOpen = signal(false);

/** The element that had the focus before the switcher opened: it gets it back on Escape. */
let returnFocus: HTMLElement | null = null;

export function openSwitcher(): void {
  returnFocus = document.activeElement as HTMLElement | null;
  switcherOpen.value = true;
}

function close(restore: boolean): void {
  switcherOpen.value = false;
  if (restore) returnFocus?.focus();
}

function hrefOf(target: SwitchTarget): string {
  return target.kind === 'space'
    ? hrefFor({ name: 'space', id: target.space, tab: 'home' })
    : hrefFor({ name: 'space', id: target.space, tab: 'discussions', channel: target.channel! });
}

function go(target: SwitchTarget): void {
  close(false);
  if (target.kind === 'channel') {
    goToChannel(hrefOf(target));
  } else {
    navigate(hrefOf(target));
  }
}

/**
 * Ctrl/⌘+K: a dialog with a combobox to jump to any of the person's spaces or channels by
 * typing part of its name (accents and case ignored); ↑/↓ move, Enter goes, Escape closes.
 */
export function QuickSwitcher() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const open = switcherOpen.value;
  useLayoutEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
      input.current?.focus();
    }
  }, [open]);
  if (!open) return null;
  const matches = matchTargets(switchTargets(workspace.spaces.value ?? [], locale.value), query);
  const current = Math.min(active, Math.max(0, matches.length - 1));
  const optionId = (i: number) => `switcher-option-${i}`;
  return (
    <div class="switcher-backdrop" onClick={(e) => e.target === e.currentTarget && close(true)}>
      <div
        class="switcher"
        role="dialog"
        aria-modal="true"
        aria-labelledby="switcher-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close(true);
          } else if (e.key === 'Tab') {
            e.preventDefault(); // the dialog holds the focus: its one control is the combobox
          }
        }}
      >
        <h2 id="switcher-title" class="switcher-title">
          {t('switcher.title')}
        </h2>
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls="switcher-list"
          aria-autocomplete="list"
          aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
          aria-describedby="switcher-hint"
          aria-label={t('switcher.label')}
          autoComplete="off"
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((current + 1) % Math.max(1, matches.length));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((current - 1 + matches.length) % Math.max(1, matches.length));
            } else if (e.key === 'Enter' && matches[current]) {
              e.preventDefault();
              go(matches[current]);
            }
          }}
        />
        <p id="switcher-hint" class="hint">
          {t('switcher.hint')}
        </p>
        <ul
          id="switcher-list"
          role="listbox"
          aria-label={t('switcher.results')}
          class="switcher-list"
        >
          {matches.map((m, i) => (
            <li
              key={`${m.space}/${m.channel ?? ''}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              class={i === current ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(m)}
            >
              <span class="switcher-label">{m.kind === 'channel' ? `# ${m.label}` : m.label}</span>
              {m.context && <span class="muted"> — {m.context}</span>}
              {m.unread > 0 && <span class="muted">, {tn('sidebar.unread', m.unread)}</span>}
              {m.mentions > 0 && <span class="muted">, {tn('sidebar.mentions', m.mentions)}</span>}
            </li>
          ))}
        </ul>
        {matches.length === 0 && <p class="empty">{t('switcher.none')}</p>}
      </div>
    </div>
  );
}
