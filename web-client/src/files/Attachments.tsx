import { useEffect, useState } from 'preact/hooks';
import { locale, t } from '../i18n';
import { formatSize, iconOf } from './model';
import type { SharedFile } from './types';
import { route } from '../router';
import { contentUrl, getFile, thumbnailUrl } from './upload';

/** Files attached to a message: images shown inline (their preview, linking to the full image), others as a link with an icon. */
export function Attachments(props: { space: string; ids: readonly string[] }) {
  const [files, setFiles] = useState<(SharedFile | null)[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(props.ids.map((id) => getFile(props.space, id).catch(() => null))).then(
      (list) => {
        if (live) setFiles(list);
      },
    );
    return () => {
      live = false;
    };
  }, [props.space, props.ids.join(',')]);
  if (props.ids.length === 0) return null;
  return (
    <ul class="attachments" aria-label={t('files.attachments')}>
      {files.map((f, i) =>
        f == null ? (
          <li key={props.ids[i]} class="attachment attachment-gone">
            {t('files.gone')}
          </li>
        ) : (
          <li key={f.id} class="attachment">
            {f.thumbnail ? (
              <a href={contentUrl(f)} target="_blank" rel="noopener">
                <img class="attachment-image" src={thumbnailUrl(f)} alt={f.name} loading="lazy" />
              </a>
            ) : (
              <a href={contentUrl(f)} download={f.name}>
                <span aria-hidden="true">{iconOf(f.type)}</span> {f.name}{' '}
                <span class="file-meta">({formatSize(f.size, locale.value)})</span>
              </a>
            )}
          </li>
        ),
      )}
    </ul>
  );
}

/** The attachments of a message of the space on screen (the message itself does not name its space). */
export function MessageFiles(props: { ids: readonly string[] }) {
  const r = route.value;
  return r.name === 'space' ? <Attachments space={r.id} ids={props.ids} /> : null;
}
