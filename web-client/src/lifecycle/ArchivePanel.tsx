import { useState } from 'preact/hooks';
import type { Space } from '../api/types';
import { locale, t } from '../i18n';
import { formatInstantDate } from '../i18n/format';
import { isAdmin, timeZone } from '../state/session';
import { ErrorNotice, StatusNotice } from '../ui/components';
import { downloadArchive, purgeSpace } from './api';
import { formatBytes, lifecycleActions } from './model';

/** "Télécharger l'archive" with the bytes received so far, the last archive's SHA-256, and the purge. */
export function ArchivePanel(props: { space: Space; onSpace: (space: Space) => void }) {
  const { space } = props;
  const [received, setReceived] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lang = locale.value;
  const download = async () => {
    setError(null);
    setDone(null);
    setReceived(0);
    try {
      const result = await downloadArchive(space.id, setReceived);
      setDone(
        t('archive.done', { size: formatBytes(result.bytes, lang), sha: result.sha256 ?? '—' }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setReceived(null);
    }
  };
  const purge = async () => {
    const sha = space.archive?.sha256;
    if (!sha || !window.confirm(t('archive.purgeConfirm', { name: space.name, sha }))) return;
    setError(null);
    try {
      const next = await purgeSpace(space.id, sha);
      setDone(t('archive.purged', { name: space.name }));
      props.onSpace({ ...space, ...next });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div class="archive-panel">
      <h3>{t('archive.title')}</h3>
      <p class="hint">{t('archive.hint')}</p>
      <button
        type="button"
        class="button secondary"
        disabled={received != null}
        onClick={() => void download()}
      >
        {t('archive.download')}
      </button>
      {received != null && (
        <p role="status" class="archive-progress">
          {t('archive.downloading', { size: formatBytes(received, lang) })}
        </p>
      )}
      {done && <StatusNotice>{done}</StatusNotice>}
      {space.archive && (
        <p class="hint archive-last">
          {t('archive.last', {
            date: formatInstantDate(space.archive.at, lang, timeZone.value),
            sha: space.archive.sha256,
          })}
        </p>
      )}
      {lifecycleActions(space, isAdmin.value).purge && (
        <button type="button" class="button danger" onClick={() => void purge()}>
          {t('archive.purge')}
        </button>
      )}
      {error != null && <ErrorNotice error={error} />}
    </div>
  );
}
