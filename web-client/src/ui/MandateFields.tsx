import type { Mandate } from '../api/types';
import { t } from '../i18n';
import { TextArea, TextField } from './components';

/**
 * The five fields of a mandate (issue, objectives, deliverables, start, end), as editing a space
 * and reactivating a dormant group both ask for them. `error` gives a field's problem, if any.
 */
export function MandateFields(props: {
  value: Mandate;
  onChange: (patch: Partial<Mandate>) => void;
  error: (field: keyof Mandate) => string | undefined;
  /** Prefix of the inputs' names, distinct per form. */
  name: string;
}) {
  const { value, onChange, error, name } = props;
  const area = (field: 'issue' | 'objectives' | 'deliverables', maxLength: number) => (
    <TextArea
      label={t(`propose.${field}`)}
      name={`${name}-${field}`}
      required
      rows={2}
      maxLength={maxLength}
      value={value[field]}
      onValue={(v) => onChange({ [field]: v })}
      error={error(field)}
    />
  );
  const date = (field: 'start' | 'end') => (
    <TextField
      label={t(`propose.${field}`)}
      name={`${name}-${field}`}
      type="date"
      required
      value={value[field]}
      onValue={(v) => onChange({ [field]: v })}
      error={error(field)}
    />
  );
  return (
    <>
      {area('issue', 2000)}
      {area('objectives', 5000)}
      {area('deliverables', 5000)}
      <div class="row">
        {date('start')}
        {date('end')}
      </div>
    </>
  );
}
