import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Space, User } from '../../../api/types';
import { formatInstant, formatTimeOfDay } from '../../../i18n/format';
import { locale, t, tn } from '../../../i18n';
import { firstUnread } from '../../../chat/unread';
import { channelLabel, GENERAL } from '../../../workspace/model';
import { COMPOSER_SHORTCUT } from '../../../workspace/shortcuts';
import { takeChannelFocus } from '../../../workspace/focus';
import { typingIn } from '../../../chat/typing';
import type { ChatMessage } from '../../../chat/types';
import { hrefFor, navigate, route } from '../../../router';
import { documentsApi } from '../../../docs/api';
import { documentFromMessage } from '../../../docs/fromMessage';
import { api, isAdmin, realtime, timeZone } from '../../../state/session';
import { JoinPanel } from '../JoinPanel';
import { chatAccess, readOnlyReason } from './access';
import { ErrorNotice, InlineError, Loading } from '../../../ui/components';
import { useSubmit } from '../../../ui/submit';
import { ChatController } from './ChatController';
import { messageFromAddress } from '../../../search/jump';
import { Composer } from './Composer';
import { type MessageActions } from './MessageItem';
import { MessageList } from './MessageList';
import { taskFromMessage } from '../../../boards/fromMessage';

/**
 * The "Discussions" section of a space: the open channel, its thread, presence — or, for someone
 * who cannot read them, why, with a way to ask to join when there is one.
 */
export function DiscussionsTab(props: {
  space: Space;
  me: User;
  version: number;
  onSpace: (space: Space) => void;
  reload: () => void;
}) {
  const access = chatAccess(props.space, isAdmin.value);
  if (access.view === 'join') {
    return (
      <JoinPanel
        space={props.space}
        onSpace={props.onSpace}
        reload={props.reload}
        intro={t('chat.join.intro')}
      />
    );
  }
  if (access.view === 'closed') {
    return (
      <p class="notice notice-info" role="status">
        {t(access.reason)}
      </p>
    );
  }
  return <ChatView space={props.space} me={props.me} version={props.version} />;
}

function ChatView(props: { space: Space; me: User; version: number }) {
  const { space, me } = props;
  const chat = useMemo(() => new ChatController(api, realtime, space.id, me.id), [space.id, me.id]);
  useEffect(() => chat.start(), [chat]);
  useEffect(() => {
    if (props.version > 0) void chat.loadMembers();
  }, [props.version]);

  const r = route.value;
  const channelId = (r.name === 'space' && r.channel) || GENERAL;
  const threadId = r.name === 'space' ? r.thread : undefined;
  const channels = chat.channels.value;
  const channel = channels?.find((c) => c.id === channelId);
  void chat.version.value; // re-render on every change of the log

  const readOnlyKey = readOnlyReason(space, channel?.archived);
  const readOnly = readOnlyKey ? t(readOnlyKey) : null;
  const canWrite = readOnlyReason(space) === null;
  const canManage = space.membership === 'coordinator' && canWrite;

  // The marker when the channel was opened: the "new messages" divider stays where it was.
  const [openedAt, setOpenedAt] = useState<{ channel: string; lastRead: number } | null>(null);
  useEffect(() => {
    if (!channel) return;
    void chat.open(channel.id);
    if (openedAt?.channel !== channel.id)
      setOpenedAt({ channel: channel.id, lastRead: channel.lastRead });
  }, [channel?.id]);
  useEffect(() => () => chat.setViewing(null), [chat]);
  // A link to a message (a search result, a shared address): load history back to it; the search
  // box's jumpToMessage then scrolls to it once rendered.
  const linked = messageFromAddress(window.location.search);
  useEffect(() => {
    if (channel && linked) void chat.reveal(channel.id, linked);
  }, [channel?.id, linked]);
  useEffect(() => {
    if (threadId && channel) void chat.openThread(channel.id, threadId);
  }, [threadId, channel?.id]);

  // Typing indicators fade after a few seconds: re-render while anyone types.
  const [now, setNow] = useState(Date.now());
  const typingMap = chat.typing.value;
  useEffect(() => {
    if (typingMap.size === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [typingMap]);

  const channelHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => takeChannelFocus(channelHeading.current), [channelId]);
  const threadHeading = useRef<HTMLHeadingElement>(null);
  const go = (href: string, focus: 'channel' | 'thread' | null) => {
    navigate(href, { focus: false });
    if (focus) {
      requestAnimationFrame(() =>
        (focus === 'thread' ? threadHeading : channelHeading).current?.focus(),
      );
    }
  };

  const members = chat.members.value.map((m) => ({ id: m.user.id, name: m.user.name }));
  const nameOf = (id: string) => (id === me.id ? me.name : chat.nameOf(id));
  const time = (iso: string) => formatInstant(iso, locale.value, timeZone.value);
  const channelHref = (id: string) =>
    hrefFor({ name: 'space', id: space.id, tab: 'discussions', channel: id });

  // The message being edited: ↑ in an empty composer opens the person's last one.
  const [editingId, setEditingId] = useState<string | null>(null);
  const setEditing = (id: string | null) => {
    setEditingId(id);
    if (id === null) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLTextAreaElement>('.chat-main .composer textarea')?.focus(),
      );
    }
  };
  const editLast = (): boolean => {
    const list = chat.log.channel(channelId);
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i]!;
      if (m.author === me.id && !m.deleted) {
        setEditingId(m.id);
        return true;
      }
    }
    return false;
  };

  const actions: MessageActions = {
    editing: editingId,
    setEditing,
    me: me.id,
    canWrite: canWrite && !channel?.archived,
    canModerate: space.membership === 'coordinator',
    members,
    nameOf,
    time,
    shortTime: (iso) => formatTimeOfDay(iso, locale.value, timeZone.value),
    onEdit: (id, text) => chat.edit(id, text),
    onDelete: (id) => chat.remove(id),
    onReact: (id, emoji) => chat.react(id, emoji),
    onRetry: (item) => chat.retry(item.channel, item.clientId),
    onDiscard: (item) => chat.discard(item.channel, item.clientId),
    onMakeDocument: canWrite
      ? (m) => {
          const made = documentFromMessage(
            m.text,
            nameOf(m.author),
            `${hrefFor({ name: 'space', id: space.id, tab: 'discussions', channel: m.channel })}?message=${encodeURIComponent(m.id)}`,
            window.location.origin,
          );
          return documentsApi
            .create(space.id, made.title, undefined, made.text)
            .then((d) =>
              navigate(hrefFor({ name: 'space', id: space.id, tab: 'documents', doc: d.id })),
            );
        }
      : undefined,
    // « Transformer en tâche »: the card is made, then shown on its board.
    onMakeTask: (m) =>
      void taskFromMessage(space.id, m, t('board.defaultName')).then(
        (card) =>
          navigate(
            `${hrefFor({ name: 'space', id: space.id, tab: 'boards' })}?board=${encodeURIComponent(card.board)}`,
          ),
        (e) => window.alert(e instanceof Error && e.message ? e.message : t('board.taskFailed')),
      ),
  };

  const state = realtime.state.value;
  const page = chat.pages.value[channelId];
  const messages = chat.log.channel(channelId);
  const unreadStart =
    openedAt?.channel === channelId ? firstUnread(messages, openedAt.lastRead, me.id) : null;
  const typers = typingIn(typingMap, channelId, now).filter((u) => u !== me.id);
  const online = chat.online.value;

  return (
    <div class="chat">
      {(state === 'reconnecting' || state === 'offline') && (
        <p class="chat-status notice notice-info" role="status">
          {state === 'offline' ? t('chat.status.offline') : t('chat.status.reconnecting')}
        </p>
      )}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {chat.announcement.value}
      </p>
      <div class={`chat-layout${threadId ? ' with-thread' : ''}`}>
        <section class="chat-main" aria-labelledby="channel-title">
          <div class="chat-main-head">
            <h2 id="channel-title" tabIndex={-1} ref={channelHeading}>
              # {channel ? channelLabel(channel, locale.value) : channelId}
            </h2>
            {canManage && channel && <ChannelManage chat={chat} channel={channel} />}
            {canManage && (
              <NewChannel chat={chat} onCreated={(id) => go(channelHref(id), 'channel')} />
            )}
          </div>
          <section class="presence" aria-labelledby="presence-title">
            <h3 id="presence-title" class="presence-title">
              {tn('chat.online', online.length)}
            </h3>
            <ul class="presence-list">
              {online.map((id) => (
                <li key={id}>
                  <span class="dot dot-on" aria-hidden="true" /> {nameOf(id)}
                  {id === me.id && <span class="muted"> ({t('common.you')})</span>}
                </li>
              ))}
            </ul>
          </section>
          {channels == null && chat.channelsError.value == null && <Loading />}
          {chat.channelsError.value != null && (
            <ErrorNotice
              error={chat.channelsError.value}
              onRetry={() => void chat.loadChannels()}
            />
          )}
          {channels && !channel && (
            <p class="notice notice-error" role="alert">
              {t('chat.channel.unknown')}
            </p>
          )}
          {channel && (!page || page.state === 'loading') && <Loading />}
          {channel && page?.state === 'error' && (
            <ErrorNotice error={page.error} onRetry={() => void chat.open(channelId, true)} />
          )}
          {channel && page?.state === 'ready' && (
            <MessageList
              label={t('chat.messagesIn', { channel: channelLabel(channel, locale.value) })}
              messages={messages}
              pending={chat.pendingIn(channelId)}
              actions={{
                ...actions,
                threadHref: (m: ChatMessage) =>
                  hrefFor({
                    name: 'space',
                    id: space.id,
                    tab: 'discussions',
                    channel: channelId,
                    thread: m.id,
                  }),
                onOpenThread: (_m, href) => go(href, 'thread'),
              }}
              firstUnread={unreadStart}
              hasOlder={page.hasOlder}
              loadingOlder={page.loadingOlder}
              onOlder={() => void chat.loadOlder(channelId)}
              onAtEnd={(end) => chat.setViewing(channelId, end)}
              emptyText={t('chat.empty')}
              resetKey={channelId}
            />
          )}
          <p class="typing" aria-live="polite">
            {typers.length === 1
              ? t('chat.typing.single', { name: nameOf(typers[0]!) })
              : typers.length > 1
                ? t('chat.typing.several', { names: typers.map(nameOf).join(', ') })
                : ''}
          </p>
          {channel && (
            <Composer
              key={channelId}
              label={t('chat.composer.label', { channel: channelLabel(channel, locale.value) })}
              members={members}
              nameOf={nameOf}
              me={me.id}
              disabled={readOnly}
              draftKey={`atelier.draft.${space.id}.${channelId}`}
              space={space.id}
              onSend={(text, files) => chat.send(channelId, text, undefined, files)}
              onTyping={() => chat.typed(channelId)}
              onEditLast={canWrite && !channel.archived ? editLast : undefined}
              shortcut={COMPOSER_SHORTCUT}
            />
          )}
        </section>

        {threadId && channel && (
          <ThreadPanel
            chat={chat}
            channel={channelId}
            root={threadId}
            actions={actions}
            headingRef={threadHeading}
            readOnlyReason={readOnly}
            members={members}
            onClose={() => go(channelHref(channelId), 'channel')}
            closeHref={channelHref(channelId)}
          />
        )}
      </div>
    </div>
  );
}

function ThreadPanel(props: {
  chat: ChatController;
  channel: string;
  root: string;
  actions: MessageActions;
  headingRef: { current: HTMLHeadingElement | null };
  readOnlyReason: string | null;
  members: { id: string; name: string }[];
  onClose: () => void;
  closeHref: string;
}) {
  const { chat } = props;
  const root = chat.log.get(props.root);
  const state = chat.threads.value[props.root];
  const replies = chat.log.replies(props.root);
  return (
    <section
      class="chat-thread"
      aria-labelledby="thread-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) props.onClose();
      }}
    >
      <div class="chat-main-head">
        <h2 id="thread-title" tabIndex={-1} ref={props.headingRef}>
          {t('chat.thread.title')}
        </h2>
        <a
          class="button secondary"
          href={props.closeHref}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            props.onClose();
          }}
        >
          {t('chat.thread.close')}
        </a>
      </div>
      {(state === undefined || state === 'loading') && !root && <Loading />}
      {state === 'error' && (
        <div class="notice notice-error" role="alert">
          <p>{t('chat.thread.error')}</p>
          <button
            type="button"
            class="button secondary"
            onClick={() => void chat.openThread(props.channel, props.root)}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {root && (
        <MessageList
          label={t('chat.thread.messages')}
          messages={[root, ...replies]}
          pending={chat.pendingIn(props.channel, props.root)}
          actions={props.actions}
          firstUnread={null}
          hasOlder={false}
          loadingOlder={false}
          onAtEnd={() => undefined}
          emptyText=""
          resetKey={props.root}
        />
      )}
      {root && !root.deleted && (
        <Composer
          key={props.root}
          label={t('chat.thread.composer')}
          name="reply"
          members={props.members}
          nameOf={props.actions.nameOf}
          me={props.actions.me}
          disabled={props.readOnlyReason}
          draftKey={`atelier.draft.${chat.space}.${props.channel}.${props.root}`}
          space={chat.space}
          onSend={(text, files) => chat.send(props.channel, text, props.root, files)}
          onTyping={() => chat.typed(props.channel)}
        />
      )}
    </section>
  );
}

function NewChannel(props: { chat: ChatController; onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const { busy, error, run } = useSubmit();
  if (!open) {
    return (
      <button
        type="button"
        class="button secondary small"
        aria-expanded={false}
        onClick={() => setOpen(true)}
      >
        {t('chat.channel.new')}
      </button>
    );
  }
  return (
    <form
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
      class="new-channel"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        void run(async () => {
          const c = await props.chat.createChannel(name.trim());
          setName('');
          setOpen(false);
          props.onCreated(c.id);
        });
      }}
    >
      <label for="new-channel-name">{t('chat.channel.new')}</label>
      <div class="inline-form">
        <input
          id="new-channel-name"
          name="channelName"
          value={name}
          maxLength={80}
          autoFocus
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={busy || !name.trim()}>
          {t('chat.channel.create')}
        </button>
        <button type="button" class="button secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      <InlineError error={error} />
    </form>
  );
}

function ChannelManage(props: {
  chat: ChatController;
  channel: { id: string; name: string; archived: boolean };
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(props.channel.name);
  const [error, setError] = useState<unknown>(null);
  const run = async (patch: { name?: string; archived?: boolean }) => {
    try {
      await props.chat.updateChannel(props.channel.id, patch);
      setError(null);
      setRenaming(false);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="channel-manage">
      {renaming ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void run({ name: name.trim() });
          }}
        >
          <label for="rename-channel">{t('chat.channel.newName')}</label>
          <input
            id="rename-channel"
            name="channelRename"
            value={name}
            maxLength={80}
            autoFocus
            onInput={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
          />
          <button type="submit" class="button">
            {t('common.save')}
          </button>
          <button type="button" class="button secondary" onClick={() => setRenaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <>
          <button
            type="button"
            class="button secondary small"
            onClick={() => {
              setName(props.channel.name);
              setRenaming(true);
            }}
          >
            {t('chat.channel.rename')}
          </button>
          {props.channel.id !== GENERAL && (
            <button
              type="button"
              class="button secondary small"
              onClick={() => void run({ archived: !props.channel.archived })}
            >
              {props.channel.archived ? t('chat.channel.reopen') : t('chat.channel.archive')}
            </button>
          )}
        </>
      )}
      <InlineError error={error} />
    </div>
  );
}
