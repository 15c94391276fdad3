import { useEffect, useState } from 'preact/hooks';
import type { Space, SpaceFilter } from '../api/types';
import { t, tn } from '../i18n';
import { hrefFor, navigate } from '../router';
import { api } from '../state/session';
import { Empty, ErrorNotice, Loading, Page, SelectField, useAsync } from '../ui/components';
import { Counts, JoinControl, KindBadge, StateBadge } from './spaceBits';
import { awaitingStart } from '../lifecycle/model';
import { StartsOn } from '../lifecycle/StartsOn';

const MAX_ORGS_SHOWN = 6;

/** The person's own spaces come first, under their own heading; the order is kept in each. */
export function partitionMine(
  spaces: readonly Space[],
): { key: 'mine' | 'others'; spaces: Space[] }[] {
  return [
    { key: 'mine', spaces: spaces.filter((s) => s.membership != null) },
    { key: 'others', spaces: spaces.filter((s) => s.membership == null) },
  ];
}

function SpaceCard(props: { space: Space; onChange: (space: Space) => void; onStale: () => void }) {
  const { space } = props;
  const orgs = space.organisations ?? [];
  const headingId = `space-${space.id}-name`;
  return (
    <li class="space-card">
      <article aria-labelledby={headingId}>
        <div class="space-card-head">
          <h3 id={headingId}>
            <a href={hrefFor({ name: 'space', id: space.id, tab: 'home' })}>{space.name}</a>
          </h3>
          <p class="badges">
            <KindBadge space={space} />
            <StateBadge space={space} />
          </p>
        </div>
        {space.theme && <p class="meta">{t('space.theme', { theme: space.theme })}</p>}
        {space.squad?.name && (
          <p class="meta">{t('space.parentSquad', { name: space.squad.name })}</p>
        )}
        {space.mandate && <p class="mandate-issue">{space.mandate.issue}</p>}
        {awaitingStart(space) && (
          <p class="meta approved-notice">
            <StartsOn space={space} />
          </p>
        )}
        {space.state === 'dormant' && space.closing && (
          <p class="closing-card">
            <strong>{t('dormant.summary')} :</strong> {space.closing.outcomes}
          </p>
        )}
        <p class="meta">
          <Counts space={space} />
        </p>
        {orgs.length > 0 && (
          <ul class="org-list" aria-label={t('space.orgsLabel')}>
            {orgs.slice(0, MAX_ORGS_SHOWN).map((o) => (
              <li key={o.id}>{o.name}</li>
            ))}
            {orgs.length > MAX_ORGS_SHOWN && <li>+{orgs.length - MAX_ORGS_SHOWN}</li>}
          </ul>
        )}
        <div class="space-card-foot">
          <JoinControl
            space={space}
            onRequested={() => props.onChange({ ...space, joinRequest: 'pending' })}
            onStale={props.onStale}
          />
        </div>
      </article>
    </li>
  );
}

export function DirectoryPage(props: { filter: SpaceFilter }) {
  const { filter } = props;
  const [q, setQ] = useState(filter.q ?? '');
  useEffect(() => setQ(filter.q ?? ''), [filter.q]);

  const key = JSON.stringify(filter);
  const spaces = useAsync(() => api.spaces(filter), [key]);
  // The managed list of themes (administrators keep it), so one theme never splits in two.
  const managed = useAsync(() => api.themes(), []);
  const themes = (managed.data ?? []).map((th) => th.name);
  if (filter.theme && !themes.includes(filter.theme)) themes.push(filter.theme);

  const apply = (next: SpaceFilter) => {
    navigate(hrefFor({ name: 'directory', filter: next }), { focus: false });
  };
  const set = (key: keyof SpaceFilter, value: string) => {
    const next: SpaceFilter = { ...filter, q: q.trim() || undefined };
    if (value) (next as Record<string, string>)[key] = value;
    else delete next[key];
    apply(next);
  };
  const filtered = Object.values(filter).some(Boolean);

  return (
    <Page title={t('directory.title')}>
      <p class="lead">{t('directory.intro')}</p>
      <form
        class="filters"
        role="search"
        aria-label={t('directory.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          set('q', q.trim());
        }}
      >
        <div class="field grow">
          <label for="directory-q">{t('directory.search')}</label>
          <input
            id="directory-q"
            type="search"
            name="q"
            value={q}
            onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <SelectField
          label={t('directory.kind')}
          name="kind"
          hideOptional
          value={filter.kind ?? ''}
          onValue={(v) => set('kind', v)}
          options={[
            { value: '', label: t('directory.kind.all') },
            { value: 'squad', label: t('kind.squad.plural') },
            { value: 'tactical', label: t('kind.tactical.plural') },
          ]}
        />
        <SelectField
          label={t('directory.state')}
          name="state"
          hideOptional
          value={filter.state ?? ''}
          onValue={(v) => set('state', v)}
          options={[
            { value: '', label: t('directory.state.all') },
            { value: 'active', label: t('state.active') },
            { value: 'dormant', label: t('state.dormant') },
            { value: 'proposed', label: t('state.proposed') },
            { value: 'declined', label: t('state.declined') },
          ]}
        />
        <SelectField
          label={t('directory.theme')}
          name="theme"
          hideOptional
          value={filter.theme ?? ''}
          onValue={(v) => set('theme', v)}
          options={[
            { value: '', label: t('directory.theme.all') },
            ...themes.map((theme) => ({ value: theme, label: theme })),
          ]}
        />
        <div class="filter-buttons">
          <button type="submit" class="button">
            {t('directory.apply')}
          </button>
          {filtered && (
            <button
              type="button"
              class="button secondary"
              onClick={() => {
                setQ('');
                apply({});
              }}
            >
              {t('directory.reset')}
            </button>
          )}
        </div>
      </form>

      {spaces.loading && !spaces.data && <Loading />}
      {spaces.error != null && <ErrorNotice error={spaces.error} onRetry={spaces.reload} />}
      {spaces.data && (
        <>
          <p class="results-count" role="status">
            {tn('directory.results', spaces.data.length)}
          </p>
          {spaces.data.length === 0 ? (
            <Empty>{filtered ? t('directory.empty') : t('directory.emptyAll')}</Empty>
          ) : (
            partitionMine(spaces.data).map(
              (group) =>
                group.spaces.length > 0 && (
                  <section key={group.key} aria-labelledby={`directory-${group.key}`}>
                    <h2 id={`directory-${group.key}`} class="list-heading">
                      {tn(
                        group.key === 'mine' ? 'directory.mine' : 'directory.others',
                        group.spaces.length,
                      )}
                    </h2>
                    <ul class="space-list">
                      {group.spaces.map((space) => (
                        <SpaceCard
                          key={space.id}
                          space={space}
                          onStale={spaces.reload}
                          onChange={(changed) =>
                            spaces.setData(
                              spaces.data!.map((s) => (s.id === changed.id ? changed : s)),
                            )
                          }
                        />
                      ))}
                    </ul>
                  </section>
                ),
            )
          )}
        </>
      )}
    </Page>
  );
}
