import { useState } from 'preact/hooks';
import type { Space, SpacePatch } from '../../api/types';
import { t } from '../../i18n';
import { api } from '../../state/session';
import {
  InlineError,
  SelectField,
  StatusNotice,
  TextArea,
  TextField,
  useAsync,
} from '../../ui/components';
import { fieldErrors } from '../../ui/errors';
import { MandateFields } from '../../ui/MandateFields';
import { useSubmit } from '../../ui/submit';

/** What changed between the space and the form: only those fields are sent. */
export function spacePatch(space: Space, form: SpaceForm): SpacePatch {
  const patch: SpacePatch = {};
  if (form.name.trim() !== space.name) patch.name = form.name.trim();
  if (form.theme && form.theme !== (space.theme ?? '')) patch.theme = form.theme;
  if (form.description.trim() !== (space.description ?? '')) {
    patch.description = form.description.trim();
  }
  if (form.language !== (space.language ?? 'fr')) patch.language = form.language;
  const m = space.mandate;
  if (m && form.mandate) {
    const next = {
      issue: form.mandate.issue.trim(),
      objectives: form.mandate.objectives.trim(),
      deliverables: form.mandate.deliverables.trim(),
      start: form.mandate.start,
      end: form.mandate.end,
    };
    if (JSON.stringify(next) !== JSON.stringify({ ...m })) patch.mandate = next;
  }
  return patch;
}

export interface SpaceForm {
  name: string;
  theme: string;
  description: string;
  language: 'fr' | 'en';
  mandate: NonNullable<Space['mandate']> | null;
}

function formOf(space: Space): SpaceForm {
  return {
    name: space.name,
    theme: space.theme ?? '',
    description: space.description ?? '',
    language: space.language ?? 'fr',
    mandate: space.mandate ? { ...space.mandate } : null,
  };
}

/**
 * Coordinators and administrators change a space's name, theme (from the managed list),
 * description and, for a tactical group, its mandate. Others see the change live
 * (`space.updated`).
 */
export function EditSpacePanel(props: { space: Space; onSpace: (space: Space) => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<SpaceForm>(() => formOf(props.space));
  const { busy, error, setError, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const themes = useAsync(() => (open ? api.themes() : Promise.resolve([])), [open]);
  const fields = fieldErrors(error);
  const set = (patch: Partial<SpaceForm>) => setForm({ ...form, ...patch });
  const setMandate = (patch: Partial<NonNullable<SpaceForm['mandate']>>) =>
    form.mandate && set({ mandate: { ...form.mandate, ...patch } });
  const themeNames = (themes.data ?? []).map((th) => th.name);
  if (form.theme && !themeNames.includes(form.theme)) themeNames.unshift(form.theme);

  if (!open) {
    return (
      <section class="panel" aria-labelledby="edit-space-title">
        <h2 id="edit-space-title">{t('space.edit.title')}</h2>
        {saved && <StatusNotice>{t('space.edit.saved')}</StatusNotice>}
        <button
          type="button"
          class="button secondary"
          aria-expanded={false}
          onClick={() => {
            setForm(formOf(props.space));
            setSaved(false);
            setError(null);
            setOpen(true);
          }}
        >
          {t('space.edit.open')}
        </button>
      </section>
    );
  }
  return (
    <section class="panel" aria-labelledby="edit-space-title">
      <h2 id="edit-space-title">{t('space.edit.title')}</h2>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          const patch = spacePatch(props.space, form);
          if (Object.keys(patch).length === 0) {
            setOpen(false);
            return;
          }
          void run(async () => {
            props.onSpace(await api.updateSpace(props.space.id, patch));
            setSaved(true);
            setOpen(false);
          });
        }}
      >
        <TextField
          label={t('space.edit.name')}
          name="space-name"
          required
          maxLength={120}
          value={form.name}
          onValue={(name) => set({ name })}
          error={fields.name}
        />
        <SelectField
          label={t('directory.theme')}
          name="space-theme"
          value={form.theme}
          onValue={(theme) => set({ theme })}
          options={[
            ...(form.theme ? [] : [{ value: '', label: t('space.edit.noTheme') }]),
            ...themeNames.map((name) => ({ value: name, label: name })),
          ]}
          error={fields.theme}
        />
        <TextArea
          label={t('space.edit.description')}
          name="space-description"
          rows={3}
          maxLength={5000}
          value={form.description}
          onValue={(description) => set({ description })}
          error={fields.description}
        />
        <SelectField
          label={t('space.edit.language')}
          name="space-language"
          value={form.language}
          onValue={(language) => set({ language: language === 'en' ? 'en' : 'fr' })}
          options={[
            { value: 'fr', label: t('space.edit.language.fr') },
            { value: 'en', label: t('space.edit.language.en') },
          ]}
          error={fields.language}
        />
        {form.mandate && (
          <fieldset class="mandate-fields">
            <legend>{t('mandate.title')}</legend>
            <MandateFields
              name="mandate"
              value={form.mandate}
              onChange={setMandate}
              error={(field) => fields[`mandate.${field}`]}
            />
          </fieldset>
        )}
        <InlineError error={Object.keys(fields).length > 0 ? null : error} />
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" class="button secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
