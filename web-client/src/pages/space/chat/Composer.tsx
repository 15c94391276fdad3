import { useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import {
  encodeMentions,
  insertMention,
  matchMembers,
  mentionQuery,
  type MentionCandidate,
} from '../../../chat/mentions';
import { acceptFiles, composeMessage, MAX_ATTACHMENTS } from '../../../chat/compose';
import { UploadList, useUploads } from '../../../files/Uploads';
import type { SharedFile } from '../../../files/types';
import { Markdown } from './Markdown';

let composerCount = 0;

/** Unsent text survives a channel switch or a reload (localStorage, per space/channel/thread). */
function readDraft(key: string | undefined): string {
  if (!key) return '';
  try {
    return globalThis.localStorage?.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function writeDraft(key: string | undefined, text: string): void {
  if (!key) return;
  try {
    if (text) globalThis.localStorage?.setItem(key, text);
    else globalThis.localStorage?.removeItem(key);
  } catch {
    // not kept: storage refused
  }
}

/**
 * The message editor: Enter sends, Shift+Enter starts a new line, "@" opens a list of members
 * (arrows to move, Enter or Tab to choose, Escape to close), and a preview shows the Markdown.
 */
export function Composer(props: {
  label: string;
  members: MentionCandidate[];
  nameOf: (id: string) => string;
  me: string;
  /** The text, and the ids of the files attached (only when `space` is given). */
  onSend: (text: string, files: string[]) => void;
  /** Files may be attached (button, paste, drop); they are uploaded to this space first. */
  space?: string;
  onTyping?: () => void;
  onCancel?: () => void;
  initial?: string;
  submitLabel?: string;
  disabled?: string | null;
  autoFocus?: boolean;
  name?: string;
  /** Where the unsent text is kept (absent: not kept, e.g. when editing a message). */
  draftKey?: string;
  /** ↑ in an empty composer: edit the person's last message (as in Slack or Mattermost). */
  onEditLast?: () => boolean;
  /** The app-wide shortcut that focuses this composer, announced with `aria-keyshortcuts`. */
  shortcut?: string;
}) {
  const [id] = useState(() => `composer-${++composerCount}`);
  const [text, setTextState] = useState(() => props.initial ?? readDraft(props.draftKey));
  const setText = (value: string) => {
    setTextState(value);
    writeDraft(props.draftKey, value);
  };
  const [preview, setPreview] = useState(false);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const [attached, setAttached] = useState<SharedFile[]>([]);
  const [tooMany, setTooMany] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const uploads = useUploads(props.space ?? '', (f) => setAttached((list) => [...list, f]));
  const sending = uploads.items.filter((u) => u.state === 'sending').length;
  const options = query ? matchMembers(props.members, query.query) : [];
  const open = options.length > 0;

  const update = (value: string, caret: number) => {
    setText(value);
    setQuery(mentionQuery(value, caret));
    setActive(0);
  };

  const choose = (m: MentionCandidate) => {
    if (!query || !area.current) return;
    const caret = area.current.selectionStart ?? text.length;
    const next = insertMention(text, query.start, caret, m);
    setText(next.text);
    setQuery(null);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  /** Starts uploading what was picked, pasted or dropped (up to the per-message limit). */
  const attach = (list: ArrayLike<File> | null | undefined) => {
    if (!props.space) return;
    const { files, refused } = acceptFiles(list, attached.length + sending);
    setTooMany(refused > 0);
    for (const f of files) void uploads.start(f.file, f.name);
  };

  const submit = () => {
    if (props.disabled || sending > 0) return;
    const message = composeMessage(encodeMentions(text, props.members), attached);
    if (!message) return;
    props.onSend(message.text, message.files);
    setAttached([]);
    setTooMany(false);
    for (const u of uploads.items) uploads.dismiss(u.key);
    setText('');
    setQuery(null);
    setPreview(false);
    area.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + options.length) % options.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const chosen = options[active];
        if (chosen) choose(chosen);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (e.key === 'ArrowUp' && !text && props.onEditLast && !e.shiftKey && !e.altKey) {
      if (props.onEditLast()) e.preventDefault();
      return;
    }
    if (e.key === 'Escape' && props.onCancel) {
      e.preventDefault();
      props.onCancel();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  if (props.disabled) {
    return <p class="chat-readonly">{props.disabled}</p>;
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        if (props.space && e.dataTransfer?.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!props.space || !e.dataTransfer?.files.length) return;
        e.preventDefault();
        attach(e.dataTransfer.files);
      }}
    >
      <label for={id} class="visually-hidden">
        {props.label}
      </label>
      <div class="composer-row">
        <div class="composer-box">
          {preview ? (
            <div class="composer-preview msg-body" id={`${id}-preview`} aria-live="polite">
              {text.trim() ? (
                <Markdown
                  text={encodeMentions(text, props.members)}
                  nameOf={props.nameOf}
                  me={props.me}
                />
              ) : (
                <p class="muted">{t('chat.composer.previewEmpty')}</p>
              )}
            </div>
          ) : (
            <textarea
              id={id}
              ref={area}
              name={props.name ?? 'message'}
              rows={2}
              placeholder={props.label}
              aria-keyshortcuts={props.shortcut}
              value={text}
              autoFocus={props.autoFocus}
              aria-describedby={`${id}-hint`}
              aria-autocomplete="list"
              aria-controls={open ? `${id}-mentions` : undefined}
              aria-expanded={open ? 'true' : undefined}
              aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
              onInput={(e) => {
                const el = e.currentTarget;
                update(el.value, el.selectionStart ?? el.value.length);
                props.onTyping?.();
              }}
              onKeyDown={onKeyDown}
              onPaste={(e) => {
                // An image copied from a screenshot tool arrives as a file: attach it.
                const files = e.clipboardData?.files;
                if (!props.space || !files || files.length === 0) return;
                e.preventDefault();
                attach(files);
              }}
              onClick={(e) =>
                setQuery(mentionQuery(text, e.currentTarget.selectionStart ?? text.length))
              }
              onBlur={() => setTimeout(() => setQuery(null), 150)}
            />
          )}
          {open && !preview && (
            <ul
              class="mention-list"
              role="listbox"
              id={`${id}-mentions`}
              aria-label={t('chat.mentions')}
            >
              {options.map((m, i) => (
                <li
                  key={m.id}
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? 'active' : undefined}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(m);
                  }}
                >
                  {m.name}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="composer-actions">
          {props.space && (
            <>
              <input
                ref={picker}
                type="file"
                multiple
                hidden
                class="composer-files-input"
                aria-label={t('chat.composer.attach')}
                onChange={(e) => {
                  attach(e.currentTarget.files);
                  e.currentTarget.value = '';
                }}
              />
              <button
                type="button"
                class="button secondary"
                disabled={attached.length + sending >= MAX_ATTACHMENTS}
                onClick={() => picker.current?.click()}
              >
                {t('chat.composer.attach')}
              </button>
            </>
          )}
          <button
            type="button"
            class="button secondary"
            aria-pressed={preview}
            onClick={() => setPreview((p) => !p)}
          >
            {t('chat.composer.preview')}
          </button>
          {props.onCancel && (
            <button type="button" class="button secondary" onClick={props.onCancel}>
              {t('common.cancel')}
            </button>
          )}
          <button
            type="submit"
            class="button"
            disabled={sending > 0 || (!text.trim() && attached.length === 0)}
          >
            {props.submitLabel ?? t('chat.composer.send')}
          </button>
        </div>
      </div>
      {props.space && (
        <>
          <UploadList
            uploads={uploads.items.filter((u) => u.state !== 'done')}
            onCancel={uploads.cancel}
            onDismiss={uploads.dismiss}
          />
          {attached.length > 0 && (
            <ul class="composer-attached" aria-label={t('chat.composer.attached')}>
              {attached.map((f) => (
                <li key={f.id}>
                  <span>{f.name}</span>
                  <button
                    type="button"
                    aria-label={t('chat.composer.detach', { name: f.name })}
                    onClick={() => setAttached((list) => list.filter((a) => a.id !== f.id))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {tooMany && (
            <p class="composer-warning" role="alert">
              {t('chat.composer.tooMany', { max: String(MAX_ATTACHMENTS) })}
            </p>
          )}
        </>
      )}
      <p class="hint" id={`${id}-hint`}>
        {t(props.onEditLast ? 'chat.composer.hintEdit' : 'chat.composer.hint')}
      </p>
    </form>
  );
}
