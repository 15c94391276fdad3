import { useEffect, useRef, useState } from 'preact/hooks';
import type { Space, User } from '../../api/types';
import { t } from '../../i18n';
import type { SpaceTab } from '../../router';
import { api, currentUser, isAdmin, realtime, workspace } from '../../state/session';
import { ErrorNotice, Loading, Page, useAsync } from '../../ui/components';
import { TabBar } from '../../ui/Tabs';
import { KindBadge, StateBadge } from '../spaceBits';
import { SpaceHome } from './SpaceHome';
import { DiscussionsTab } from './chat/DiscussionsTab';
import { FilesTab } from '../../files/FilesTab';
import { DocumentsTab } from '../../docs/DocumentsTab';
import { BoardsTab } from '../../boards/BoardsTab';
import { spaceTabs } from './tabs';

/** How often a person with a pending request looks whether it was accepted. */
const PENDING_POLL_MS = 4000;
/** Polls after the request stopped being pending, before concluding it was declined. */
const SETTLING_POLLS = 3;

interface TabProps {
  space: Space;
  /** Bumped by every live event of the space: sections reload what they show. */
  version: number;
  me: User;
  onSpace: (space: Space) => void;
  reload: () => void;
  /** The document open in the documents section. */
  doc?: string;
}

/** One case per entry of `SPACE_TABS`: the compiler checks none is forgotten. */
function renderTab(tab: SpaceTab, props: TabProps) {
  switch (tab) {
    case 'home':
      return <SpaceHome {...props} />;
    case 'discussions':
      return <DiscussionsTab {...props} />;
    case 'documents':
      return <DocumentsTab space={props.space} me={props.me} doc={props.doc} />;
    case 'files':
      return <FilesTab space={props.space} me={props.me} />;
    case 'boards':
      return <BoardsTab space={props.space} me={props.me} />;
  }
}

/** A space: its header, its section tabs, and the current section. */
export function SpacePage(props: { id: string; tab: SpaceTab; doc?: string }) {
  const space = useAsync(() => api.space(props.id), [props.id]);
  const [version, setVersion] = useState(0);
  const data = space.data;
  const insider = !!data && (data.membership != null || isAdmin.value);

  // Members and administrators hear the space's events live; membership and state changes
  // make the page reload what it shows.
  useEffect(() => {
    if (!insider) return;
    return realtime.subscribe(props.id, {
      onEvent: (event) => {
        if (event.kind.startsWith('member.') || event.kind.startsWith('space.')) {
          space.reload();
          setVersion((v) => v + 1);
        }
      },
      onReset: () => {
        space.reload();
        setVersion((v) => v + 1);
      },
      onRemoved: () => {
        space.reload();
        setVersion((v) => v + 1);
      },
    });
  }, [insider, props.id]);

  // The "Discussions" tab shows the space's unread total, whatever the section on screen; the
  // sidebar tracks the person's spaces, and this one too while it is open.
  useEffect(() => (insider && data ? workspace.watch(data) : undefined), [insider, props.id]);
  useEffect(() => {
    if (data) workspace.updateSpace(data);
  }, [data]);

  // Until the WebSocket tells non-members, someone waiting for an answer polls. The request
  // may read as closed a moment before the membership exists, so polling goes on for a few
  // rounds after the request stops being pending (a declined request ends it then).
  const pending = data?.joinRequest === 'pending' && !data.membership;
  const [awaiting, setAwaiting] = useState(false);
  const settlingPolls = useRef(0);
  useEffect(() => {
    if (!data) return;
    if (pending) {
      settlingPolls.current = 0;
      setAwaiting(true);
    } else if (data.membership || settlingPolls.current >= SETTLING_POLLS) {
      setAwaiting(false);
    }
  }, [data, pending]);
  useEffect(() => {
    if (!awaiting) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      if (!pending) settlingPolls.current++;
      space.reload();
    }, PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [awaiting, pending, props.id]);

  const title = data?.name ?? (space.error ? t('error.title') : t('common.loading'));
  return (
    <Page title={title}>
      {data && (
        <p class="badges">
          <KindBadge space={data} />
          <StateBadge space={data} />
        </p>
      )}
      {data && <TabBar label={t('space.tabs')} tabs={spaceTabs(data.id)} current={props.tab} />}
      {space.loading && !data && <Loading />}
      {space.error != null && <ErrorNotice error={space.error} onRetry={space.reload} />}
      {data &&
        currentUser.value &&
        renderTab(props.tab, {
          space: data,
          version,
          me: currentUser.value,
          onSpace: (next: Space) => space.setData(next),
          reload: space.reload,
          doc: props.doc,
        })}
    </Page>
  );
}
