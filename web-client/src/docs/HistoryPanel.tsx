import { useEffect, useState } from 'preact/hooks';
import type { DocumentVersion } from '../api/types';
import { locale, t, tn } from '../i18n';
import { InlineError, Loading, StatusNotice } from '../ui/components';
import { colourOf, documentsApi } from './api';
import { lineDiff } from './diff';

/** Versions newest first (grouped by author and time): view one, compare it, restore it, download it. */
export function HistoryPanel(props: {
  space: string;
  doc: string;
  current: string;
  canRestore: boolean;
  nameOf: (id: string) => string;
}) {
  const [versions, setVersions] = useState<DocumentVersion[] | null>(null);
  const [before, setBefore] = useState<number | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<{ rev: number; text: string; diff: boolean } | null>(null);
  const [restored, setRestored] = useState<number | null>(null);
  const load = (from?: number) =>
    documentsApi.history(props.space, props.doc, from).then((h) => {
      setVersions((list) => (from === undefined ? h.versions : [...(list ?? []), ...h.versions]));
      setBefore(h.before);
    }, setError);
  useEffect(() => void load(), [props.doc]);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  const open = (rev: number, diff: boolean) =>
    documentsApi
      .get(props.space, props.doc, rev)
      .then((d) => setShown({ rev, text: d.text ?? '', diff }), setError);

  return (
    <aside class="doc-history" aria-label={t('docs.history')}>
      <h3>{t('docs.history')}</h3>
      {restored !== null && (
        <StatusNotice tone="success">{t('docs.history.restored', { rev: restored })}</StatusNotice>
      )}
      {error != null && <InlineError error={error} />}
      {!versions && error == null && <Loading />}
      <ol class="doc-versions">
        {(versions ?? []).map((v) => (
          <li key={v.rev} class="doc-version" style={{ borderColor: colourOf(v.author) }}>
            <span>
              {v.created
                ? t('docs.history.created', { name: props.nameOf(v.author), when: when(v.start) })
                : t('docs.history.version', {
                    rev: v.rev,
                    name: props.nameOf(v.author),
                    when: when(v.end),
                  })}
              {!v.created && <small> · {tn('docs.history.revisions', v.revisions)}</small>}
            </span>
            <span class="doc-version-actions">
              <button type="button" onClick={() => void open(v.rev, false)}>
                {t('docs.history.view')}
              </button>
              <button type="button" onClick={() => void open(v.rev, true)}>
                {t('docs.history.diff')}
              </button>
              {props.canRestore && (
                <button
                  type="button"
                  onClick={() =>
                    documentsApi.restoreVersion(props.space, props.doc, v.rev).then(() => {
                      setRestored(v.rev);
                      void load();
                    }, setError)
                  }
                >
                  {t('docs.history.restore')}
                </button>
              )}
              <a href={documentsApi.downloadUrl(props.space, props.doc, v.rev)} download>
                {t('docs.download')}
              </a>
            </span>
          </li>
        ))}
      </ol>
      {before !== undefined && (
        <button type="button" onClick={() => void load(before)}>
          {t('docs.history.more')}
        </button>
      )}
      {shown && !shown.diff && (
        <pre class="doc-version-text" data-rev={shown.rev}>
          {shown.text}
        </pre>
      )}
      {shown && shown.diff && (
        <pre class="doc-diff" data-rev={shown.rev}>
          {lineDiff(shown.text, props.current).map((l, i) => (
            <div key={i} class={`diff-${l.kind}`}>
              {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  '}
              {l.text}
            </div>
          ))}
        </pre>
      )}
    </aside>
  );
}
