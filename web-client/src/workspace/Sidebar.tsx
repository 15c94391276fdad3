import { signal } from '@preact/signals';
import { sidebarOpen } from './drawer';
import { locale, t, tn } from '../i18n';
import { hrefFor, route } from '../router';
import { goToChannel } from './focus';
import { LanguageSwitch, MainNav, SignOutButton } from './ShellLinks';
import { workspace } from '../state/session';
import { Loading } from '../ui/components';
import { channelLabel, entryTotals, GENERAL, sortedChannels, type SpaceEntry } from './model';

const COLLAPSED_KEY = 'atelier.sidebar.collapsed';

function readCollapsed(): Set<string> {
  try {
    const raw = globalThis.localStorage?.getItem(COLLAPSED_KEY);
    return new Set(raw ? (JSON.parse(raw) as string[]) : []);
  } catch {
    return new Set();
  }
}

/** Spaces whose channels the person folded away (kept on this browser). */
const collapsed = signal<Set<string>>(readCollapsed());

function toggleCollapsed(id: string): void {
  const next = new Set(collapsed.value);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  collapsed.value = next;
  try {
    globalThis.localStorage?.setItem(COLLAPSED_KEY, JSON.stringify([...next]));
  } catch {
    // folded for this visit only
  }
}

/** « Escouade Numérique, 3 non lus, 1 mention »: what a screen reader says for a space. */
export function spaceAccessibleName(name: string, unread: number, mentions: number): string {
  const parts = [name];
  if (unread > 0) parts.push(tn('sidebar.unread', unread));
  if (mentions > 0) parts.push(tn('sidebar.mentions', mentions));
  return parts.join(', ');
}

function Counts(props: { unread: number; mentions: number; spoken?: boolean }) {
  return (
    <>
      {props.unread > 0 && (
        <span class="count">
          <span aria-hidden="true">{props.unread}</span>
          {props.spoken && <span class="visually-hidden"> {tn('chat.unread', props.unread)}</span>}
        </span>
      )}
      {props.mentions > 0 && (
        <span class="count count-mention">
          <span aria-hidden="true">@{props.mentions}</span>
          {props.spoken && (
            <span class="visually-hidden"> {tn('chat.mentionsCount', props.mentions)}</span>
          )}
        </span>
      )}
    </>
  );
}

/**
 * Goes to a channel without sending the focus to the page's heading: it goes to the channel's
 * heading, so a keyboard user lands on what they chose.
 */
function openChannel(event: MouseEvent, href: string): void {
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  sidebarOpen.value = false;
  goToChannel(href);
}

function SpaceItem(props: { entry: SpaceEntry; currentSpace?: string; currentChannel?: string }) {
  const { space, channels } = props.entry;
  const { unread, mentions } = entryTotals(props.entry);
  const here = props.currentSpace === space.id;
  const folded = collapsed.value.has(space.id) && !here;
  const listId = `sidebar-channels-${space.id}`;
  const lists = channels ? sortedChannels(channels, locale.value) : null;
  const channelHref = (id: string) =>
    hrefFor({ name: 'space', id: space.id, tab: 'discussions', channel: id });
  return (
    <li class={`sidebar-space${here ? ' is-current' : ''}`}>
      <div class="sidebar-space-row">
        <button
          type="button"
          class="sidebar-fold"
          aria-expanded={!folded}
          aria-controls={listId}
          aria-label={t(folded ? 'sidebar.unfold' : 'sidebar.fold', { space: space.name })}
          onClick={() => toggleCollapsed(space.id)}
          disabled={here}
        >
          <span aria-hidden="true">{folded ? '▸' : '▾'}</span>
        </button>
        <a
          class="sidebar-space-link"
          href={hrefFor({ name: 'space', id: space.id, tab: 'home' })}
          aria-current={here && !props.currentChannel ? 'page' : undefined}
          aria-label={spaceAccessibleName(space.name, unread, mentions)}
          onClick={() => (sidebarOpen.value = false)}
        >
          <span class="sidebar-space-name">{space.name}</span>
          <Counts unread={unread} mentions={mentions} />
        </a>
      </div>
      {!folded && (
        <ul
          class="channel-list"
          id={listId}
          aria-label={t('sidebar.channelsOf', { space: space.name })}
        >
          {!lists && !props.entry.failed && (
            <li>
              <span class="muted">{t('common.loading')}</span>
            </li>
          )}
          {!lists && props.entry.failed && (
            <li>
              <span class="muted">{t('sidebar.channelsFailed')}</span>{' '}
              <button
                type="button"
                class="button link small"
                onClick={() => workspace.retryChannels(space.id)}
              >
                {t('common.retry')}
              </button>
            </li>
          )}
          {lists?.open.map((c) => (
            <li key={c.id}>
              <a
                href={channelHref(c.id)}
                aria-current={here && props.currentChannel === c.id ? 'page' : undefined}
                onClick={(e) => openChannel(e, channelHref(c.id))}
              >
                <span class="channel-name"># {channelLabel(c, locale.value)}</span>
                <Counts unread={c.unread} mentions={c.mentions} spoken />
              </a>
            </li>
          ))}
          {lists && lists.archived.length > 0 && (
            <li>
              <details
                class="archived-channels"
                open={lists.archived.some((c) => here && props.currentChannel === c.id)}
              >
                <summary>{tn('sidebar.archived', lists.archived.length)}</summary>
                <ul class="channel-list">
                  {lists.archived.map((c) => (
                    <li key={c.id}>
                      <a
                        href={channelHref(c.id)}
                        aria-current={here && props.currentChannel === c.id ? 'page' : undefined}
                        onClick={(e) => openChannel(e, channelHref(c.id))}
                      >
                        <span class="channel-name"># {channelLabel(c, locale.value)}</span>
                        <span class="badge">{t('chat.channel.archived')}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/**
 * The one navigation of the workspace: the person's spaces, each with its channels, with unread
 * and mention counts kept live for all of them. A drawer on phones (`sidebarOpen`).
 */
export function Sidebar() {
  const entries = workspace.spaces.value;
  const r = route.value;
  const currentSpace = r.name === 'space' ? r.id : undefined;
  const currentChannel =
    r.name === 'space' && r.tab === 'discussions' ? (r.channel ?? GENERAL) : undefined;
  return (
    <nav
      id="sidebar"
      class={`sidebar${sidebarOpen.value ? ' is-open' : ''}`}
      aria-label={t('sidebar.label')}
    >
      <h2 class="sidebar-title">{t('sidebar.title')}</h2>
      {entries === null && <Loading />}
      {entries && entries.length === 0 && (
        <p class="sidebar-empty">
          {t('sidebar.empty')} <a href="/spaces">{t('sidebar.browse')}</a>
        </p>
      )}
      {entries && entries.length > 0 && (
        <ul class="sidebar-spaces">
          {entries.map((e) => (
            <SpaceItem
              key={e.space.id}
              entry={e}
              currentSpace={currentSpace}
              currentChannel={currentChannel}
            />
          ))}
        </ul>
      )}
      <p class="sidebar-more">
        <a href="/spaces" onClick={() => (sidebarOpen.value = false)}>
          {t('sidebar.browse')}
        </a>
      </p>
      <div
        class="sidebar-phone"
        onClick={(e) => (e.target as Element).closest('a') && (sidebarOpen.value = false)}
      >
        <MainNav route={r} class="sidebar-nav" />
        <p class="sidebar-tools">
          <LanguageSwitch />
          <SignOutButton />
        </p>
      </div>
    </nav>
  );
}

/** The header's button that opens the sidebar on phones; it carries the unread total. */
export function SidebarToggle() {
  const { unread, mentions } = workspace.totals.value;
  return (
    <button
      type="button"
      id="sidebar-toggle"
      class="button secondary small sidebar-toggle"
      aria-expanded={sidebarOpen.value}
      aria-controls="sidebar"
      onClick={() => (sidebarOpen.value = !sidebarOpen.value)}
    >
      {t('sidebar.title')}
      {unread > 0 && <span class="visually-hidden">, </span>}
      <Counts unread={unread} mentions={mentions} spoken />
    </button>
  );
}
