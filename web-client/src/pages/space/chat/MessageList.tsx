import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../../i18n';
import type { OutboxItem } from '../../../chat/outbox';
import type { ChatMessage } from '../../../chat/types';
import { Loading } from '../../../ui/components';
import { continuations } from '../../../chat/grouping';
import { MessageItem, PendingItem, type MessageActions } from './MessageItem';

/** How close to the end (px) still counts as "at the end" (keeps following new messages). */
const NEAR_END = 48;

/**
 * A scrolling list of messages. It opens at the first unread message (or at the end), follows
 * new messages while the person is at the end, keeps its place when older messages are loaded
 * above (a button, or scrolling to the top), and reports whether its end is visible so that the
 * channel is marked read.
 */
export function MessageList(props: {
  label: string;
  messages: ChatMessage[];
  pending: OutboxItem[];
  actions: MessageActions;
  /** Id of the first unread message when the channel was opened: a divider goes above it. */
  firstUnread: string | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  onOlder?: () => void;
  onAtEnd: (atEnd: boolean) => void;
  emptyText: string;
  /** Changes when another channel or thread is shown (scroll position starts over). */
  resetKey: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const positioned = useRef<string | null>(null);
  const heightBefore = useRef<{ height: number; top: number; first: string | undefined } | null>(
    null,
  );
  const firstId = props.messages[0]?.id;
  const continued = continuations(props.messages, props.firstUnread);
  const count = props.messages.length + props.pending.length;

  // Remember where we were before older messages are added above.
  if (box.current && heightBefore.current?.first !== firstId) {
    heightBefore.current = {
      height: box.current.scrollHeight,
      top: box.current.scrollTop,
      first: heightBefore.current?.first,
    };
  }

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (positioned.current !== props.resetKey && props.messages.length > 0) {
      positioned.current = props.resetKey;
      const divider = props.firstUnread ? el.querySelector<HTMLElement>('.unread-divider') : null;
      if (divider) el.scrollTop = Math.max(0, divider.offsetTop - el.offsetTop - 8);
      else el.scrollTop = el.scrollHeight;
    } else if (heightBefore.current && heightBefore.current.first !== firstId) {
      // Older messages came in above: keep the same message under the eyes.
      const grown = el.scrollHeight - heightBefore.current.height;
      if (grown > 0 && !atEnd.current) el.scrollTop = heightBefore.current.top + grown;
      else if (atEnd.current) el.scrollTop = el.scrollHeight;
    } else if (atEnd.current) {
      el.scrollTop = el.scrollHeight;
    }
    heightBefore.current = { height: el.scrollHeight, top: el.scrollTop, first: firstId };
    report();
  }, [count, firstId, props.resetKey, props.messages]);

  const report = () => {
    const el = box.current;
    if (!el) return;
    const end = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_END;
    atEnd.current = end;
    props.onAtEnd(end);
  };

  useEffect(() => {
    const onVisible = () => report();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [props.onAtEnd]);

  return (
    <div
      class="msg-scroll"
      ref={box}
      tabIndex={0}
      role="region"
      aria-label={props.label}
      onScroll={() => {
        report();
        const el = box.current;
        if (el && el.scrollTop < 40 && props.hasOlder && !props.loadingOlder) props.onOlder?.();
      }}
    >
      {props.hasOlder && props.onOlder && (
        <p class="msg-older">
          {props.loadingOlder ? (
            <Loading label={t('chat.older.loading')} />
          ) : (
            <button type="button" class="button secondary" onClick={props.onOlder}>
              {t('chat.older')}
            </button>
          )}
        </p>
      )}
      {props.messages.length === 0 && props.pending.length === 0 ? (
        <p class="empty">{props.emptyText}</p>
      ) : (
        <ol class="msg-list">
          {props.messages.map((m) => (
            <li key={m.id} data-seq={m.seq} data-id={m.id}>
              {m.id === props.firstUnread && (
                <p class="unread-divider">
                  <span>{t('chat.unreadDivider')}</span>
                </p>
              )}
              <MessageItem message={m} actions={props.actions} continued={continued.has(m.id)} />
            </li>
          ))}
          {props.pending.map((item) => (
            <li key={item.clientId} data-pending={item.clientId}>
              <PendingItem
                item={item}
                author={props.actions.nameOf(props.actions.me)}
                nameOf={props.actions.nameOf}
                me={props.actions.me}
                onRetry={() => props.actions.onRetry?.(item)}
                onDiscard={() => props.actions.onDiscard?.(item)}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
