import type { Space } from '../api/types';
import { locale, t } from '../i18n';
import { formatCalendarDate, formatInstantDate } from '../i18n/format';
import { timeZone } from '../state/session';

/**
 * The banner of a dormant space: since when, the mandate's dates, why, and the closing summary
 * (or, for a tombstone, that its content was purged after archiving).
 */
export function DormantBanner(props: { space: Space }) {
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
      {space.kind === 'tactical' && <ClosingSummaryView space={space} />}
    </section>
  );
}

function ClosingSummaryView(props: { space: Space }) {
  const closing = props.space.closing;
  return (
    <>
      <h3>{t('dormant.summary')}</h3>
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
        <p>{t('dormant.noSummary')}</p>
      )}
    </>
  );
}
