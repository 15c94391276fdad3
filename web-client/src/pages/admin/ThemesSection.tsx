import { useState } from 'preact/hooks';
import type { Theme } from '../../api/types';
import { t } from '../../i18n';
import { api } from '../../state/session';
import { AsyncTable } from '../../ui/AsyncTable';
import { ErrorNotice, InlineError, StatusNotice, TextField, useAsync } from '../../ui/components';

/** One theme's row: its name, and a rename that carries over to the spaces that follow it. */
function ThemeRow(props: { theme: Theme; onRenamed: (theme: Theme) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(props.theme.name);
  const [error, setError] = useState<unknown>(null);
  return (
    <tr>
      <th scope="row">
        {editing ? (
          <form
            class="inline-form"
            onSubmit={async (e) => {
              e.preventDefault();
              try {
                props.onRenamed(await api.renameTheme(props.theme.id, name.trim()));
                setEditing(false);
                setError(null);
              } catch (failure) {
                setError(failure);
              }
            }}
          >
            <label class="visually-hidden" for={`theme-${props.theme.id}`}>
              {t('admin.theme.newName', { name: props.theme.name })}
            </label>
            <input
              id={`theme-${props.theme.id}`}
              value={name}
              maxLength={200}
              onInput={(e) => setName(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
            />
            <button type="submit" class="button small" disabled={!name.trim()}>
              {t('common.save')}
            </button>
            <InlineError error={error} />
          </form>
        ) : (
          props.theme.name
        )}
      </th>
      <td>
        {!editing && (
          <button
            type="button"
            class="button secondary small"
            aria-label={t('admin.theme.renameLabel', { name: props.theme.name })}
            onClick={() => {
              setName(props.theme.name);
              setEditing(true);
            }}
          >
            {t('admin.theme.rename')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The managed list of themes that squads follow and the directory filters by. */
export function ThemesSection() {
  const themes = useAsync(() => api.themes(), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <form
        class="card form"
        noValidate
        aria-labelledby="create-theme-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setStatus(null);
          try {
            const created = await api.createTheme(name.trim());
            setStatus(t('admin.theme.created', { name: created.name }));
            setName('');
            setError(null);
            themes.reload();
          } catch (failure) {
            setError(failure);
          }
        }}
      >
        <h2 id="create-theme-title">{t('admin.theme.create')}</h2>
        <p class="hint">{t('admin.theme.intro')}</p>
        {status && <StatusNotice>{status}</StatusNotice>}
        {error != null && <ErrorNotice error={error} />}
        <TextField
          label={t('admin.theme.name')}
          name="theme-name"
          required
          maxLength={200}
          value={name}
          onValue={setName}
        />
        <button type="submit" class="button" disabled={!name.trim()}>
          {t('admin.theme.submit')}
        </button>
      </form>
      <section aria-labelledby="themes-title">
        <h2 id="themes-title">{t('admin.theme.list')}</h2>
        <AsyncTable
          resource={themes}
          labelledBy="themes-title"
          empty={t('admin.theme.empty')}
          columns={[t('admin.col.name'), t('admin.col.actions')]}
          row={(theme) => (
            <ThemeRow
              key={theme.id}
              theme={theme}
              onRenamed={(renamed) => {
                setStatus(t('admin.theme.renamed', { name: renamed.name }));
                themes.reload();
              }}
            />
          )}
        />
      </section>
    </>
  );
}
