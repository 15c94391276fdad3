import { useState } from 'preact/hooks';
import type { Mandate, Space } from '../api/types';
import { t, type MessageKey } from '../i18n';
import { todayIn } from '../lib/countdown';
import { api, isAdmin, timeZone } from '../state/session';
import { ErrorNotice, StatusNotice, TextField } from '../ui/components';
import { closeSpace, reactivateSpace } from './api';
import { ArchivePanel } from './ArchivePanel';
import { ClosingForm } from './ClosingForm';
import { MandateFields } from '../ui/MandateFields';
import { lifecycleActions, mandateProblems, nextMandateDraft } from './model';
import { useSubmit } from '../ui/submit';

function words(problems: Partial<Record<string, MessageKey>>, field: string): string | undefined {
  const key = problems[field];
  return key ? t(key) : undefined;
}

/**
 * The lifecycle of a space on its home: close a tactical group with its summary, reactivate it with
 * a new mandate, put a squad to sleep and wake it (administrators), and its archive.
 */
export function LifecyclePanel(props: { space: Space; onSpace: (space: Space) => void }) {
  const { space } = props;
  const actions = lifecycleActions(space, isAdmin.value);
  const [status, setStatus] = useState<string | null>(null);
  const [open, setOpen] = useState<'close' | 'reactivate' | null>(null);
  const done = (next: Space, message: string) => {
    setOpen(null);
    setStatus(message);
    props.onSpace({ ...space, ...next });
  };
  const any = actions.close || actions.reactivate || actions.sleepSquad || actions.wakeSquad;
  if (!any && !actions.download && !status) return null;
  return (
    <section class="panel" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('lifecycle.title')}</h2>
      {status && <StatusNotice>{status}</StatusNotice>}
      {actions.close && open !== 'close' && (
        <button type="button" class="button secondary" onClick={() => setOpen('close')}>
          {t('lifecycle.close')}
        </button>
      )}
      {actions.close && open === 'close' && (
        <CloseDialog
          space={space}
          onCancel={() => setOpen(null)}
          onDone={(next) => done(next, t('lifecycle.closed', { name: space.name }))}
        />
      )}
      {actions.reactivate && open !== 'reactivate' && (
        <button type="button" class="button" onClick={() => setOpen('reactivate')}>
          {t('lifecycle.reactivate')}
        </button>
      )}
      {actions.reactivate && open === 'reactivate' && (
        <ReactivateForm
          space={space}
          onCancel={() => setOpen(null)}
          onDone={(next) => done(next, t('lifecycle.reactivated', { name: space.name }))}
        />
      )}
      {(actions.sleepSquad || actions.wakeSquad) && (
        <SquadSwitch space={space} onDone={(next, message) => done(next, message)} />
      )}
      {actions.download && <ArchivePanel space={space} onSpace={props.onSpace} />}
    </section>
  );
}

function CloseDialog(props: {
  space: Space;
  onCancel: () => void;
  onDone: (space: Space) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <ClosingForm
      id="close-title"
      title={t('lifecycle.closeTitle', { name: props.space.name })}
      intro={t('lifecycle.closeIntro')}
      submitLabel={t('lifecycle.confirmClose')}
      send={(draft) => closeSpace(props.space.id, reason, draft)}
      onCancel={props.onCancel}
      onDone={props.onDone}
    >
      <TextField
        label={t('lifecycle.reason')}
        name="close-reason"
        value={reason}
        onValue={setReason}
      />
    </ClosingForm>
  );
}

function ReactivateForm(props: {
  space: Space;
  onCancel: () => void;
  onDone: (space: Space) => void;
}) {
  const today = todayIn(timeZone.value);
  const [mandate, setMandate] = useState<Mandate>(() =>
    nextMandateDraft(props.space.mandate, today),
  );
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const { busy, error, run } = useSubmit();
  const problems = mandateProblems(mandate, today);
  const submit = (e: Event) => {
    e.preventDefault();
    setShown(true);
    if (Object.keys(problems).length > 0) return;
    void run(async () => {
      props.onDone(await reactivateSpace(props.space.id, reason, mandate));
    });
  };
  const error_ = (name: keyof Mandate) => (shown ? words(problems, name) : undefined);
  return (
    <form
      role="dialog"
      aria-labelledby="reactivate-title"
      class="dialog"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="reactivate-title">{t('lifecycle.reactivateTitle')}</h3>
      <p>{t('lifecycle.reactivateIntro')}</p>
      <MandateFields
        name="m"
        value={mandate}
        onChange={(patch) => setMandate({ ...mandate, ...patch })}
        error={error_}
      />
      <TextField
        label={t('lifecycle.reason')}
        name="reactivate-reason"
        value={reason}
        onValue={setReason}
      />
      {error != null && <ErrorNotice error={error} />}
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {t('lifecycle.reactivate')}
        </button>
        <button type="button" class="button secondary" onClick={props.onCancel}>
          {t('lifecycle.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Squads are permanent: only an administrator puts one to sleep and wakes it, saying why. */
function SquadSwitch(props: { space: Space; onDone: (space: Space, message: string) => void }) {
  const { space } = props;
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();
  const next = space.state === 'active' ? 'dormant' : 'active';
  const change = () =>
    run(async () => {
      const changed = await api.changeState(
        space.id,
        reason.trim() ? { state: next, reason: reason.trim() } : { state: next },
      );
      props.onDone(
        changed,
        t(next === 'dormant' ? 'lifecycle.slept' : 'lifecycle.woken', { name: space.name }),
      );
    });
  return (
    <>
      <TextField
        label={t('lifecycle.reason')}
        name="state-reason"
        value={reason}
        onValue={setReason}
      />
      {error != null && <ErrorNotice error={error} />}
      <button
        type="button"
        class={next === 'dormant' ? 'button secondary' : 'button'}
        disabled={busy}
        onClick={() => void change()}
      >
        {t(next === 'dormant' ? 'lifecycle.sleep' : 'lifecycle.wake')}
      </button>
    </>
  );
}
