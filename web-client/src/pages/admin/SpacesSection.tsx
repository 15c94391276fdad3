import { useState } from 'preact/hooks';
import type { Space } from '../../api/types';
import { t } from '../../i18n';
import { hrefFor } from '../../router';
import { api } from '../../state/session';
import { AsyncTable } from '../../ui/AsyncTable';
import { ErrorNotice, SelectField, StatusNotice, TextField, useAsync } from '../../ui/components';
import { fieldErrors } from '../../ui/errors';
import { useSubmit } from '../../ui/submit';
import { KindBadge, StateBadge } from '../spaceBits';

function CreateSquad(props: { onCreated: (space: Space) => void }) {
  const [name, setName] = useState('');
  const [theme, setTheme] = useState('');
  // Squads follow a theme of the managed list (Administration › Thèmes).
  const themes = useAsync(() => api.themes(), []);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { busy, error, setError, run } = useSubmit();
  const submit = (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('validation.required');
    if (!theme.trim()) found.theme = t('validation.required');
    setProblems(found);
    setError(null);
    if (Object.keys(found).length) return;
    void run(
      async () => {
        const space = await api.createSpace({
          kind: 'squad',
          name: name.trim(),
          theme: theme.trim(),
        });
        setName('');
        setTheme('');
        props.onCreated(space);
      },
      (failure) => setProblems(fieldErrors(failure)),
    );
  };
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="create-squad-title">
      <h2 id="create-squad-title">{t('admin.squad.create')}</h2>
      {error != null && <ErrorNotice error={error} />}
      <TextField
        label={t('admin.squad.name')}
        name="squad-name"
        required
        value={name}
        onValue={setName}
        error={problems.name}
      />
      <SelectField
        label={t('admin.squad.theme')}
        name="squad-theme"
        required
        value={theme}
        onValue={setTheme}
        error={problems.theme}
        options={[
          { value: '', label: t('admin.squad.chooseTheme') },
          ...(themes.data ?? []).map((th) => ({ value: th.name, label: th.name })),
        ]}
      />
      <button type="submit" class="button" disabled={busy}>
        {t('admin.squad.submit')}
      </button>
    </form>
  );
}

function SpaceRow(props: { space: Space; onChanged: (message: string) => void }) {
  const { space } = props;
  const { busy, error, run } = useSubmit();
  // Making a space dormant asks first, with a reason its members will read.
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const change = (state: 'dormant' | 'active') =>
    run(async () => {
      await api.changeState(
        space.id,
        state === 'dormant' ? { state, reason: reason.trim() } : { state },
      );
      setConfirming(false);
      props.onChanged(
        t(state === 'dormant' ? 'lifecycle.slept' : 'lifecycle.woken', { name: space.name }),
      );
    });
  return (
    <tr>
      <th scope="row">
        <a href={hrefFor({ name: 'space', id: space.id, tab: 'home' })}>{space.name}</a>
      </th>
      <td>
        <KindBadge space={space} />
      </td>
      <td>
        <StateBadge space={space} />
      </td>
      <td class="num">{space.memberCount ?? 0}</td>
      <td>
        {space.state === 'active' && !confirming && (
          <button
            type="button"
            class="button secondary small"
            disabled={busy}
            aria-label={t('admin.sleepLabel', { name: space.name })}
            aria-expanded={false}
            onClick={() => setConfirming(true)}
          >
            {t('lifecycle.sleep')}
          </button>
        )}
        {space.state === 'active' && confirming && (
          <form
            class="confirm-dormant"
            aria-label={t('admin.sleepConfirmLabel', { name: space.name })}
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) void change('dormant');
            }}
            onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
          >
            <TextField
              label={t('admin.sleepReason')}
              name={`reason-${space.id}`}
              required
              maxLength={500}
              value={reason}
              onValue={setReason}
              hint={t('admin.sleepHint')}
            />
            <button type="submit" class="button danger small" disabled={busy || !reason.trim()}>
              {t('admin.sleepConfirm', { name: space.name })}
            </button>{' '}
            <button
              type="button"
              class="button secondary small"
              onClick={() => setConfirming(false)}
            >
              {t('common.cancel')}
            </button>
          </form>
        )}
        {space.state === 'dormant' && (
          <button
            type="button"
            class="button small"
            disabled={busy}
            aria-label={t('admin.wakeLabel', { name: space.name })}
            onClick={() => void change('active')}
          >
            {t('lifecycle.wake')}
          </button>
        )}
        {error != null && <ErrorNotice error={error} />}
      </td>
    </tr>
  );
}

export function SpacesSection() {
  const spaces = useAsync(() => api.spaces(), []);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      {status && <StatusNotice>{status}</StatusNotice>}
      <CreateSquad
        onCreated={(space) => {
          setStatus(t('admin.squad.created', { name: space.name }));
          spaces.reload();
        }}
      />
      <section aria-labelledby="all-spaces-title">
        <h2 id="all-spaces-title">{t('admin.spaces.list')}</h2>
        <AsyncTable
          resource={spaces}
          labelledBy="all-spaces-title"
          empty={t('directory.emptyAll')}
          columns={[
            t('admin.col.name'),
            t('admin.col.kind'),
            t('admin.col.state'),
            t('admin.col.members'),
            t('admin.col.actions'),
          ]}
          row={(space) => (
            <SpaceRow
              key={space.id}
              space={space}
              onChanged={(message) => {
                setStatus(message);
                spaces.reload();
              }}
            />
          )}
        />
      </section>
    </>
  );
}
