import { describe, expect, it } from 'vitest';
import {
  countdownMessage,
  daysBetween,
  isCalendarDate,
  mandatePhase,
  relativeDays,
  todayIn,
} from './countdown';

describe('countdown', () => {
  it('counts calendar days across months and daylight-saving changes', () => {
    expect(daysBetween('2025-03-01', '2025-03-31')).toBe(30);
    expect(daysBetween('2025-03-31', '2025-03-01')).toBe(-30);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2025-03-08', '2025-03-10')).toBe(2);
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2025-02-28')).toBe(true);
    expect(isCalendarDate('2025-02-30')).toBe(false);
    expect(isCalendarDate('2025-2-3')).toBe(false);
  });

  it('gives today in a time zone, not the UTC day', () => {
    const instant = new Date('2025-06-01T02:30:00Z');
    expect(todayIn('America/Toronto', instant)).toBe('2025-05-31');
    expect(todayIn('UTC', instant)).toBe('2025-06-01');
  });

  it('knows each phase of a mandate', () => {
    expect(mandatePhase('2025-06-10', '2025-06-19', '2025-06-01')).toMatchObject({
      phase: 'upcoming',
      days: 9,
      progress: 0,
    });
    expect(mandatePhase('2025-06-10', '2025-06-19', '2025-06-14')).toEqual({
      phase: 'running',
      days: 5,
      progress: 0.5,
    });
    expect(mandatePhase('2025-06-10', '2025-06-19', '2025-06-19')).toMatchObject({
      phase: 'endsToday',
      progress: 1,
    });
    expect(mandatePhase('2025-06-10', '2025-06-19', '2025-06-22')).toMatchObject({
      phase: 'ended',
      days: 3,
    });
  });

  it('says it in words in both languages', () => {
    expect(relativeDays(12, 'fr')).toBe('dans 12 jours');
    expect(relativeDays(1, 'fr')).toBe('demain');
    expect(relativeDays(-3, 'en')).toBe('3 days ago');
    expect(relativeDays(180, 'en')).toBe('in 6 months');
    const running = mandatePhase('2025-01-01', '2025-12-31', '2025-12-20');
    expect(countdownMessage(running, 'fr')).toEqual({
      key: 'countdown.running',
      when: 'dans 11 jours',
    });
    const ended = mandatePhase('2025-01-01', '2025-01-31', '2025-02-02');
    expect(countdownMessage(ended, 'en')).toEqual({ key: 'countdown.ended', when: '2 days ago' });
  });
});
