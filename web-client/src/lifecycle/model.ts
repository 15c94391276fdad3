import type { ClosingSummary, Mandate, PastMandate, Space } from '../api/types';
import type { MessageKey } from '../i18n';
import { daysBetween, isCalendarDate } from '../lib/countdown';

/** What the person may do with a space's lifecycle and archive, by its state, kind and their role. */
export interface LifecycleActions {
  /** Close an active tactical group early, with a summary (its coordinators, administrators). */
  close: boolean;
  /** Reactivate a dormant tactical group with a new mandate (its coordinators, administrators). */
  reactivate: boolean;
  /** Put a squad to sleep / wake it (administrators only: squads are permanent). */
  sleepSquad: boolean;
  wakeSquad: boolean;
  /** Download the archive (coordinators, administrators), unless purged. */
  download: boolean;
  /** Purge a dormant space archived since it went dormant and since its summary was written (administrators). */
  purge: boolean;
  /** Write or rewrite the closing summary of a dormant tactical group (its coordinators, administrators). */
  writeClosing: boolean;
}

/** Approved by an administrator, waiting for its mandate's start date to become active. */
export function awaitingStart(space: Pick<Space, 'state' | 'approval'>): boolean {
  return space.state === 'proposed' && space.approval != null;
}

export function lifecycleActions(space: Space, admin: boolean): LifecycleActions {
  const coordinator = space.membership === 'coordinator';
  const tactical = space.kind === 'tactical';
  const purged = space.purgedAt != null;
  const archivedSinceDormant =
    space.archive != null &&
    (space.stateChangedAt == null || space.archive.at >= space.stateChangedAt) &&
    (space.closing?.at == null || space.archive.at >= space.closing.at);
  return {
    close: tactical && space.state === 'active' && (coordinator || admin),
    reactivate: tactical && space.state === 'dormant' && !purged && (coordinator || admin),
    sleepSquad: !tactical && space.state === 'active' && admin,
    wakeSquad: !tactical && space.state === 'dormant' && !purged && admin,
    download: !purged && (coordinator || admin) && space.state !== 'proposed',
    purge: admin && space.state === 'dormant' && !purged && archivedSinceDormant,
    writeClosing: tactical && space.state === 'dormant' && !purged && (coordinator || admin),
  };
}

export type ClosingDraft = Pick<ClosingSummary, 'outcomes' | 'deliverables' | 'lessons'>;

/** The closing summary's problems, by field: each of the three must say something. */
export function closingProblems(
  draft: ClosingDraft,
): Partial<Record<keyof ClosingDraft, MessageKey>> {
  const out: Partial<Record<keyof ClosingDraft, MessageKey>> = {};
  for (const field of ['outcomes', 'deliverables', 'lessons'] as const) {
    if (!draft[field].trim()) out[field] = 'lifecycle.required';
  }
  return out;
}

/** A new mandate's problems, by field: all text given, real dates, an end not before its start nor past. */
export function mandateProblems(
  m: Mandate,
  today: string,
): Partial<Record<keyof Mandate, MessageKey>> {
  const out: Partial<Record<keyof Mandate, MessageKey>> = {};
  for (const field of ['issue', 'objectives', 'deliverables'] as const) {
    if (!m[field].trim()) out[field] = 'lifecycle.required';
  }
  if (!isCalendarDate(m.start)) out.start = 'lifecycle.badDate';
  if (!isCalendarDate(m.end)) out.end = 'lifecycle.badDate';
  else if (isCalendarDate(m.start) && daysBetween(m.start, m.end) < 0)
    out.end = 'lifecycle.endBeforeStart';
  else if (daysBetween(today, m.end) < 0) out.end = 'lifecycle.endPast';
  return out;
}

/** A first draft of the next mandate: the same issue and aims, from today for as long as the last one ran. */
export function nextMandateDraft(previous: Mandate | null | undefined, today: string): Mandate {
  if (!previous) return { issue: '', objectives: '', deliverables: '', start: today, end: today };
  let length = 90;
  if (isCalendarDate(previous.start) && isCalendarDate(previous.end)) {
    length = Math.max(1, daysBetween(previous.start, previous.end));
  }
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + length);
  return { ...previous, start: today, end: end.toISOString().slice(0, 10) };
}

export interface TimelineItem {
  mandate: Mandate;
  current: boolean;
  endedAt?: string;
  closing?: ClosingSummary;
}

/** A tactical group's mandates, oldest first, the current one last (with its summary once closed). */
export function timeline(space: Space): TimelineItem[] {
  const items: TimelineItem[] = (space.mandates ?? []).map((m: PastMandate) => {
    const { endedAt, closing, ...mandate } = m;
    return {
      mandate,
      current: false,
      ...(endedAt ? { endedAt } : {}),
      ...(closing ? { closing } : {}),
    };
  });
  if (space.mandate) {
    items.push({
      mandate: space.mandate,
      current: space.state !== 'dormant',
      ...(space.state === 'dormant' && space.stateChangedAt
        ? { endedAt: space.stateChangedAt }
        : {}),
      ...(space.closing ? { closing: space.closing } : {}),
    });
  }
  return items;
}

/** "1,2 Mo": a size people read. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['o', 'Ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
