import type { EntityManager } from '../db.ts';
import { type CalendarDay, CalendarDaySchema, CalendarYearSchema } from '../entities/calendar.ts';
import { officialCalendar, type SpecialDay } from './official.ts';
import { WorkingCalendar, type YearSource } from './working-calendar.ts';

/**
 * The working calendar as stored: package data plus the admin's published years. Read per use
 * (the override tables hold a few dozen rows) so that every node sees an admin's change at once.
 */
export async function loadCalendar(em: EntityManager): Promise<WorkingCalendar> {
  const [years, days] = await Promise.all([
    em.find(CalendarYearSchema, {}),
    em.find(CalendarDaySchema, {}),
  ]);
  return new WorkingCalendar(officialCalendar(), {
    years: new Set(years.map((year) => year.year)),
    days: new Map<string, SpecialDay>(
      days.map((day) => [day.date, { workday: day.workday, name: day.name }]),
    ),
  });
}

export interface YearCoverage {
  year: number;
  source: YearSource;
  /** Days that differ from Monday-to-Friday in that year. */
  specialDays: { date: string; workday: boolean; name: string }[];
  publishedBy?: string;
  publishedAt?: string;
  note?: string;
}

/** What the admin page shows for `year`: where its rules come from and its special days. */
export async function yearCoverage(em: EntityManager, year: number): Promise<YearCoverage> {
  const calendar = await loadCalendar(em);
  const source = calendar.sourceOf(year);
  const published = await em.findOne(CalendarYearSchema, { year });
  const special = new Map<string, SpecialDay>();
  for (const [date, day] of officialCalendar().days) {
    if (date.startsWith(`${year}-`)) special.set(date, day);
  }
  if (source === 'admin') {
    special.clear();
    for (const day of await em.find(CalendarDaySchema, { year })) {
      special.set(day.date, { workday: day.workday, name: day.name });
    }
  }
  return {
    year,
    source,
    specialDays: [...special.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, day]) => ({ date, ...day })),
    ...(published
      ? { publishedBy: published.publishedBy, publishedAt: published.publishedAt.toISOString() }
      : {}),
    ...(source === 'weekday-fallback'
      ? {
          note: `${year} 年尚无国务院办公厅节假日安排数据，按周一至周五为工作日计算；请平台管理员在公布后录入。`,
        }
      : {}),
  };
}

/**
 * Replaces `year`'s schedule with the one an admin publishes. The whole year is replaced in one
 * transaction so a half-entered schedule is never used.
 */
export async function publishYear(
  em: EntityManager,
  input: { year: number; days: Omit<CalendarDay, 'year'>[]; source?: string; by: string; at: Date },
): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.nativeDelete(CalendarDaySchema, { year: input.year });
    await tx.nativeDelete(CalendarYearSchema, { year: input.year });
    tx.create(CalendarYearSchema, {
      year: input.year,
      publishedBy: input.by,
      publishedAt: input.at,
      source: input.source ?? null,
    });
    for (const day of input.days) tx.create(CalendarDaySchema, { ...day, year: input.year });
  });
}
