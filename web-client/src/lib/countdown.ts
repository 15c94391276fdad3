import type { Locale } from '../api/types';

/**
 * Where a tactical group's mandate stands on a given day. Mandate dates are calendar dates; the
 * mandate runs from the start of `start` to the end of `end`, in the reader's own time zone.
 */
export type MandatePhase =
  | { phase: 'upcoming'; days: number; progress: 0 }
  | { phase: 'running'; days: number; progress: number }
  | { phase: 'endsToday'; days: 0; progress: number }
  | { phase: 'ended'; days: number; progress: 1 };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

export function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** Today's calendar date in `timeZone` (the browser's zone when absent). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function mandatePhase(start: string, end: string, today: string): MandatePhase {
  const total = daysBetween(start, end) + 1;
  const elapsed = daysBetween(start, today) + 1;
  const progress = total > 0 ? Math.min(1, Math.max(0, elapsed / total)) : 1;
  if (daysBetween(today, start) > 0) {
    return { phase: 'upcoming', days: daysBetween(today, start), progress: 0 };
  }
  const left = daysBetween(today, end);
  if (left > 0) return { phase: 'running', days: left, progress };
  if (left === 0) return { phase: 'endsToday', days: 0, progress };
  return { phase: 'ended', days: -left, progress: 1 };
}

/**
 * "dans 12 jours", "demain", "il y a 3 jours"…: a number of days as relative time; beyond 90
 * days it counts in months, which is what a person plans with.
 */
export function relativeDays(days: number, locale: Locale): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(days) > 90) return format.format(Math.round(days / 30.44), 'month');
  return format.format(days, 'day');
}

/** The message key and its `when` for a phase (the caller translates). */
export function countdownMessage(
  phase: MandatePhase,
  locale: Locale,
): {
  key: 'countdown.upcoming' | 'countdown.running' | 'countdown.endsToday' | 'countdown.ended';
  when: string;
} {
  switch (phase.phase) {
    case 'upcoming':
      return { key: 'countdown.upcoming', when: relativeDays(phase.days, locale) };
    case 'running':
      return { key: 'countdown.running', when: relativeDays(phase.days, locale) };
    case 'endsToday':
      return { key: 'countdown.endsToday', when: '' };
    case 'ended':
      return { key: 'countdown.ended', when: relativeDays(-phase.days, locale) };
  }
}
