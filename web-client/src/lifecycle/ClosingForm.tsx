import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Space } from '../api/types';
import { t, type MessageKey } from '../i18n';
import { ErrorNotice, TextArea } from '../ui/components';
import { useSubmit } from '../ui/submit';
import { closingProblems, type ClosingDraft } from './model';

/**
 * The closing summary as a form (outcomes, deliverables, lessons learned, each required): used
 * when a group is closed (with a reason, `children`) and when its summary is written after it fell
 * dormant. `send` makes the call; its answer goes to `onDone`, its failure is shown in place.
 */
export function ClosingForm(props: {
  id: string;
  title: string;
  intro?: string;
  submitLabel: string;
  initial?: ClosingDraft | undefined;
  send: (draft: ClosingDraft) => Promise<Space>;
  onCancel: () => void;
  onDone: (space: Space) => void;
  children?: ComponentChildren;
}) {
  const [draft, setDraft] = useState<ClosingDraft>(
    () => props.initial ?? { outcomes: '', deliverables: '', lessons: '' },
  );
  const [shown, setShown] = useState(false);
  const { busy, error, run } = useSubmit();
  const problems = closingProblems(draft);
  const submit = (e: Event) => {
    e.preventDefault();
    setShown(true);
    if (Object.keys(problems).length > 0) return;
    void run(async () => props.onDone(await props.send(draft)));
  };
  const field = (name: keyof ClosingDraft, label: MessageKey) => {
    const problem = problems[name];
    return (
      <TextArea
        label={t(label)}
        name={`closing-${name}`}
        value={draft[name]}
        required
        maxLength={10000}
        error={shown && problem ? t(problem) : undefined}
        onValue={(v) => setDraft({ ...draft, [name]: v })}
      />
    );
  };
  return (
    <form role="dialog" aria-labelledby={props.id} class="dialog" onSubmit={submit} noValidate>
      <h3 id={props.id}>{props.title}</h3>
      {props.intro && <p>{props.intro}</p>}
      {field('outcomes', 'lifecycle.outcomes')}
      {field('deliverables', 'lifecycle.closingDeliverables')}
      {field('lessons', 'lifecycle.lessons')}
      {props.children}
      {error != null && <ErrorNotice error={error} />}
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {props.submitLabel}
        </button>
        <button type="button" class="button secondary" onClick={props.onCancel}>
          {t('lifecycle.cancel')}
        </button>
      </div>
    </form>
  );
}
