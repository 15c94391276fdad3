import type { Space } from '../api/types';
import { locale, t } from '../i18n';
import { formatCalendarDate } from '../i18n/format';
import { daysBetween, isCalendarDate, relativeDays, todayIn } from '../lib/countdown';
import { timeZone } from '../state/session';
import { awaitingStart } from './model';

/**
 * "Approuvé — commence le 12 mai 2031 (dans 10 jours)." for a group approved before its mandate's
 * start date (the server makes it active that day); nothing for any other space.
 */
export function StartsOn(props: { space: Space; today?: string }) {
  const { space } = props;
  const start = space.mandate?.start;
  if (!awaitingStart(space) || !start || !isCalendarDate(start)) return null;
  const lang = locale.value;
  const today = props.today ?? todayIn(timeZone.value);
  return (
    <>
      {t('space.approvedNotice', {
        date: formatCalendarDate(start, lang),
        when: relativeDays(daysBetween(today, start), lang),
      })}
    </>
  );
}
