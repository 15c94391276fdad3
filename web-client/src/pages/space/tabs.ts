import type { MessageKey } from '../../i18n';
import { t, tn } from '../../i18n';
import { hrefFor, SPACE_TABS, type SpaceTab } from '../../router';
import type { TabLink } from '../../ui/Tabs';
import { workspace } from '../../state/session';

/**
 * The labels of a space's sections. Adding "Discussions" means: add `'discussions'` to
 * `SPACE_TABS` in router.ts, a label key here, and a case in `SpacePage`'s `renderTab`.
 */
const LABELS: Record<SpaceTab, MessageKey> = {
  home: 'space.tab.home',
  discussions: 'space.tab.discussions',
  documents: 'space.tab.documents',
  files: 'space.tab.files',
  boards: 'space.tab.boards',
};

export function spaceTabs(spaceId: string): TabLink[] {
  const unread = workspace.totalsOf(spaceId)?.unread ?? 0;
  return SPACE_TABS.map((tab) => ({
    id: tab,
    label: tab === 'discussions' && unread > 0 ? tn('chat.tabUnread', unread) : t(LABELS[tab]),
    href: hrefFor({ name: 'space', id: spaceId, tab }),
  }));
}
