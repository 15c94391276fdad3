import { useEffect, useState } from 'preact/hooks';
import type { JoinRequest, Member, MemberRole, Space, User } from '../../api/types';
import { formatCalendarDate, formatInstantDate } from '../../i18n/format';
import { locale, t } from '../../i18n';
import { countdownMessage, mandatePhase, todayIn } from '../../lib/countdown';
import { api, isAdmin, timeZone } from '../../state/session';
import {
  Empty,
  ErrorNotice,
  Loading,
  SelectField,
  StatusNotice,
  TextField,
  useAsync,
} from '../../ui/components';
import { Counts } from '../spaceBits';
import { JoinPanel } from './JoinPanel';
import { DormantBanner } from '../../lifecycle/DormantBanner';
import { LifecyclePanel } from '../../lifecycle/LifecyclePanel';
import { MandateTimeline } from '../../lifecycle/MandateTimeline';
import { awaitingStart } from '../../lifecycle/model';
import { StartsOn } from '../../lifecycle/StartsOn';
import { EditSpacePanel } from './EditSpacePanel';
import { useSubmit } from '../../ui/submit';

const ROLES: MemberRole[] = ['coordinator', 'member', 'observer'];

function roleOptions() {
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
}

/** The calendar date today in the reader's zone, refreshed each minute (for the countdown). */
function useToday(): string {
  const [today, setToday] = useState(() => todayIn(timeZone.value));
  useEffect(() => {
    const timer = setInterval(() => setToday(todayIn(timeZone.value)), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}

function MandatePanel(props: { space: Space }) {
  const mandate = props.space.mandate;
  const today = useToday();
  if (!mandate) return null;
  const lang = locale.value;
  let countdown: { text: string; progress: number } | null = null;
  try {
    const phase = mandatePhase(mandate.start, mandate.end, today);
    const message = countdownMessage(phase, lang);
    countdown = { text: t(message.key, { when: message.when }), progress: phase.progress };
  } catch {
    countdown = null; // malformed dates: show the mandate without a countdown
  }
  return (
    <section class="panel" aria-labelledby="mandate-title">
      <h2 id="mandate-title">{t('mandate.title')}</h2>
      <p class="period">
        {t('mandate.period', {
          start: formatCalendarDate(mandate.start, lang),
          end: formatCalendarDate(mandate.end, lang),
        })}
      </p>
      {countdown && (
        <div class="countdown">
          <p class="countdown-text">{countdown.text}</p>
          <progress
            max={100}
            value={Math.round(countdown.progress * 100)}
            aria-label={t('mandate.progress')}
          >
            {Math.round(countdown.progress * 100)} %
          </progress>
        </div>
      )}
      <dl class="mandate">
        <dt>{t('mandate.issue')}</dt>
        <dd>{mandate.issue}</dd>
        <dt>{t('mandate.objectives')}</dt>
        <dd>{mandate.objectives}</dd>
        <dt>{t('mandate.deliverables')}</dt>
        <dd>{mandate.deliverables}</dd>
      </dl>
    </section>
  );
}

function StateNotice(props: { space: Space; onSpace: (space: Space) => void }) {
  const { space } = props;
  const reason = space.stateReason ? ` ${t('space.reason', { reason: space.stateReason })}` : '';
  switch (space.state) {
    case 'dormant':
      return <DormantBanner space={space} onSpace={props.onSpace} />;
    case 'proposed':
      return awaitingStart(space) ? (
        <p class="notice notice-info approved-notice">
          <StartsOn space={space} />
        </p>
      ) : (
        <p class="notice notice-info">{t('space.proposedNotice')}</p>
      );
    case 'declined':
      return <p class="notice notice-warning">{t('space.declinedNotice') + reason}</p>;
    default:
      return null;
  }
}

function AboutPanel(props: { space: Space }) {
  const { space } = props;
  const orgs = space.organisations ?? [];
  return (
    <section class="panel" aria-labelledby="about-title">
      <h2 id="about-title">{t('space.about')}</h2>
      {space.description && <p class="space-description">{space.description}</p>}
      {(space.theme || space.squad) && (
        <dl class="about">
          {space.theme && (
            <>
              <dt>{t('directory.theme')}</dt>
              <dd>{space.theme}</dd>
            </>
          )}
          {space.squad && (
            <>
              <dt>{t('propose.squad')}</dt>
              <dd>
                <a href={`/spaces/${encodeURIComponent(space.squad.id)}`}>
                  {space.squad.name ?? space.squad.id}
                </a>
              </dd>
            </>
          )}
        </dl>
      )}
      <p>
        <Counts space={space} />
      </p>
      {space.createdAt && (
        <p class="meta">
          {t('space.createdAt', {
            date: formatInstantDate(space.createdAt, locale.value, timeZone.value),
          })}
        </p>
      )}
      <h3>{t('space.orgsLabel')}</h3>
      {orgs.length === 0 ? (
        <Empty>{t('space.noOrgs')}</Empty>
      ) : (
        <ul class="org-list">
          {orgs.map((o) => (
            <li key={o.id}>{o.name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MembersPanel(props: {
  space: Space;
  me: User;
  canManage: boolean;
  members: Member[];
  onChanged: () => void;
}) {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const readOnly = props.space.state === 'dormant' && !isAdmin.value;

  const changeRole = async (member: Member, role: MemberRole) => {
    setStatus(null);
    setError(null);
    try {
      await api.setMember(props.space.id, member.user.id, role);
      setStatus(t('members.roleChanged', { name: member.user.name, role: t(`role.${role}`) }));
      props.onChanged();
    } catch (failure) {
      setError(failure);
      props.onChanged();
    }
  };
  const remove = async (member: Member) => {
    setStatus(null);
    setError(null);
    try {
      await api.removeMember(props.space.id, member.user.id);
      setStatus(t('members.removed', { name: member.user.name }));
      props.onChanged();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section class="panel" aria-labelledby="members-title">
      <h2 id="members-title">
        {t('members.title')} <span class="count">({props.members.length})</span>
      </h2>
      {status && <StatusNotice>{status}</StatusNotice>}
      {error != null && <ErrorNotice error={error} />}
      {props.members.length === 0 ? (
        <Empty>{t('members.empty')}</Empty>
      ) : (
        <ul class="member-list">
          {props.members.map((member) => {
            const self = member.user.id === props.me.id;
            return (
              <li key={member.user.id} class="member">
                <div class="member-who">
                  <strong>{member.user.name}</strong>
                  {self && <span class="meta"> ({t('common.you')})</span>}
                  {member.user.organisation && (
                    <span class="meta block">{member.user.organisation.name}</span>
                  )}
                  <span class="meta block">
                    {t('members.since', {
                      date: formatInstantDate(member.joinedAt, locale.value, timeZone.value),
                    })}
                  </span>
                </div>
                <div class="member-role">
                  {props.canManage && !readOnly ? (
                    <SelectField
                      label={t('members.changeRole', { name: member.user.name })}
                      name={`role-${member.user.id}`}
                      hideOptional
                      value={member.role}
                      onValue={(role) => void changeRole(member, role as MemberRole)}
                      options={roleOptions()}
                    />
                  ) : (
                    <span class={`badge role-${member.role}`}>{t(`role.${member.role}`)}</span>
                  )}
                  {props.canManage && !readOnly && !self && (
                    <button
                      type="button"
                      class="button secondary small"
                      aria-label={t('members.removeLabel', { name: member.user.name })}
                      onClick={() => void remove(member)}
                    >
                      {t('members.remove')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function AddMemberForm(props: { space: Space; members: Member[]; onAdded: () => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<User[] | null>(null);
  const [person, setPerson] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const { busy, error, run } = useSubmit();
  const [status, setStatus] = useState<string | null>(null);

  const search = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const found = await api.users(query.trim() || undefined);
      const memberIds = new Set(props.members.map((m) => m.user.id));
      const candidates = found.filter((u) => !memberIds.has(u.id) && !u.disabled);
      setResults(candidates);
      setPerson(candidates[0]?.id ?? '');
    });
  };

  const add = () => {
    const chosen = results?.find((u) => u.id === person);
    if (!chosen) return;
    void run(async () => {
      await api.setMember(props.space.id, chosen.id, role);
      setStatus(t('members.added', { name: chosen.name }));
      setResults(null);
      setQuery('');
      props.onAdded();
    });
  };

  return (
    <section class="panel" aria-labelledby="add-member-title">
      <h2 id="add-member-title">{t('members.add')}</h2>
      {status && <StatusNotice>{status}</StatusNotice>}
      {error != null && <ErrorNotice error={error} />}
      <form class="inline-form" onSubmit={search} role="search" aria-label={t('members.search')}>
        <TextField
          label={t('members.search')}
          name="person-query"
          type="search"
          required
          value={query}
          onValue={setQuery}
        />
        <button type="submit" class="button secondary" disabled={busy}>
          {t('members.searchButton')}
        </button>
      </form>
      {results && results.length === 0 && <Empty>{t('members.noPeople')}</Empty>}
      {results && results.length > 0 && (
        <div class="inline-form">
          <SelectField
            label={t('members.person')}
            name="person"
            required
            value={person}
            onValue={setPerson}
            options={results.map((u) => ({
              value: u.id,
              label: u.organisation ? `${u.name} — ${u.organisation.name}` : u.name,
            }))}
          />
          <SelectField
            label={t('members.role')}
            name="new-role"
            required
            value={role}
            onValue={(v) => setRole(v as MemberRole)}
            options={roleOptions()}
          />
          <button
            type="button"
            class="button"
            disabled={busy || !person}
            onClick={() => void add()}
          >
            {t('members.addButton')}
          </button>
        </div>
      )}
    </section>
  );
}

function RequestsPanel(props: { space: Space; version: number; onDecided: () => void }) {
  const requests = useAsync(
    () => api.joinRequests(props.space.id),
    [props.space.id, props.version],
  );
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (request: JoinRequest, decision: 'accept' | 'decline') => {
    setBusy(request.id);
    setError(null);
    setStatus(null);
    try {
      await api.decideJoinRequest(props.space.id, request.id, decision);
      setStatus(
        t(decision === 'accept' ? 'requests.accepted' : 'requests.declined', {
          name: request.user.name,
        }),
      );
      requests.reload();
      props.onDecided();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const pending = (requests.data ?? []).filter((r) => r.status === 'pending');
  return (
    <section class="panel" aria-labelledby="requests-title">
      <h2 id="requests-title">
        {t('requests.title')} {requests.data && <span class="count">({pending.length})</span>}
      </h2>
      {status && <StatusNotice>{status}</StatusNotice>}
      {error != null && <ErrorNotice error={error} />}
      {requests.loading && !requests.data && <Loading />}
      {requests.error != null && <ErrorNotice error={requests.error} onRetry={requests.reload} />}
      {requests.data &&
        (pending.length === 0 ? (
          <Empty>{t('requests.empty')}</Empty>
        ) : (
          <ul class="request-list">
            {pending.map((request) => (
              <li key={request.id} class="request">
                <div>
                  <strong>{request.user.name}</strong>
                  {request.user.organisation && (
                    <span class="meta block">{request.user.organisation.name}</span>
                  )}
                  {request.message && <blockquote>{request.message}</blockquote>}
                  <span class="meta block">
                    {t('requests.sentAt', {
                      date: formatInstantDate(request.createdAt, locale.value, timeZone.value),
                    })}
                  </span>
                </div>
                <div class="actions">
                  <button
                    type="button"
                    class="button small"
                    disabled={busy === request.id}
                    aria-label={t('requests.acceptLabel', { name: request.user.name })}
                    onClick={() => void decide(request, 'accept')}
                  >
                    {t('requests.accept')}
                  </button>
                  <button
                    type="button"
                    class="button secondary small"
                    disabled={busy === request.id}
                    aria-label={t('requests.declineLabel', { name: request.user.name })}
                    onClick={() => void decide(request, 'decline')}
                  >
                    {t('requests.decline')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function LeavePanel(props: { space: Space; me: User; onLeft: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useSubmit();
  const leave = () =>
    run(
      async () => {
        await api.removeMember(props.space.id, props.me.id);
        props.onLeft();
      },
      () => setConfirming(false),
    );
  return (
    <section class="panel leave" aria-label={t('leave.button')}>
      {error != null && <ErrorNotice error={error} />}
      {confirming ? (
        <div role="group" aria-labelledby="leave-question">
          <p id="leave-question">{t('leave.question', { name: props.space.name })}</p>
          <p class="actions">
            <button
              type="button"
              class="button danger"
              disabled={busy}
              onClick={() => void leave()}
            >
              {t('leave.confirm')}
            </button>
            <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <button type="button" class="button secondary" onClick={() => setConfirming(true)}>
          {t('leave.button')}
        </button>
      )}
    </section>
  );
}

/** The "Accueil" section of a space. */
export function SpaceHome(props: {
  space: Space;
  version: number;
  me: User;
  onSpace: (space: Space) => void;
  reload: () => void;
}) {
  const { space, me } = props;
  const admin = isAdmin.value;
  const insider = space.membership != null || admin;
  const canManage = space.membership === 'coordinator' || admin;
  const members = useAsync<Member[] | null>(
    () => (insider ? api.members(space.id) : Promise.resolve(null)),
    [space.id, insider, props.version],
  );
  const [wasPending, setWasPending] = useState(space.joinRequest === 'pending');
  const [left, setLeft] = useState<string | null>(null);
  useEffect(() => {
    if (space.joinRequest === 'pending' && !space.membership) setWasPending(true);
  }, [space.joinRequest, space.membership]);

  const refresh = () => {
    members.reload();
    props.reload();
  };

  return (
    <div class="space-home">
      {wasPending && space.membership && <StatusNotice>{t('space.joinedNotice')}</StatusNotice>}
      {left && <StatusNotice>{left}</StatusNotice>}
      <StateNotice space={space} onSpace={props.onSpace} />
      <div class="columns">
        <div class="column-main">
          {!space.membership &&
            (space.state === 'active' ||
              awaitingStart(space) ||
              space.joinRequest === 'pending') && (
              <JoinPanel space={space} onSpace={props.onSpace} reload={props.reload} />
            )}
          <MandatePanel space={space} />
          <MandateTimeline space={space} />
          {insider && members.loading && !members.data && <Loading />}
          {members.error != null && <ErrorNotice error={members.error} onRetry={members.reload} />}
          {insider && members.data && (
            <MembersPanel
              space={space}
              me={me}
              canManage={canManage}
              members={members.data}
              onChanged={refresh}
            />
          )}
          {canManage && space.state !== 'declined' && (
            <RequestsPanel space={space} version={props.version} onDecided={refresh} />
          )}
          {canManage && members.data && (space.state !== 'dormant' || admin) && (
            <AddMemberForm space={space} members={members.data} onAdded={refresh} />
          )}
        </div>
        <div class="column-side">
          <AboutPanel space={space} />
          {canManage && (space.state !== 'dormant' || admin) && space.state !== 'declined' && (
            <EditSpacePanel space={space} onSpace={props.onSpace} />
          )}
          <LifecyclePanel space={space} onSpace={props.onSpace} />
          {space.membership && space.state !== 'dormant' && (
            <LeavePanel
              space={space}
              me={me}
              onLeft={() => {
                setLeft(t('leave.done', { name: space.name }));
                setWasPending(false);
                props.reload();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
