import { useState } from 'preact/hooks';
import type { Space } from '../api/types';
import { locale, t } from '../i18n';
import { formatCalendarDate, formatInstantDate } from '../i18n/format';
import { isAdmin, timeZone } from '../state/session';
import { StatusNotice } from '../ui/components';
import { writeClosing } from './api';
import { ClosingForm } from './ClosingForm';
import { lifecycleActions } from './model';

/**
 * The banner of a dormant space: since when, the mandate's dates, why, and the closing summary
 * (or, for a tombstone, that its content was purged after archiving). Its coordinators may write
 * the summary there afterwards — the way a group the scheduler put to sleep gets one — and are
 * invited to when it is missing.
 */
export function DormantBanner(props: { space: Space; onSpace: (space: Space) => void }) {
  const { space } = props;
  if (space.state !== 'dormant') return null;
  const lang = locale.value;
  return (
    <section class="notice notice-info dormant-banner" aria-labelledby="dormant-title">
      <h2 id="dormant-title">{t('dormant.title')}</h2>
      <p>{t('space.dormantNotice')}</p>
      {space.stateChangedAt && (
        <p>
          {t('dormant.since', {
            date: formatInstantDate(space.stateChangedAt, lang, timeZone.value),
          })}
        </p>
      )}
      {space.mandate && (
        <p>
          {t('dormant.mandate', {
            start: formatCalendarDate(space.mandate.start, lang),
            end: formatCalendarDate(space.mandate.end, lang),
          })}
        </p>
      )}
      {space.stateReason && <p>{t('space.reason', { reason: space.stateReason })}</p>}
      {space.purgedAt && (
        <p>
          {t('dormant.purged', { date: formatInstantDate(space.purgedAt, lang, timeZone.value) })}
        </p>
      )}
      {space.kind === 'tactical' && <ClosingSummaryView space={space} onSpace={props.onSpace} />}
    </section>
  );
}

function ClosingSummaryView(props: { space: Space; onSpace: (space: Space) => void }) {
  const { space } = props;
  const closing = space.closing;
  const mayWrite = lifecycleActions(space, isAdmin.value).writeClosing;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <h3>{t('dormant.summary')}</h3>
      {saved && <StatusNotice>{t('dormant.summarySaved')}</StatusNotice>}
      {closing ? (
        <dl class="closing-summary">
          <dt>{t('lifecycle.outcomes')}</dt>
          <dd>{closing.outcomes}</dd>
          <dt>{t('lifecycle.closingDeliverables')}</dt>
          <dd>{closing.deliverables}</dd>
          <dt>{t('lifecycle.lessons')}</dt>
          <dd>{closing.lessons}</dd>
        </dl>
      ) : (
        <p>{t(mayWrite ? 'dormant.summaryInvite' : 'dormant.noSummary')}</p>
      )}
      {mayWrite && !editing && (
        <button
          type="button"
          class="button"
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t(closing ? 'dormant.editSummary' : 'dormant.writeSummary')}
        </button>
      )}
      {mayWrite && editing && (
        <ClosingForm
          id="summary-title"
          title={t('dormant.summaryTitle', { name: space.name })}
          submitLabel={t('dormant.saveSummary')}
          initial={
            closing && {
              outcomes: closing.outcomes,
              deliverables: closing.deliverables,
              lessons: closing.lessons,
            }
          }
          send={(draft) => writeClosing(space.id, draft)}
          onCancel={() => setEditing(false)}
          onDone={(next) => {
            setEditing(false);
            setSaved(true);
            props.onSpace({ ...space, ...next });
          }}
        />
      )}
    </>
  );
}
