import { daysBetween } from '../../../../shared/domain/dates';

/**
 * A promise's due day said relative to today, so yesterday never reads as a date ("承诺到期
 * 12-01"): 今天 / 昨天 / 已过 N 天 (today / yesterday / N days overdue); a later day as MM-DD.
 */
export type DueDayText =
  | { key: 'queue.today' }
  | { key: 'agentDesk.dueYesterday' }
  | { key: 'agentDesk.dueDaysAgo'; params: { count: number } }
  | { key: 'agentDesk.dueOn'; params: { date: string } };

export function dueDayText(due: string, today: string): DueDayText {
  const late = daysBetween(due, today);
  if (late === 0) return { key: 'queue.today' };
  if (late === 1) return { key: 'agentDesk.dueYesterday' };
  if (late > 1) return { key: 'agentDesk.dueDaysAgo', params: { count: late } };
  return { key: 'agentDesk.dueOn', params: { date: due.slice(5) } };
}
