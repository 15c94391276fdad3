import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { api } from '../../state/session';
import { AsyncTable } from '../../ui/AsyncTable';
import { ErrorNotice, StatusNotice, TextField, useAsync } from '../../ui/components';
import { useSubmit } from '../../ui/submit';

export function OrganisationsSection() {
  const organisations = useAsync(() => api.organisations(), []);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const { busy, error, setError, run } = useSubmit();
  const [status, setStatus] = useState<string | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    setError(null);
    setStatus(null);
    if (!name.trim()) {
      setProblem(t('validation.required'));
      return;
    }
    setProblem(undefined);
    void run(async () => {
      const created = await api.createOrganisation(name.trim());
      setStatus(t('admin.org.created', { name: created.name }));
      setName('');
      organisations.reload();
    });
  };
  const sorted =
    organisations.data && [...organisations.data].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <form class="card form" onSubmit={submit} noValidate aria-labelledby="create-org-title">
        <h2 id="create-org-title">{t('admin.org.create')}</h2>
        {status && <StatusNotice>{status}</StatusNotice>}
        {error != null && <ErrorNotice error={error} />}
        <TextField
          label={t('admin.org.name')}
          name="org-name"
          required
          value={name}
          onValue={setName}
          error={problem}
        />
        <button type="submit" class="button" disabled={busy}>
          {t('admin.org.submit')}
        </button>
      </form>
      <section aria-labelledby="orgs-title">
        <h2 id="orgs-title">{t('admin.org.list')}</h2>
        <AsyncTable
          resource={{ ...organisations, data: sorted }}
          labelledBy="orgs-title"
          empty={t('admin.org.empty')}
          columns={[t('admin.col.name'), t('admin.col.members')]}
          row={(o) => (
            <tr key={o.id}>
              <th scope="row">{o.name}</th>
              <td class="num">{o.memberCount ?? '—'}</td>
            </tr>
          )}
        />
      </section>
    </>
  );
}
