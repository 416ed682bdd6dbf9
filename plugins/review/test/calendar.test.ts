import { describe, expect, it } from 'vitest';
import { endOfShanghaiDay, isIsoDate, shanghaiDate } from '../src/calendar/dates.ts';
import { officialCalendar } from '../src/calendar/official.ts';
import { WorkingCalendar } from '../src/calendar/working-calendar.ts';

const calendar = new WorkingCalendar(officialCalendar());

describe('working-day deadlines on the statutory calendar', () => {
  it('skips the National Day holiday and counts its make-up Saturday', () => {
    // 2025: 1–8 October off; Sunday 28 Sep and Saturday 11 Oct are make-up workdays.
    expect(calendar.isWorkday('2025-10-11')).toBe(true);
    expect(calendar.isWorkday('2025-10-08')).toBe(false);
    // Received Tue 30 Sep: day 1 is Thu 9 Oct, 2 Fri 10, 3 Sat 11 (make-up), 4 Mon 13, 5 Tue 14.
    const result = calendar.deadline('2025-09-30', 5);
    expect(result).toEqual({
      deadline: '2025-10-14',
      dueAt: new Date('2025-10-14T16:00:00.000Z'),
      fallbackYears: [],
    });
    // Received on the make-up Sunday itself: counting starts the next working day, Mon 29 Sep.
    expect(calendar.deadline('2025-09-28', 2).deadline).toBe('2025-09-30');
  });

  it('skips a weekend', () => {
    // Received Thu 13 Nov 2025: Fri 14 is day 1, Mon 17 day 2.
    expect(calendar.deadline('2025-11-13', 2).deadline).toBe('2025-11-17');
    // Received on a Saturday: Monday is day 1.
    expect(calendar.deadline('2025-11-15', 1).deadline).toBe('2025-11-17');
    expect(calendar.deadline('2025-11-14', 5).deadline).toBe('2025-11-21');
  });

  it('falls back to weekdays for a year without official data and says so', () => {
    expect(calendar.sourceOf(2025)).toBe('official');
    expect(calendar.sourceOf(2031)).toBe('weekday-fallback');
    expect(calendar.deadline('2031-09-30', 5)).toMatchObject({
      deadline: '2031-10-07',
      fallbackYears: [2031],
    });
    // A span crossing into an uncovered year names only that year.
    expect(calendar.deadline('2026-12-30', 3).fallbackYears).toEqual([2027]);
  });

  it('lets an admin-published year win over the fallback and the package', () => {
    const published = new WorkingCalendar(officialCalendar(), {
      years: new Set([2031]),
      days: new Map([
        ['2031-10-01', { workday: false, name: '国庆节' }],
        ['2031-10-02', { workday: false, name: '国庆节' }],
        ['2031-10-04', { workday: true, name: '国庆节' }],
      ]),
    });
    expect(published.sourceOf(2031)).toBe('admin');
    // Wed 1 and Thu 2 off; Fri 3 is day 1, Sat 4 (make-up) day 2, Mon 6 day 3.
    expect(published.deadline('2031-09-30', 3)).toMatchObject({
      deadline: '2031-10-06',
      fallbackYears: [],
    });
  });

  it('counts working days left and refuses nonsense', () => {
    // 9, 10, 11 (make-up Saturday), 13, 14 October: today counts.
    expect(calendar.workdaysLeft('2025-10-09', '2025-10-14')).toBe(5);
    expect(calendar.workdaysLeft('2025-10-15', '2025-10-14')).toBe(0);
    expect(() => calendar.deadline('2025-10-01', 0)).toThrow(/workdays/);
  });

  it('reads dates on the Shanghai wall clock', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-9-30')).toBe(false);
    // 23:30 UTC on 30 Sep is already 1 Oct in Shanghai.
    expect(shanghaiDate(new Date('2025-09-30T23:30:00Z'))).toBe('2025-10-01');
    expect(endOfShanghaiDay('2025-10-14').toISOString()).toBe('2025-10-14T16:00:00.000Z');
  });
});
