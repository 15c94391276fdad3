import { useState } from 'preact/hooks';
import type { Space } from '../../api/types';
import { formatCalendarDate } from '../../i18n/format';
import { locale, t } from '../../i18n';
import { hrefFor } from '../../router';
import { api } from '../../state/session';
import { AsyncList } from '../../ui/AsyncTable';
import { ErrorNotice, StatusNotice, TextField, useAsync } from '../../ui/components';

function Proposal(props: { space: Space; onDone: (message: string) => void }) {
  const { space } = props;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const decide = async (state: 'active' | 'declined') => {
    setBusy(true);
    setError(null);
    try {
      await api.changeState(space.id, reason.trim() ? { state, reason: reason.trim() } : { state });
      props.onDone(
        t(state === 'active' ? 'admin.approved' : 'admin.declined', { name: space.name }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const headingId = `proposal-${space.id}`;
  return (
    <li class="space-card">
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          <a href={hrefFor({ name: 'space', id: space.id, tab: 'home' })}>{space.name}</a>
        </h3>
        {space.squad?.name && (
          <p class="meta">{t('space.parentSquad', { name: space.squad.name })}</p>
        )}
        {space.mandate && (
          <>
            <p class="meta">
              {t('mandate.period', {
                start: formatCalendarDate(space.mandate.start, locale.value),
                end: formatCalendarDate(space.mandate.end, locale.value),
              })}
            </p>
            <dl class="mandate">
              <dt>{t('mandate.issue')}</dt>
              <dd>{space.mandate.issue}</dd>
              <dt>{t('mandate.objectives')}</dt>
              <dd>{space.mandate.objectives}</dd>
              <dt>{t('mandate.deliverables')}</dt>
              <dd>{space.mandate.deliverables}</dd>
            </dl>
          </>
        )}
        {error != null && <ErrorNotice error={error} />}
        <TextField
          label={t('admin.declineReason')}
          name={`reason-${space.id}`}
          value={reason}
          onValue={setReason}
        />
        <p class="actions">
          <button
            type="button"
            class="button"
            disabled={busy}
            aria-label={t('admin.approveLabel', { name: space.name })}
            onClick={() => void decide('active')}
          >
            {t('admin.approve')}
          </button>
          <button
            type="button"
            class="button secondary"
            disabled={busy}
            aria-label={t('admin.declineLabel', { name: space.name })}
            onClick={() => void decide('declined')}
          >
            {t('admin.decline')}
          </button>
        </p>
      </article>
    </li>
  );
}

export function ProposalsSection() {
  const proposals = useAsync(() => api.spaces({ state: 'proposed' }), []);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('admin.proposals')}</h2>
      {status && <StatusNotice>{status}</StatusNotice>}
      <AsyncList resource={proposals} empty={t('admin.proposals.empty')}>
        {(spaces) => (
          <ul class="space-list">
            {spaces.map((space) => (
              <Proposal
                key={space.id}
                space={space}
                onDone={(message) => {
                  setStatus(message);
                  proposals.reload();
                }}
              />
            ))}
          </ul>
        )}
      </AsyncList>
    </section>
  );
}
