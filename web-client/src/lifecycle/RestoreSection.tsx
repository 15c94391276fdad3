import { useState } from 'preact/hooks';
import type { Space } from '../api/types';
import { t } from '../i18n';
import { hrefFor } from '../router';
import { ErrorNotice, StatusNotice } from '../ui/components';
import { restoreArchive } from './api';

/** The administrators' restore page: send a bag, see it checked and imported, open the space. */
export function RestoreSection() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [restored, setRestored] = useState<Space | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setMissing(false);
    if (!file) {
      setMissing(true);
      return;
    }
    setError(null);
    setRestored(null);
    setProgress(0);
    try {
      setRestored(await restoreArchive(file, setProgress));
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  };
  const sent = progress != null && progress >= 1;
  return (
    <section class="panel" aria-labelledby="restore-title">
      <h2 id="restore-title">{t('admin.restore')}</h2>
      <p>{t('restore.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class={`field${missing ? ' has-error' : ''}`}>
          <label for="restore-file">{t('restore.file')}</label>
          <input
            id="restore-file"
            name="archive"
            type="file"
            accept=".zip,application/zip"
            aria-invalid={missing ? 'true' : undefined}
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
          />
          {missing && <p class="field-error">{t('restore.chooseFile')}</p>}
        </div>
        <button type="submit" class="button" disabled={progress != null}>
          {t('restore.submit')}
        </button>
      </form>
      {progress != null && (
        <p role="status">
          {sent
            ? t('restore.checking')
            : t('restore.sending', { percent: Math.round(progress * 100) })}
        </p>
      )}
      {error != null && <ErrorNotice error={error} />}
      {restored && (
        <StatusNotice>
          {t('restore.done', { name: restored.name })}{' '}
          <a href={hrefFor({ name: 'space', id: restored.id, tab: 'home' })}>{t('restore.open')}</a>
        </StatusNotice>
      )}
    </section>
  );
}
