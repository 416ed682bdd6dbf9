import { addDays, endOfShanghaiDay, weekday, yearOf } from './dates.ts';
import type { OfficialCalendar, SpecialDay } from './official.ts';

export type YearSource = 'official' | 'admin' | 'weekday-fallback';

export interface CalendarOverrides {
  /** Days a platform admin entered; they win over the package data. */
  days: ReadonlyMap<string, SpecialDay>;
  /** Years whose full schedule an admin has published. */
  years: ReadonlySet<number>;
}

export interface Deadline {
  /** The last working day (Asia/Shanghai) on which the item is still on time. */
  deadline: string;
  /** The instant the deadline day ends: after it, the item is overdue. */
  dueAt: Date;
  /** Years in the counted span with no official schedule, where plain weekdays were used. */
  fallbackYears: number[];
}

/** Working days can only be counted over a bounded span; a year of them is far beyond any SLA. */
export const MAX_WORKDAYS = 365;

/**
 * China's statutory working-day calendar: Monday to Friday, minus public holidays, plus the
 * make-up working days (调休) that move weekends. Built per use from the package data and the
 * admin's overrides, so every node answers alike without a shared cache.
 */
export class WorkingCalendar {
  constructor(
    private readonly official: OfficialCalendar,
    private readonly overrides: CalendarOverrides = { days: new Map(), years: new Set() },
  ) {}

  /** Where the rules for `year` come from; an admin-published year wins over the package. */
  sourceOf(year: number): YearSource {
    if (this.overrides.years.has(year)) return 'admin';
    if (this.official.years.has(year)) return 'official';
    return 'weekday-fallback';
  }

  dayInfo(date: string): { workday: boolean; name?: string } {
    const special = this.overrides.days.get(date) ?? this.official.days.get(date);
    if (special) return special;
    const day = weekday(date);
    return { workday: day !== 0 && day !== 6 };
  }

  isWorkday(date: string): boolean {
    return this.dayInfo(date).workday;
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string {
    let day = addDays(date, 1);
    while (!this.isWorkday(day)) day = addDays(day, 1);
    return day;
  }

  /**
   * The deadline for something received on `from`: counting starts on the next working day
   * after it (the day of receipt never counts, as in administrative-licensing practice), and
   * the item is due at the end of the `workdays`-th working day.
   */
  deadline(from: string, workdays: number): Deadline {
    if (!Number.isInteger(workdays) || workdays < 1 || workdays > MAX_WORKDAYS) {
      throw new RangeError(`workdays must be an integer from 1 to ${MAX_WORKDAYS}`);
    }
    const fallback = new Set<number>();
    const note = (date: string) => {
      const year = yearOf(date);
      if (this.sourceOf(year) === 'weekday-fallback') fallback.add(year);
    };
    let day = from;
    for (let counted = 0; counted < workdays; ) {
      day = addDays(day, 1);
      note(day);
      if (this.isWorkday(day)) counted++;
    }
    return { deadline: day, dueAt: endOfShanghaiDay(day), fallbackYears: [...fallback].sort() };
  }

  /** Working days from `today` (counted if it is one) to `deadline`, inclusive; 0 once past. */
  workdaysLeft(today: string, deadline: string): number {
    let left = 0;
    for (let day = today; day <= deadline; day = addDays(day, 1)) {
      if (this.isWorkday(day)) left++;
    }
    return left;
  }
}
