/**
 * Rest days on which a team does not collect (a setting, off by default). With `chinaHolidays`
 * the calendar of chinese-days applies: 法定节假日 and weekends off, 调休 make-up days on.
 * Its data ends with CHINA_CALENDAR_LAST_YEAR and it silently calls any later day a workday,
 * so a team lists the days of later years itself (extraRestDates / extraWorkDates).
 */
import { isHoliday } from 'chinese-days';
import { weekdayOf } from './dates';
import type { LocalDate } from './enums';
import type { ContactRulesSetting } from './settings';

/** The last year chinese-days (1.5.x) has the State Council's holiday notice for. */
export const CHINA_CALENDAR_LAST_YEAR = 2026;

export type RestDayRules = Pick<ContactRulesSetting, 'restWeekdays' | 'chinaHolidays' | 'extraRestDates' | 'extraWorkDates'>;

export function isRestDay(date: LocalDate, r: RestDayRules): boolean {
  if (r.extraWorkDates.includes(date)) return false;
  if (r.extraRestDates.includes(date)) return true;
  if (r.restWeekdays.includes(weekdayOf(date))) return true;
  return r.chinaHolidays && isHoliday(date);
}

/** True when the holiday data covers the date's year (a later year needs the team's own list). */
export const chinaCalendarCovers = (date: LocalDate): boolean => Number(date.slice(0, 4)) <= CHINA_CALENDAR_LAST_YEAR;
