import { useRef, useState } from 'preact/hooks';
import { locale, t } from '../i18n';
import { formatSize } from './model';
import type { SharedFile } from './types';
import { uploadFile, UploadError, type Upload } from './upload';

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  loaded: number;
  state: 'sending' | 'done' | 'failed' | 'cancelled';
  error?: string;
}

/** Uploads under way in a space: each with its progress, cancellable; finished ones can be dismissed. */
export function useUploads(space: string, onDone: (f: SharedFile) => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const running = useRef(new Map<number, Upload>());
  const next = useRef(1);
  const update = (key: number, change: Partial<UploadItem>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = (file: Blob, name: string): Promise<SharedFile | null> => {
    const key = next.current++;
    setItems((list) => [...list, { key, name, size: file.size, loaded: 0, state: 'sending' }]);
    const upload = uploadFile(space, file, name, (p) => update(key, { loaded: p.loaded }));
    running.current.set(key, upload);
    return upload.done.then(
      (f) => {
        running.current.delete(key);
        update(key, { state: 'done', loaded: file.size });
        onDone(f);
        return f;
      },
      (e: unknown) => {
        running.current.delete(key);
        const code = e instanceof UploadError ? e.code : 'internal';
        update(key, {
          state: code === 'aborted' ? 'cancelled' : 'failed',
          error: e instanceof UploadError && e.message ? e.message : t('files.uploadFailed'),
        });
        return null;
      },
    );
  };
  return {
    items,
    start,
    cancel: (key: number) => running.current.get(key)?.cancel(),
    dismiss: (key: number) => setItems((list) => list.filter((i) => i.key !== key)),
  };
}

export function UploadList(props: {
  uploads: UploadItem[];
  onCancel: (key: number) => void;
  onDismiss: (key: number) => void;
}) {
  if (props.uploads.length === 0) return null;
  return (
    <ul class="uploads" aria-label={t('files.uploads')}>
      {props.uploads.map((u) => (
        <li key={u.key} class={`upload upload-${u.state}`}>
          <span class="upload-name">{u.name}</span>
          <progress
            max={u.size || 1}
            value={u.loaded}
            aria-label={t('files.progressOf', { name: u.name })}
          />
          <span class="upload-state" role="status">
            {u.state === 'sending'
              ? t('files.sending', {
                  done: formatSize(u.loaded, locale.value),
                  total: formatSize(u.size, locale.value),
                })
              : u.state === 'done'
                ? t('files.sent')
                : u.state === 'cancelled'
                  ? t('files.cancelled')
                  : u.error}
          </span>
          {u.state === 'sending' ? (
            <button
              type="button"
              onClick={() => props.onCancel(u.key)}
              aria-label={t('files.cancelOf', { name: u.name })}
            >
              {t('common.cancel')}
            </button>
          ) : (
            <button
              type="button"
              onClick={() => props.onDismiss(u.key)}
              aria-label={t('files.dismissOf', { name: u.name })}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
