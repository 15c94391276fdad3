import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { hrefFor, navigate } from '../router';
import { api } from '../state/session';
import { documentsApi } from '../docs/api';
import { contentUrl, listFiles } from '../files/upload';
import { addLink, linkHref, removeLink, type Linkable } from './links';
import type { CardLink } from './types';

/**
 * What a card points to — the message it came from, documents, files (the deliverables) — each
 * opening where it lives; with write rights, a document or a file of the space is added from a
 * list and a link removed. The change goes with the dialog's other fields.
 */
export function CardLinks(props: {
  space: string;
  links: CardLink[];
  canWrite: boolean;
  onChange: (links: CardLink[]) => void;
}) {
  const [choices, setChoices] = useState<Linkable[] | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [failed, setFailed] = useState(false);

  async function loadChoices() {
    try {
      const [docs, files] = await Promise.all([
        documentsApi.list(props.space),
        listFiles(props.space),
      ]);
      const list: Linkable[] = [
        ...docs.map((d) => ({ kind: 'document' as const, id: d.id, label: d.title })),
        ...files.map((f) => ({ kind: 'file' as const, id: f.id, label: f.name })),
      ];
      setChoices(list);
      setNames(new Map(list.map((c) => [`${c.kind}:${c.id}`, c.label])));
    } catch {
      setFailed(true);
    }
  }

  async function openMessage(id: string) {
    // A message opens in its own channel: ask where it lives first.
    const m = await api.request<{ channel: string }>(
      'GET',
      `/api/spaces/${encodeURIComponent(props.space)}/messages/${encodeURIComponent(id)}`,
    );
    navigate(
      `${hrefFor({ name: 'space', id: props.space, tab: 'discussions', channel: m.channel })}?message=${encodeURIComponent(id)}`,
    );
  }

  const labelOf = (l: CardLink) => names.get(`${l.kind}:${l.id}`) ?? t(`board.link.${l.kind}`);
  return (
    <fieldset>
      <legend>{t('board.field.links')}</legend>
      {props.links.length === 0 && <p>{t('board.links.none')}</p>}
      <ul class="card-links">
        {props.links.map((l) => (
          <li key={`${l.kind}:${l.id}`}>
            {l.kind === 'message' ? (
              <button type="button" class="button link" onClick={() => void openMessage(l.id)}>
                {labelOf(l)}
              </button>
            ) : (
              <a
                href={
                  l.kind === 'file'
                    ? contentUrl({ space: props.space, id: l.id })
                    : linkHref(props.space, l)
                }
              >
                {labelOf(l)}
              </a>
            )}
            {props.canWrite && (
              <button
                type="button"
                class="button link"
                aria-label={t('board.links.remove', { name: labelOf(l) })}
                onClick={() => props.onChange(removeLink(props.links, l))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.canWrite && choices === null && (
        <button type="button" class="button secondary" onClick={() => void loadChoices()}>
          {t('board.links.add')}
        </button>
      )}
      {failed && <p role="alert">{t('board.links.failed')}</p>}
      {props.canWrite && choices !== null && (
        <select
          aria-label={t('board.links.add')}
          onChange={(e) => {
            const value = (e.target as HTMLSelectElement).value;
            const chosen = choices.find((c) => `${c.kind}:${c.id}` === value);
            if (chosen) props.onChange(addLink(props.links, chosen));
            (e.target as HTMLSelectElement).value = '';
          }}
        >
          <option value="">{t('board.links.choose')}</option>
          {choices.map((c) => (
            <option key={`${c.kind}:${c.id}`} value={`${c.kind}:${c.id}`}>
              {t(`board.link.${c.kind}`)} — {c.label}
            </option>
          ))}
        </select>
      )}
    </fieldset>
  );
}
