import { EntitySchema } from '@kaifang/sdk';

/** A year whose schedule a platform admin published (the State Council's notice for it). */
export interface CalendarYear {
  year: number;
  publishedBy: string;
  publishedAt: Date;
  /** Where the schedule comes from, e.g. the notice's document number. */
  source: string | null;
}

/** A holiday or make-up workday an admin entered; it wins over the package data. */
export interface CalendarDay {
  date: string;
  year: number;
  workday: boolean;
  name: string;
}

export const CalendarYearSchema = new EntitySchema<CalendarYear>({
  name: 'ReviewCalendarYear',
  tableName: 'review_calendar_year',
  properties: {
    year: { type: 'integer', primary: true },
    publishedBy: { type: 'string', length: 200, fieldName: 'published_by' },
    publishedAt: { type: 'Date', fieldName: 'published_at' },
    source: { type: 'text', nullable: true },
  },
});

export const CalendarDaySchema = new EntitySchema<CalendarDay>({
  name: 'ReviewCalendarDay',
  tableName: 'review_calendar_day',
  properties: {
    date: { type: 'string', columnType: 'date', primary: true },
    year: { type: 'integer' },
    workday: { type: 'boolean' },
    name: { type: 'string', length: 50 },
  },
});
