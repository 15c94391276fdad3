import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Member, Space, User } from '../api/types';
import { locale, t } from '../i18n';
import { api, isAdmin, realtime } from '../state/session';
import { ErrorNotice, Loading } from '../ui/components';
import { FileRow } from './FileRow';
import {
  applyFileEvent,
  DEFAULT_QUERY,
  FILE_KINDS,
  visibleFiles,
  type FileKind,
  type FileQuery,
  type SortKey,
} from './model';
import type { SharedFile } from './types';
import { UploadList, useUploads } from './Uploads';
import { listFiles } from './upload';
import './files.css';

/** The « Fichiers » section of a space: its files (sorted, filtered), uploads with progress, drag and drop. */
export function FilesTab(props: { space: Space; me: User }) {
  const space = props.space;
  const [files, setFiles] = useState<SharedFile[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [query, setQuery] = useState<FileQuery>(DEFAULT_QUERY);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const canWrite =
    space.state === 'active' &&
    (space.membership === 'member' || space.membership === 'coordinator');
  const coordinates = space.membership === 'coordinator' || isAdmin.value;
  const uploads = useUploads(space.id, (f) =>
    setFiles((list) => applyFileEvent(list ?? [], 'file.added', { file: f })),
  );

  const load = () =>
    Promise.all([listFiles(space.id), api.members(space.id)]).then(([list, people]) => {
      setFiles(list);
      setMembers(people);
      setError(null);
    }, setError);
  useEffect(() => {
    void load();
    return realtime.subscribe(space.id, {
      onEvent: (e) => {
        if (e.kind.startsWith('file.'))
          setFiles((list) => applyFileEvent(list ?? [], e.kind, e.data));
      },
      onReset: () => void load(),
    });
  }, [space.id]);

  const nameOf = (id: string) =>
    members.find((m) => m.user.id === id)?.user.name ?? t('files.someone');
  const collator = useMemo(
    () => new Intl.Collator(locale.value, { sensitivity: 'base', numeric: true }),
    [locale.value],
  );
  const shown = files ? visibleFiles(files, query, collator) : [];
  const uploaders = files ? [...new Set(files.map((f) => f.uploadedBy))] : [];

  const pick = (list: FileList | null | undefined) => {
    if (!list || !canWrite) return;
    for (const file of Array.from(list)) uploads.start(file, file.name);
  };

  return (
    <section
      class={`files${dragging ? ' files-dragging' : ''}`}
      aria-labelledby="files-title"
      onDragOver={(e) => {
        if (!canWrite) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        pick(e.dataTransfer?.files);
      }}
    >
      <h2 id="files-title">{t('files.title')}</h2>
      {canWrite && (
        <div class="files-drop">
          <p>{t('files.dropHint')}</p>
          <input
            ref={input}
            id="files-input"
            type="file"
            multiple
            class="visually-hidden"
            onChange={(e) => {
              pick((e.target as HTMLInputElement).files);
              (e.target as HTMLInputElement).value = '';
            }}
          />
          <button type="button" onClick={() => input.current?.click()}>
            {t('files.add')}
          </button>
        </div>
      )}
      {space.state === 'dormant' && <p class="files-note">{t('files.readOnly')}</p>}
      <UploadList uploads={uploads.items} onCancel={uploads.cancel} onDismiss={uploads.dismiss} />
      <div class="files-controls">
        <label>
          {t('files.sort')}{' '}
          <select
            value={`${query.sort}:${query.descending ? 'desc' : 'asc'}`}
            onChange={(e) => {
              const [sort, dir] = (e.target as HTMLSelectElement).value.split(':');
              setQuery({ ...query, sort: sort as SortKey, descending: dir === 'desc' });
            }}
          >
            <option value="date:desc">{t('files.sort.newest')}</option>
            <option value="date:asc">{t('files.sort.oldest')}</option>
            <option value="name:asc">{t('files.sort.name')}</option>
            <option value="size:desc">{t('files.sort.largest')}</option>
          </select>
        </label>
        <label>
          {t('files.filterKind')}{' '}
          <select
            value={query.kind}
            onChange={(e) =>
              setQuery({
                ...query,
                kind: (e.target as HTMLSelectElement).value as FileKind | 'all',
              })
            }
          >
            <option value="all">{t('files.kind.all')}</option>
            {FILE_KINDS.map((k) => (
              <option value={k} key={k}>
                {t(`files.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('files.filterUploader')}{' '}
          <select
            value={query.uploader}
            onChange={(e) =>
              setQuery({ ...query, uploader: (e.target as HTMLSelectElement).value })
            }
          >
            <option value="all">{t('files.uploader.all')}</option>
            {uploaders.map((u) => (
              <option value={u} key={u}>
                {nameOf(u)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error != null && <ErrorNotice error={error} onRetry={() => void load()} />}
      {files == null && error == null && <Loading />}
      {files != null && shown.length === 0 && (
        <p class="files-note">{files.length === 0 ? t('files.empty') : t('files.noMatch')}</p>
      )}
      {shown.length > 0 && (
        <ul class="files-list" aria-label={t('files.title')}>
          {shown.map((f) => (
            <FileRow
              key={f.id}
              file={f}
              uploader={nameOf(f.uploadedBy)}
              canChange={canWrite && (f.uploadedBy === props.me.id || coordinates)}
              onChanged={(next) =>
                setFiles((list) =>
                  applyFileEvent(
                    list ?? [],
                    next ? 'file.renamed' : 'file.deleted',
                    next ? { file: next } : { id: f.id },
                  ),
                )
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
