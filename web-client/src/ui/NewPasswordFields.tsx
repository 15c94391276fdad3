import { t } from '../i18n';
import { MIN_PASSWORD } from '../lib/validation';
import { TextField } from './components';

/**
 * What is wrong with a password change, by field (`current`, `password`, `confirm`); empty when
 * nothing is. `mustDiffer` refuses a new password equal to the current one (a temporary password
 * an administrator knows must not stay in use).
 */
export function passwordChangeProblems(
  current: string,
  next: string,
  confirm: string,
  mustDiffer = false,
): Record<string, string> {
  const found: Record<string, string> = {};
  if (!current) found.current = t('validation.required');
  if (next.length < MIN_PASSWORD)
    found.password = t('validation.passwordLength', { min: MIN_PASSWORD });
  else if (mustDiffer && next === current) found.password = t('field.unchanged');
  if (confirm !== next) found.confirm = t('validation.passwordMismatch');
  return found;
}

/** The new password and its confirmation, as the profile and the temporary-password page ask them. */
export function NewPasswordFields(props: {
  next: string;
  confirm: string;
  onNext: (value: string) => void;
  onConfirm: (value: string) => void;
  problems: Record<string, string>;
}) {
  return (
    <>
      <TextField
        label={t('profile.new')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t('validation.passwordLength', { min: MIN_PASSWORD })}
        value={props.next}
        onValue={props.onNext}
        error={props.problems.password}
      />
      <TextField
        label={t('profile.confirm')}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        value={props.confirm}
        onValue={props.onConfirm}
        error={props.problems.confirm}
      />
    </>
  );
}
