import { useEffect, useRef, useState } from 'preact/hooks';
import { avatarHue, initials } from '../../../chat/grouping';
import { InlineError } from '../../../ui/components';
import { t, tn } from '../../../i18n';
import { decodeMentions, type MentionCandidate } from '../../../chat/mentions';
import type { OutboxItem } from '../../../chat/outbox';
import type { ChatMessage } from '../../../chat/types';
import { Composer } from './Composer';
import { Markdown } from './Markdown';
import { MessageFiles } from '../../../files/Attachments';
import { worthADocument } from '../../../docs/fromMessage';

export const EMOJIS = ['👍', '❤️', '😄', '🎉', '👀', '✅'];

export interface MessageActions {
  me: string;
  canWrite: boolean;
  canModerate: boolean;
  members: MentionCandidate[];
  nameOf: (id: string) => string;
  time: (iso: string) => string;
  /** Only the time of day, beside messages grouped under one header. */
  shortTime?: (iso: string) => string;
  onEdit: (id: string, text: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
  onReact: (id: string, emoji: string) => Promise<void>;
  /** Opens the message's thread (absent inside a thread). */
  threadHref?: (m: ChatMessage) => string;
  onOpenThread?: (m: ChatMessage, href: string) => void;
  /** Makes a shared document of the message (its text, with a link back to it). */
  onMakeDocument?: (m: ChatMessage) => Promise<void>;
  onRetry?: (item: OutboxItem) => void;
  onDiscard?: (item: OutboxItem) => void;
  /** « Transformer en tâche »: a card made from the message (absent where boards are not offered). */
  onMakeTask?: (m: ChatMessage) => void;
  /** The message being edited (↑ in the composer opens the last one), and how to change it. */
  editing?: string | null;
  setEditing?: (id: string | null) => void;
}

/** A person's initials on a colour of their own; decorative (the name is said beside it). */
export function Avatar(props: { id: string; name: string }) {
  return (
    <span class={`avatar avatar-${avatarHue(props.id)}`} aria-hidden="true">
      {initials(props.name)}
    </span>
  );
}

export function MessageItem(props: {
  message: ChatMessage;
  actions: MessageActions;
  /** Same author as the message above, a moment later: no header, no avatar. */
  continued?: boolean;
}) {
  const m = props.message;
  const a = props.actions;
  const [localEditing, setLocalEditing] = useState(false);
  const editing = a.setEditing ? a.editing === m.id : localEditing;
  const setEditing = (on: boolean) =>
    a.setEditing ? a.setEditing(on ? m.id : null) : setLocalEditing(on);
  const [confirming, setConfirming] = useState(false);
  const [picking, setPicking] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (picking) picker.current?.querySelector('button')?.focus();
  }, [picking]);
  const closePicker = () => {
    setPicking(false);
    reactButton.current?.focus();
  };
  const [error, setError] = useState<unknown>(null);
  const author = a.nameOf(m.author);
  const mine = m.author === a.me;

  const run = (work: Promise<void>) =>
    work.then(
      () => setError(null),
      (e: unknown) => setError(e),
    );

  return (
    <article
      class={`msg${mine ? ' msg-mine' : ''}${props.continued ? ' msg-continued' : ''}`}
      aria-label={t('chat.msg.by', { name: author })}
    >
      {props.continued ? (
        <time dateTime={m.createdAt} class="msg-time msg-gutter-time" title={a.time(m.createdAt)}>
          {a.shortTime ? a.shortTime(m.createdAt) : a.time(m.createdAt)}
        </time>
      ) : (
        <Avatar id={m.author} name={author} />
      )}
      <div class="msg-main">
        {!props.continued && (
          <header class="msg-head">
            <strong class="msg-author">{author}</strong>{' '}
            <time dateTime={m.createdAt} class="msg-time">
              {a.time(m.createdAt)}
            </time>
          </header>
        )}
        {m.deleted ? (
          <p class="msg-deleted">{t('chat.msg.deleted')}</p>
        ) : editing ? (
          <Composer
            label={t('chat.msg.editLabel')}
            name="edit"
            members={a.members}
            nameOf={a.nameOf}
            me={a.me}
            initial={decodeMentions(m.text, a.members)}
            submitLabel={t('common.save')}
            autoFocus
            onCancel={() => setEditing(false)}
            onSend={(text) => {
              setEditing(false);
              void run(a.onEdit(m.id, text));
            }}
          />
        ) : (
          <div class="msg-body">
            <Markdown text={m.text} nameOf={a.nameOf} me={a.me} />
            {m.files && m.files.length > 0 && <MessageFiles ids={m.files} />}
          </div>
        )}
        {m.editedAt && !m.deleted && !editing && (
          <span class="msg-edited">{t('chat.msg.edited')}</span>
        )}
        {!m.deleted && Object.keys(m.reactions).length > 0 && (
          <ul class="reactions" aria-label={t('chat.reactions')}>
            {Object.entries(m.reactions)
              .filter(([, users]) => users.length > 0)
              .map(([emoji, users]) => {
                const mineToo = users.includes(a.me);
                return (
                  <li key={emoji}>
                    <button
                      type="button"
                      class="reaction"
                      aria-pressed={mineToo}
                      disabled={!a.canWrite}
                      title={users.map(a.nameOf).join(', ')}
                      aria-label={t('chat.reaction.label', {
                        emoji,
                        n: users.length,
                        names: users.map(a.nameOf).join(', '),
                      })}
                      onClick={() => void run(a.onReact(m.id, emoji))}
                    >
                      <span aria-hidden="true">{emoji}</span> {users.length}
                    </button>
                  </li>
                );
              })}
          </ul>
        )}
        {!m.deleted && !editing && m.replyCount > 0 && a.threadHref && (
          <p class="msg-replies">
            <a
              href={a.threadHref(m)}
              onClick={(e) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                a.onOpenThread?.(m, a.threadHref!(m));
              }}
              aria-label={tn('chat.thread.repliesTo', m.replyCount, { name: author })}
            >
              {tn('chat.thread.replies', m.replyCount)}
            </a>
          </p>
        )}
        {!m.deleted && !editing && (
          <div
            class="msg-actions"
            role="group"
            aria-label={t('chat.msg.actions', { name: author })}
          >
            {a.threadHref && (
              <a
                class="msg-action"
                href={a.threadHref(m)}
                onClick={(e) => {
                  if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  a.onOpenThread?.(m, a.threadHref!(m));
                }}
                aria-label={t('chat.thread.replyTo', { name: author })}
              >
                {t('chat.thread.reply')}
              </a>
            )}
            {a.canWrite && (
              <button
                type="button"
                ref={reactButton}
                class="msg-action"
                aria-expanded={picking}
                aria-label={t('chat.react.label', { name: author })}
                onClick={() => setPicking((p) => !p)}
              >
                {t('chat.react')}
              </button>
            )}
            {a.canWrite && a.onMakeDocument && worthADocument(m.text) && (
              <button
                type="button"
                class="msg-action"
                aria-label={t('chat.msg.toDocumentLabel', { name: author })}
                onClick={() => void run(a.onMakeDocument!(m))}
              >
                {t('chat.msg.toDocument')}
              </button>
            )}
            {a.canWrite && a.onMakeTask && (
              // A short label: the toolbar floats over the message and must stay narrow.
              <button
                type="button"
                class="msg-action"
                title={t('chat.msg.makeTask')}
                aria-label={t('chat.msg.makeTask')}
                onClick={() => a.onMakeTask?.(m)}
              >
                {t('chat.msg.makeTaskShort')}
              </button>
            )}
            {mine && a.canWrite && (
              <button
                type="button"
                class="msg-action"
                aria-label={t('chat.msg.editOwn')}
                onClick={() => setEditing(true)}
              >
                {t('chat.msg.edit')}
              </button>
            )}
            {(mine || a.canModerate) && a.canWrite && (
              <button
                type="button"
                class="msg-action"
                aria-label={t('chat.msg.deleteLabel', { name: author })}
                onClick={() => setConfirming(true)}
              >
                {t('chat.msg.delete')}
              </button>
            )}
          </div>
        )}
        {picking && (
          <div
            class="emoji-picker"
            role="group"
            ref={picker}
            aria-label={t('chat.react.choose')}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                closePicker();
              } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const buttons = [...(picker.current?.querySelectorAll('button') ?? [])];
                const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
                const next =
                  (i + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
                buttons[next]?.focus();
                e.preventDefault();
              }
            }}
          >
            {EMOJIS.map((emoji) => (
              <button
                type="button"
                key={emoji}
                class="reaction"
                aria-label={t('chat.react.with', { emoji })}
                onClick={() => {
                  closePicker();
                  void run(a.onReact(m.id, emoji));
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
        )}
        {confirming && (
          <div class="msg-confirm" role="group" aria-label={t('chat.msg.confirmDelete')}>
            <span>{t('chat.msg.confirmDelete')}</span>{' '}
            <button
              type="button"
              class="button danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                void run(a.onDelete(m.id));
              }}
            >
              {t('chat.msg.delete')}
            </button>{' '}
            <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        <InlineError error={error} />
      </div>
    </article>
  );
}

/** A message still in the outbox: shown at once, marked as waiting (or refused). */
export function PendingItem(props: {
  item: OutboxItem;
  author: string;
  nameOf: (id: string) => string;
  me: string;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const { item } = props;
  return (
    <article class="msg msg-mine msg-pending" aria-label={t('chat.msg.by', { name: props.author })}>
      <Avatar id={props.me} name={props.author} />
      <div class="msg-main">
        <header class="msg-head">
          <strong class="msg-author">{props.author}</strong>{' '}
          <span class={item.failed ? 'badge badge-bad' : 'badge badge-warn'}>
            {item.failed ? t('chat.pending.failed') : t('chat.pending')}
          </span>
        </header>
        <div class="msg-body">
          <Markdown text={item.text} nameOf={props.nameOf} me={props.me} />
        </div>
        {item.failed && (
          <div class="msg-actions">
            <span class="field-error">{item.failed.message}</span>{' '}
            <button type="button" class="msg-action" onClick={props.onRetry}>
              {t('common.retry')}
            </button>
            <button type="button" class="msg-action" onClick={props.onDiscard}>
              {t('chat.pending.discard')}
            </button>
          </div>
        )}
      </div>
    </article>
  );
}
