import { createRequire } from 'node:module';

/** One day that differs from the plain Monday-to-Friday rule. */
export interface SpecialDay {
  workday: boolean;
  /** Chinese name of the holiday the day belongs to, e.g. 国庆节. */
  name: string;
}

export interface OfficialCalendar {
  days: ReadonlyMap<string, SpecialDay>;
  /** Years for which the State Council's schedule is in the data. */
  years: ReadonlySet<number>;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: OfficialCalendar | undefined;

/**
 * The statutory holidays and make-up workdays shipped in the chinese-days package. Its JSON is
 * read directly (entries look like `"National Day,国庆节,3"`) because the package's functions
 * silently treat a year it has no data for as plain weekdays; we need to know which years it
 * covers to say when we fell back.
 */
export function officialCalendar(): OfficialCalendar {
  if (cached) return cached;
  const data = createRequire(import.meta.url)(
    'chinese-days/dist/chinese-days.json',
  ) as ChineseDaysData;
  const days = new Map<string, SpecialDay>();
  const years = new Set<number>();
  const add = (entries: Record<string, string>, workday: boolean) => {
    for (const [date, label] of Object.entries(entries)) {
      days.set(date, { workday, name: label.split(',')[1] ?? label });
      years.add(Number(date.slice(0, 4)));
    }
  };
  add(data.holidays, false);
  add(data.workdays, true);
  cached = { days, years };
  return cached;
}
