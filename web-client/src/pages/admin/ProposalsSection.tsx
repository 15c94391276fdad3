import { useState } from 'preact/hooks';
import type { Space } from '../../api/types';
import { formatCalendarDate, formatInstantDate } from '../../i18n/format';
import { locale, t } from '../../i18n';
import { hrefFor } from '../../router';
import { api, timeZone } from '../../state/session';
import { likelyDuplicates } from './duplicates';
import { awaitingStart } from '../../lifecycle/model';
import { AsyncList } from '../../ui/AsyncTable';
import { ErrorNotice, StatusNotice, TextField, useAsync } from '../../ui/components';
import { useSubmit } from '../../ui/submit';

function Proposal(props: { space: Space; all: Space[]; onDone: (message: string) => void }) {
  const { space } = props;
  // Who proposed it: its creator is its first coordinator.
  const members = useAsync(() => api.members(space.id), [space.id]);
  const proposer = members.data?.find((m) => m.user.id === space.createdBy)?.user;
  const twins = likelyDuplicates(space, props.all);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();
  const decide = (state: 'active' | 'declined') =>
    run(async () => {
      const next = await api.changeState(
        space.id,
        reason.trim() ? { state, reason: reason.trim() } : { state },
      );
      // Approved before its start date, it waits for that date (the server then makes it active).
      const start = awaitingStart(next) ? next.mandate?.start : undefined;
      props.onDone(
        start
          ? t('admin.approvedLater', {
              name: space.name,
              date: formatCalendarDate(start, locale.value),
            })
          : t(state === 'active' ? 'admin.approved' : 'admin.declined', { name: space.name }),
      );
    });
  const headingId = `proposal-${space.id}`;
  return (
    <li class="space-card">
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          <a href={hrefFor({ name: 'space', id: space.id, tab: 'home' })}>{space.name}</a>
        </h3>
        <p class="meta">
          {t('admin.proposedBy', {
            name: proposer
              ? proposer.organisation
                ? `${proposer.name} (${proposer.organisation.name})`
                : proposer.name
              : '…',
            date: space.createdAt
              ? formatInstantDate(space.createdAt, locale.value, timeZone.value)
              : '…',
          })}
        </p>
        {space.theme && <p class="meta">{t('space.theme', { theme: space.theme })}</p>}
        {space.squad?.name && (
          <p class="meta">{t('space.parentSquad', { name: space.squad.name })}</p>
        )}
        {twins.length > 0 && (
          <div class="notice notice-warning">
            <p>{t('admin.duplicates')}</p>
            <ul>
              {twins.map((o) => (
                <li key={o.id}>
                  <a href={hrefFor({ name: 'space', id: o.id, tab: 'home' })}>{o.name}</a> (
                  {t(`state.${o.state}`)})
                </li>
              ))}
            </ul>
          </div>
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
  // Approved groups waiting for their start date are decided already.
  const proposals = useAsync(
    () => api.spaces({ state: 'proposed' }).then((all) => all.filter((s) => !awaitingStart(s))),
    [],
  );
  // Every space, to warn about proposals that look like one that exists.
  const all = useAsync(() => api.spaces(), []);
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
                all={all.data ?? []}
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
