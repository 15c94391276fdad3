import { useState } from 'preact/hooks';
import { locale, t } from '../i18n';
import { InlineError } from '../ui/components';
import { formatSize, iconOf } from './model';
import type { SharedFile } from './types';
import { contentUrl, deleteFile, renameFile, thumbnailUrl } from './upload';

/** One file of the list: preview or icon, name (a download link), who and when, rename and delete. */
export function FileRow(props: {
  file: SharedFile;
  uploader: string;
  canChange: boolean;
  onChanged: (next: SharedFile | null) => void;
}) {
  const f = props.file;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(f.name);
  const [error, setError] = useState<unknown>(null);
  const when = new Intl.DateTimeFormat(locale.value, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(f.createdAt));
  return (
    <li class="file-row">
      {f.thumbnail ? (
        <img class="file-thumb" src={thumbnailUrl(f)} alt="" loading="lazy" />
      ) : (
        <span class="file-icon" aria-hidden="true">
          {iconOf(f.type)}
        </span>
      )}
      <div class="file-main">
        {renaming ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              renameFile(f, name).then((next) => {
                setRenaming(false);
                props.onChanged(next);
              }, setError);
            }}
          >
            <label>
              <span class="visually-hidden">{t('files.newName')}</span>
              <input
                value={name}
                maxLength={200}
                onInput={(e) => setName((e.target as HTMLInputElement).value)}
              />
            </label>
            <button type="submit">{t('common.save')}</button>
            <button type="button" onClick={() => setRenaming(false)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <a href={contentUrl(f)} download={f.name} class="file-name">
            {f.name}
          </a>
        )}
        <span class="file-meta">
          {t('files.meta', { size: formatSize(f.size, locale.value), who: props.uploader, when })}
        </span>
        <InlineError error={error} />
      </div>
      {props.canChange && !renaming && (
        <div class="file-actions">
          <button
            type="button"
            onClick={() => setRenaming(true)}
            aria-label={t('files.renameOf', { name: f.name })}
          >
            {t('files.rename')}
          </button>
          <button
            type="button"
            aria-label={t('files.deleteOf', { name: f.name })}
            onClick={() => {
              if (!window.confirm(t('files.confirmDelete', { name: f.name }))) return;
              deleteFile(f).then(() => props.onChanged(null), setError);
            }}
          >
            {t('files.delete')}
          </button>
        </div>
      )}
    </li>
  );
}
