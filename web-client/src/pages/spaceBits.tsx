import type { JoinRequest, Space } from '../api/types';
import { t, tn } from '../i18n';
import { ApiError } from '../api/http';
import { api } from '../state/session';
import { describeError } from '../ui/errors';
import { useSubmit } from '../ui/submit';
import { awaitingStart } from '../lifecycle/model';

export function KindBadge(props: { space: Space }) {
  return (
    <span class={`badge kind-${props.space.kind}`}>
      {t(props.space.kind === 'squad' ? 'kind.squad' : 'kind.tactical')}
    </span>
  );
}

export function StateBadge(props: { space: Space }) {
  const state = awaitingStart(props.space) ? 'approved' : props.space.state;
  return <span class={`badge state-${state}`}>{t(`state.${state}`)}</span>;
}

/** "8 membres · 5 organisations" */
export function Counts(props: { space: Space }) {
  const orgs = props.space.organisations?.length ?? 0;
  return (
    <span class="counts">
      {tn('space.members', props.space.memberCount ?? 0)} · {tn('space.orgs', orgs)}
    </span>
  );
}

/**
 * The "ask to join" control, or where the person stands: member (their role), request pending.
 * Only an active space, or one approved and waiting for its start date, takes requests (a dormant
 * one is read-only).
 */
export function JoinControl(props: {
  space: Space;
  message?: string;
  onRequested: (request: JoinRequest) => void;
  /** The server said 409 (already a member, or a request already pending): reload. */
  onStale?: () => void;
}) {
  const { space } = props;
  const { busy, error, setError, run } = useSubmit();
  if (space.membership) {
    return (
      <span class="badge role">{t('space.yourRole', { role: t(`role.${space.membership}`) })}</span>
    );
  }
  if (space.joinRequest === 'pending') {
    return (
      <span class="badge pending" role="status">
        {t('space.requestPending')}
      </span>
    );
  }
  if (space.state !== 'active' && !awaitingStart(space)) return null;
  const ask = () =>
    run(
      async () =>
        props.onRequested(await api.askToJoin(space.id, props.message?.trim() || undefined)),
      (failure) => {
        // 409: already a member or already pending — the server knows better than our copy
        if (failure instanceof ApiError && failure.status === 409 && props.onStale) {
          setError(null);
          props.onStale();
        }
      },
    );
  return (
    <span class="join-control">
      <button
        type="button"
        class="button small"
        disabled={busy}
        aria-label={t('space.askToJoinLabel', { name: space.name })}
        onClick={ask}
      >
        {t('space.askToJoin')}
      </button>
      {error != null && (
        <span class="field-error" role="alert">
          {describeError(error)}
        </span>
      )}
    </span>
  );
}
