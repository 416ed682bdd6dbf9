import { type AuthApi, principalOf, requireUser } from '@kaifang/plugin-auth-sso';
import { Boom, type Clock, Joi, type ServerRoute } from '@kaifang/sdk';
import { isIsoDate, shanghaiDate, TIME_ZONE, yearOf } from '../calendar/dates.ts';
import { loadCalendar, publishYear, yearCoverage } from '../calendar/store.ts';
import { MAX_WORKDAYS } from '../calendar/working-calendar.ts';

/** `YYYY-MM-DD` that is a real date; the message names the field. */
const isoDate = Joi.string().custom((value: string, helpers) =>
  isIsoDate(value)
    ? value
    : helpers.message({ custom: '{{#label}} must be a real date written YYYY-MM-DD' }),
);

const dayIn = Joi.object({
  date: isoDate.required(),
  workday: Joi.boolean().required(),
  name: Joi.string().trim().min(1).max(50).required(),
});

/** The permission to publish a year's schedule (declared with auth-sso in register). */
export const MANAGE_CALENDAR = 'review.calendar.manage';

export function calendarRoutes(deps: { clock: Clock; auth: () => AuthApi }): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/calendar/deadline',
      options: {
        auth: false,
        description: 'The deadline N working days after a date, on the statutory calendar',
        notes:
          'Counting starts on the next working day after `from`; the deadline is the end of the Nth working day in Asia/Shanghai. `fallbackYears` lists years without an official schedule, counted as plain weekdays.',
        validate: {
          query: Joi.object({
            from: isoDate.required(),
            workdays: Joi.number().integer().min(1).max(MAX_WORKDAYS).required(),
          }),
        },
      },
      handler: async (request) => {
        const { from, workdays } = request.query as { from: string; workdays: number };
        const calendar = await loadCalendar(request.em);
        const result = calendar.deadline(from, workdays);
        return {
          from,
          workdays,
          deadline: result.deadline,
          dueAt: result.dueAt.toISOString(),
          timeZone: TIME_ZONE,
          fallback: result.fallbackYears.length > 0,
          fallbackYears: result.fallbackYears,
          ...(result.fallbackYears.length > 0
            ? {
                note: `${result.fallbackYears.join('、')} 年尚无官方节假日安排，已按周一至周五计算工作日`,
              }
            : {}),
        };
      },
    },
    {
      method: 'GET',
      path: '/calendar/years/{year}',
      options: {
        auth: false,
        description: "A year's working-day rules: their source and the special days",
        validate: { params: Joi.object({ year: Joi.number().integer().min(2000).max(2100) }) },
      },
      handler: async (request) => {
        const { year } = request.params as { year: number };
        return yearCoverage(request.em, year);
      },
    },
    {
      method: 'GET',
      path: '/calendar/years',
      options: {
        auth: false,
        description: 'Where the rules for this year and the next few come from',
      },
      handler: async (request) => {
        const calendar = await loadCalendar(request.em);
        const current = yearOf(shanghaiDate(deps.clock.now()));
        const years = [current - 1, current, current + 1, current + 2].map((year) => ({
          year,
          source: calendar.sourceOf(year),
        }));
        return { items: years };
      },
    },
    {
      method: 'PUT',
      path: '/calendar/years/{year}',
      options: {
        auth: requireUser(),
        description: "Publish a year's holidays and make-up workdays (platform admins)",
        notes:
          'Replaces the whole year. List every holiday (workday false) and every make-up working day (workday true); other days follow Monday to Friday.',
        validate: {
          params: Joi.object({ year: Joi.number().integer().min(2000).max(2100) }),
          payload: Joi.object({
            source: Joi.string().trim().max(200),
            days: Joi.array().items(dayIn).unique('date').min(1).max(120).required(),
          }),
        },
      },
      handler: async (request) => {
        const { year } = request.params as { year: number };
        const payload = request.payload as {
          source?: string;
          days: { date: string; workday: boolean; name: string }[];
        };
        const principal = principalOf(request)!;
        deps.auth().assert(principal, MANAGE_CALENDAR);
        const stray = payload.days.find((day) => yearOf(day.date) !== year);
        if (stray) throw Boom.badRequest(`"days" entry ${stray.date} is not in ${year}`);
        await publishYear(request.em, {
          year,
          days: payload.days,
          ...(payload.source ? { source: payload.source } : {}),
          by: principal.userId,
          at: deps.clock.now(),
        });
        return yearCoverage(request.em, year);
      },
    },
  ];
}
