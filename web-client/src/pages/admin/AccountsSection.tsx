import { useState } from 'preact/hooks';
import type { Organisation, User } from '../../api/types';
import { t } from '../../i18n';
import { isEmail, MIN_PASSWORD } from '../../lib/validation';
import { api, currentUser, updateCurrentUser } from '../../state/session';
import { AsyncTable } from '../../ui/AsyncTable';
import {
  CheckboxField,
  ErrorNotice,
  SelectField,
  StatusNotice,
  TextField,
  useAsync,
} from '../../ui/components';
import { fieldErrors } from '../../ui/errors';
import { useSubmit } from '../../ui/submit';

type AccountField = 'email' | 'name' | 'password' | 'organisation';

/** « Aucune » then the network's organisations by name, for an account's organisation. */
function organisationOptions(organisations: Organisation[] | undefined) {
  return [
    { value: '', label: t('common.none') },
    ...[...(organisations ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((o) => ({ value: o.id, label: o.name })),
  ];
}

function CreateAccount(props: { onCreated: (user: User) => void }) {
  const organisations = useAsync(() => api.organisations(), []);
  const [form, setForm] = useState<Record<AccountField, string>>({
    email: '',
    name: '',
    password: '',
    organisation: '',
  });
  const [admin, setAdmin] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<AccountField, string>>>({});
  const { busy, error, setError, run } = useSubmit();
  const field = (name: AccountField) => ({
    name: `account-${name}`,
    value: form[name],
    onValue: (value: string) => setForm((f) => ({ ...f, [name]: value })),
    error: problems[name],
  });
  const submit = (event: Event) => {
    event.preventDefault();
    const found: Partial<Record<AccountField, string>> = {};
    if (!form.email.trim()) found.email = t('validation.required');
    else if (!isEmail(form.email)) found.email = t('validation.email');
    if (!form.name.trim()) found.name = t('validation.required');
    if (form.password.length < MIN_PASSWORD) {
      found.password = t('validation.passwordLength', { min: MIN_PASSWORD });
    }
    setProblems(found);
    setError(null);
    if (Object.keys(found).length) return;
    void run(
      async () => {
        const user = await api.createUser({
          email: form.email.trim(),
          name: form.name.trim(),
          password: form.password,
          ...(form.organisation ? { organisation: form.organisation } : {}),
          ...(admin ? { admin: true } : {}),
        });
        setForm({ email: '', name: '', password: '', organisation: form.organisation });
        setAdmin(false);
        props.onCreated(user);
      },
      (failure) => setProblems(fieldErrors(failure) as Partial<Record<AccountField, string>>),
    );
  };
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="create-account-title">
      <h2 id="create-account-title">{t('admin.acc.create')}</h2>
      {error != null && <ErrorNotice error={error} />}
      <TextField
        label={t('admin.acc.email')}
        type="email"
        autoComplete="off"
        required
        {...field('email')}
      />
      <TextField label={t('admin.acc.name')} autoComplete="off" required {...field('name')} />
      <TextField
        label={t('admin.acc.password')}
        type="password"
        autoComplete="new-password"
        required
        hint={t('validation.passwordLength', { min: MIN_PASSWORD })}
        {...field('password')}
      />
      <SelectField
        label={t('admin.acc.organisation')}
        {...field('organisation')}
        options={organisationOptions(organisations.data)}
      />
      <CheckboxField
        id="account-admin"
        label={t('admin.acc.admin')}
        checked={admin}
        onChecked={setAdmin}
      />
      <button type="submit" class="button" disabled={busy}>
        {t('admin.acc.submit')}
      </button>
    </form>
  );
}

/** The administrator's « Modifier » form: name, organisation, administration, disabled. */
function EditAccount(props: {
  user: User;
  self: boolean;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const { user } = props;
  const organisations = useAsync(() => api.organisations(), []);
  const [name, setName] = useState(user.name);
  const [organisation, setOrganisation] = useState(user.organisation?.id ?? '');
  const [admin, setAdmin] = useState(user.roles.includes('admin'));
  const [disabled, setDisabled] = useState(!!user.disabled);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { busy, error, setError, run } = useSubmit();
  const submit = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setProblems({ name: t('validation.required') });
      return;
    }
    setProblems({});
    setError(null);
    void run(
      async () => {
        props.onSaved(
          await api.updateUser(user.id, {
            name: name.trim(),
            organisation: organisation || null,
            // An administrator does not demote or disable themselves from here (they would lose the page).
            ...(props.self ? {} : { admin, disabled }),
          }),
        );
      },
      (failure) => setProblems(fieldErrors(failure)),
    );
  };
  const prefix = `edit-${user.id}`;
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('admin.acc.editTitle', { name: user.name })}</h3>
      {error != null && <ErrorNotice error={error} />}
      <TextField
        label={t('admin.acc.name')}
        name={`${prefix}-name`}
        autoComplete="off"
        required
        value={name}
        onValue={setName}
        error={problems.name}
      />
      <SelectField
        label={t('admin.acc.organisation')}
        name={`${prefix}-organisation`}
        value={organisation}
        onValue={setOrganisation}
        error={problems.organisation}
        options={organisationOptions(organisations.data)}
      />
      {!props.self && (
        <>
          <CheckboxField
            id={`${prefix}-admin`}
            label={t('admin.acc.admin')}
            checked={admin}
            onChecked={setAdmin}
          />
          <CheckboxField
            id={`${prefix}-disabled`}
            label={t('admin.acc.disabledField')}
            checked={disabled}
            onChecked={setDisabled}
          />
        </>
      )}
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" class="button secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** « Réinitialiser le mot de passe »: confirm, then show the temporary password once, to copy. */
function ResetPassword(props: { user: User; onClose: () => void }) {
  const { user } = props;
  const [temporary, setTemporary] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const reset = () =>
    run(async () => {
      setTemporary(await api.resetPassword(user.id));
    });
  const copy = async () => {
    if (!temporary) return;
    try {
      await navigator.clipboard.writeText(temporary);
      setCopied(true);
    } catch (failure) {
      setError(failure);
    }
  };
  if (temporary) {
    return (
      <div class="form" role="group" aria-label={t('admin.acc.resetLabel', { name: user.name })}>
        <p>{t('admin.acc.resetDone', { name: user.name })}</p>
        <p>
          <code class="temporary-password">{temporary}</code>{' '}
          <button type="button" class="button small secondary" onClick={() => void copy()}>
            {t('admin.acc.copy')}
          </button>
        </p>
        {copied && <StatusNotice>{t('admin.acc.copied')}</StatusNotice>}
        {error != null && <ErrorNotice error={error} />}
        <button type="button" class="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    );
  }
  return (
    <div class="form" role="group" aria-label={t('admin.acc.resetLabel', { name: user.name })}>
      <p>{t('admin.acc.resetConfirm', { name: user.name })}</p>
      {error != null && <ErrorNotice error={error} />}
      <div class="actions">
        <button type="button" class="button" disabled={busy} onClick={() => void reset()}>
          {t('admin.acc.resetDo')}
        </button>
        <button type="button" class="button secondary" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

function AccountRow(props: { user: User; onChanged: (user: User, message: string) => void }) {
  const { user } = props;
  const { busy, error, run } = useSubmit();
  const self = currentUser.value?.id === user.id;
  const [open, setOpen] = useState<'edit' | 'reset' | null>(null);
  const toggle = () =>
    run(async () => {
      const next = await api.updateUser(user.id, { disabled: !user.disabled });
      props.onChanged(
        next,
        t(next.disabled ? 'admin.acc.disabledDone' : 'admin.acc.enabledDone', { name: user.name }),
      );
    });
  return (
    <>
      <tr>
        <th scope="row">
          {user.name}
          {self && <span class="meta"> ({t('common.you')})</span>}
        </th>
        <td>{user.email}</td>
        <td>{user.organisation?.name ?? '—'}</td>
        <td>{user.roles.includes('admin') ? t('role.admin') : '—'}</td>
        <td>
          <span class={`badge ${user.disabled ? 'state-declined' : 'state-active'}`}>
            {t(user.disabled ? 'admin.acc.disabled' : 'admin.acc.active')}
          </span>
        </td>
        <td>
          {!self && (
            <button
              type="button"
              class={`button small ${user.disabled ? '' : 'secondary'}`}
              disabled={busy}
              aria-label={t(user.disabled ? 'admin.acc.enableLabel' : 'admin.acc.disableLabel', {
                name: user.name,
              })}
              onClick={() => void toggle()}
            >
              {t(user.disabled ? 'admin.acc.enable' : 'admin.acc.disable')}
            </button>
          )}
          <button
            type="button"
            class="button small secondary"
            aria-label={t('admin.acc.editLabel', { name: user.name })}
            aria-expanded={open === 'edit'}
            onClick={() => setOpen(open === 'edit' ? null : 'edit')}
          >
            {t('admin.acc.edit')}
          </button>
          {!self && (
            <button
              type="button"
              class="button small secondary"
              aria-label={t('admin.acc.resetLabel', { name: user.name })}
              aria-expanded={open === 'reset'}
              onClick={() => setOpen(open === 'reset' ? null : 'reset')}
            >
              {t('admin.acc.reset')}
            </button>
          )}
          {error != null && <ErrorNotice error={error} />}
        </td>
      </tr>
      {open && (
        <tr class="row-details">
          <td colSpan={6}>
            {open === 'edit' ? (
              <EditAccount
                user={user}
                self={self}
                onCancel={() => setOpen(null)}
                onSaved={(next) => {
                  setOpen(null);
                  if (self) updateCurrentUser({ ...currentUser.value, ...next });
                  props.onChanged(next, t('admin.acc.saved', { name: next.name }));
                }}
              />
            ) : (
              <ResetPassword user={user} onClose={() => setOpen(null)} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

export function AccountsSection() {
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const users = useAsync(() => api.users(applied || undefined), [applied]);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      {status && <StatusNotice>{status}</StatusNotice>}
      <CreateAccount
        onCreated={(user) => {
          setStatus(t('admin.acc.created', { name: user.name }));
          users.reload();
        }}
      />
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('admin.acc.list')}</h2>
        <form
          class="inline-form"
          role="search"
          aria-label={t('admin.acc.search')}
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(query.trim());
          }}
        >
          <TextField
            label={t('admin.acc.search')}
            name="account-query"
            type="search"
            hideOptional
            value={query}
            onValue={setQuery}
          />
          <button type="submit" class="button secondary">
            {t('members.searchButton')}
          </button>
        </form>
        <AsyncTable
          resource={users}
          labelledBy="accounts-title"
          empty={t('admin.acc.empty')}
          columns={[
            t('admin.col.name'),
            t('admin.col.email'),
            t('admin.col.organisation'),
            t('admin.col.roles'),
            t('admin.col.status'),
            t('admin.col.actions'),
          ]}
          row={(user) => (
            <AccountRow
              key={user.id}
              user={user}
              onChanged={(next, message) => {
                setStatus(message);
                users.setData(users.data!.map((u) => (u.id === next.id ? next : u)));
              }}
            />
          )}
        />
      </section>
    </>
  );
}
