import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { formatInstant } from '../i18n/format';
import { locale, t, tn } from '../i18n';
import { navigate } from '../router';
import { inbox, timeZone } from '../state/session';
import { describe } from './model';
import { DesktopToggle } from './desktop';

const open = signal(false);

/**
 * The header's inbox: a button that says how many notifications are unread, opening a panel of
 * the latest ones (newest first). Choosing one goes where it happened and marks it read;
 * Escape closes the panel and gives the focus back to the button.
 */
export function InboxButton() {
  const { items, unread } = inbox.state.value;
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const close = () => {
    open.value = false;
    button.current?.focus();
  };
  useEffect(() => {
    if (open.value) panel.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [open.value]);
  return (
    <div class="inbox">
      <button
        type="button"
        ref={button}
        class="button secondary small inbox-button"
        aria-expanded={open.value}
        aria-controls="inbox-panel"
        onClick={() => (open.value = !open.value)}
      >
        {t('inbox.title')}
        {unread > 0 && (
          <span class="count count-mention">
            <span aria-hidden="true">{unread}</span>
            <span class="visually-hidden">, {tn('inbox.unread', unread)}</span>
          </span>
        )}
      </button>
      {open.value && (
        <div
          id="inbox-panel"
          class="inbox-panel"
          ref={panel}
          role="region"
          aria-labelledby="inbox-title"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <div class="inbox-head">
            <h2 id="inbox-title" tabIndex={-1}>
              {t('inbox.title')}
            </h2>
            {unread > 0 && (
              <button type="button" class="button link" onClick={() => void inbox.read(null)}>
                {t('inbox.readAll')}
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p class="empty">{t('inbox.empty')}</p>
          ) : (
            <ul class="inbox-list">
              {items.map((n) => {
                const d = describe(n);
                return (
                  <li key={n.id} class={n.read ? 'is-read' : 'is-unread'}>
                    <a
                      href={d.href}
                      onClick={(e) => {
                        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                        e.preventDefault();
                        if (!n.read) void inbox.read([n.id]);
                        open.value = false;
                        navigate(d.href);
                      }}
                    >
                      {!n.read && <span class="visually-hidden">{t('inbox.new')} </span>}
                      <span class="inbox-text">{t(d.key, d.params)}</span>
                      {d.excerpt && <span class="inbox-excerpt">{d.excerpt}</span>}
                      <time dateTime={n.at} class="muted">
                        {formatInstant(n.at, locale.value, timeZone.value)}
                      </time>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
          <DesktopToggle />
        </div>
      )}
    </div>
  );
}
