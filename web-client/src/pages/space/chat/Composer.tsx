import { useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import {
  encodeMentions,
  insertMention,
  matchMembers,
  mentionQuery,
  type MentionCandidate,
} from '../../../chat/mentions';
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
  onSend: (text: string) => void;
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

  const submit = () => {
    const value = text.trim();
    if (!value || props.disabled) return;
    props.onSend(encodeMentions(value, props.members));
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
          <button type="submit" class="button" disabled={!text.trim()}>
            {props.submitLabel ?? t('chat.composer.send')}
          </button>
        </div>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {t(props.onEditLast ? 'chat.composer.hintEdit' : 'chat.composer.hint')}
      </p>
    </form>
  );
}
