import { isValidLocalDate } from '../../../../shared/domain/dates';
import { normalizeDigits } from '../../../../shared/domain/money';

export type TypedDate = { kind: 'empty' } | { kind: 'date'; date: string } | { kind: 'invalid'; text: string };

/**
 * What the agent typed into a date field, read the ways people write dates here: 2026-03-05,
 * 2026/3/5, 2026.3.5, 20260305, 2026年3月5日, full-width digits from a Chinese input method.
 * A date outside the allowed range is still a date: the field keeps it and says the range.
 */
export function readTypedDate(raw: string): TypedDate {
  const text = normalizeDigits(raw).replace(/\uFF0D/g, '-').replace(/\uFF0F/g, '/').trim();
  if (!text) return { kind: 'empty' };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const date = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
    if (isValidLocalDate(date)) return { kind: 'date', date };
  }
  return { kind: 'invalid', text: raw.trim() };
}
