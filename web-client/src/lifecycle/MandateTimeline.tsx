import type { Space } from '../api/types';
import { locale, t } from '../i18n';
import { formatCalendarDate, formatInstantDate } from '../i18n/format';
import { timeZone } from '../state/session';
import { timeline } from './model';

/** A tactical group's mandates, oldest first: shown once it has a history (or has closed). */
export function MandateTimeline(props: { space: Space }) {
  const items = timeline(props.space);
  if (items.length < 2) return null;
  const lang = locale.value;
  return (
    <section class="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <ol class="mandate-timeline">
        {items.map((item) => (
          <li
            key={`${item.mandate.start}-${item.mandate.end}`}
            class={item.current ? 'current' : ''}
          >
            <p class="period">
              <strong>
                {t('mandate.period', {
                  start: formatCalendarDate(item.mandate.start, lang),
                  end: formatCalendarDate(item.mandate.end, lang),
                })}
              </strong>
              {item.current && ` — ${t('timeline.current')}`}
              {item.endedAt &&
                ` — ${t('timeline.ended', { date: formatInstantDate(item.endedAt, lang, timeZone.value) })}`}
            </p>
            <p>{item.mandate.issue}</p>
            {item.closing && (
              <p class="hint">
                {t('lifecycle.outcomes')} : {item.closing.outcomes}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
