import { useState } from 'preact/hooks';
import type { NewTacticalGroup } from '../api/types';
import { t, tn } from '../i18n';
import {
  validateProposal,
  LIMITS,
  type ProposalForm,
  type Problems,
  type Problem,
} from '../lib/validation';
import { hrefFor, navigate } from '../router';
import { api, isAdmin } from '../state/session';
import {
  CheckboxField,
  ErrorNotice,
  FormErrors,
  Page,
  SelectField,
  TextArea,
  TextField,
  useAsync,
} from '../ui/components';
import { fieldErrors } from '../ui/errors';
import { flashOnNextPage } from '../ui/flash';
import { useSubmit } from '../ui/submit';

const EMPTY: ProposalForm = {
  name: '',
  issue: '',
  objectives: '',
  deliverables: '',
  start: '',
  end: '',
  squad: '',
  theme: '',
};

function text(problem: Problem | undefined): string | undefined {
  return problem ? t(problem.key, problem.params) : undefined;
}

export function ProposePage() {
  const [form, setForm] = useState<ProposalForm>(EMPTY);
  const [problems, setProblems] = useState<Problems<keyof ProposalForm>>({});
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [activate, setActivate] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const squads = useAsync(() => api.spaces({ kind: 'squad', state: 'active' }), []);
  // Themes come from the managed list (one spelling per axis, so the directory's filter finds every
  // group of a theme).
  const themes = useAsync(() => api.themes(), []);

  const field = (name: keyof ProposalForm) => ({
    name,
    value: form[name],
    onValue: (value: string) => setForm((f) => ({ ...f, [name]: value })),
    error: text(problems[name]) ?? serverFields[name],
  });

  const submit = (event: Event) => {
    event.preventDefault();
    const found = validateProposal(form);
    setProblems(found);
    setServerFields({});
    setError(null);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0) return;
    const body: NewTacticalGroup = {
      kind: 'tactical',
      name: form.name.trim(),
      mandate: {
        issue: form.issue.trim(),
        objectives: form.objectives.trim(),
        deliverables: form.deliverables.trim(),
        start: form.start,
        end: form.end,
      },
    };
    if (form.squad) body.squad = form.squad;
    if (form.theme.trim()) body.theme = form.theme.trim();
    if (activate && isAdmin.value) body.state = 'active';
    void run(
      async () => {
        const space = await api.createSpace(body);
        flashOnNextPage(t('propose.done', { name: space.name }));
        navigate(hrefFor({ name: 'space', id: space.id, tab: 'home' }));
      },
      (failure) => setServerFields(fieldErrors(failure)),
    );
  };

  const count = Object.keys(problems).length;
  return (
    <Page title={t('propose.title')}>
      <p class="lead">{t('propose.intro')}</p>
      <form class="card form" onSubmit={submit} noValidate>
        <FormErrors count={count} message={count ? tn('form.errors', count) : ''} key={attempt} />
        {error != null && <ErrorNotice error={error} />}
        <TextField label={t('propose.name')} required maxLength={LIMITS.name} {...field('name')} />
        <TextArea
          label={t('propose.issue')}
          hint={t('propose.issueHint')}
          required
          rows={3}
          {...field('issue')}
        />
        <TextArea label={t('propose.objectives')} required rows={3} {...field('objectives')} />
        <TextArea label={t('propose.deliverables')} required rows={3} {...field('deliverables')} />
        <div class="row">
          <TextField label={t('propose.start')} type="date" required {...field('start')} />
          <TextField label={t('propose.end')} type="date" required {...field('end')} />
        </div>
        <SelectField
          label={t('propose.squad')}
          {...field('squad')}
          options={[
            { value: '', label: t('propose.squadNone') },
            ...(squads.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <SelectField
          label={t('propose.theme')}
          {...field('theme')}
          options={[
            { value: '', label: t('propose.themeNone') },
            ...(themes.data ?? []).map((th) => ({ value: th.name, label: th.name })),
          ]}
        />
        {isAdmin.value && (
          <CheckboxField
            id="propose-activate"
            label={t('propose.activate')}
            checked={activate}
            onChecked={setActivate}
          />
        )}
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('propose.submitting') : t('propose.submit')}
        </button>
      </form>
    </Page>
  );
}
