import type { TFunction } from 'i18next';
import type { DeskError } from '../../../shared/contract';
import type { Locale } from '../../../shared/domain/enums';
import type { RuleId } from '../../../shared/domain/rule-ids';
import { i18n } from '../i18n';
import { money } from './format';

/** A rule violation or error field, in the shape both checkOutcome and the core produce. */
export interface RuleLike {
  rule?: RuleId;
  field?: string;
  params?: Record<string, string | number>;
}

/** Params for translation: "...Fen" numbers also appear formatted without the suffix (balanceFen -> balance). */
function translateParams(params: Record<string, string | number> | undefined, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = { ...(params ?? {}) };
  for (const [k, v] of Object.entries(params ?? {})) {
    if (k.endsWith('Fen') && typeof v === 'number') out[k.slice(0, -3)] = money(v, locale);
    // promise states named by a refused accept (shared/domain/late-work)
    if ((k === 'wanted' || k === 'derived' || k === 'hub') && typeof v === 'string' && i18n.exists(`enums.promiseState.${v}`)) out[k] = i18n.t(`enums.promiseState.${v}`);
  }
  return out;
}

export function translateRule(t: TFunction, v: RuleLike, locale: Locale): string {
  const params = translateParams(v.params, locale);
  if (v.rule) {
    const key = `rules.${v.rule}`;
    if (i18n.exists(key) && typeof i18n.t(key, { returnObjects: true }) === 'string') return t(key, params);
  }
  const fieldKey = v.field ? `fields.${fieldGroup(v.field)}` : '';
  const fieldName = fieldKey && i18n.exists(fieldKey) ? t(fieldKey) : (v.field ?? '');
  return t('rules.generic', { field: fieldName });
}

export function translateError(t: TFunction, e: DeskError, locale: Locale): string {
  if (e.rule) return translateRule(t, e, locale);
  const key = `errors.${e.code}`;
  return i18n.exists(key) ? t(key) : e.message;
}

/** Which note-pane field a dotted path belongs to. */
export type FieldGroup = 'outcomeCode' | 'party' | 'phoneId' | 'ptpAmount' | 'ptpDate' | 'followUp' | 'claimedPaidDate' | 'stepsDone' | 'note' | 'channel' | 'visitAddress' | 'other';

export function fieldGroup(field: string | undefined): FieldGroup {
  if (!field) return 'other';
  const f = field.toLowerCase();
  if (f.startsWith('ptp')) return f.includes('date') ? 'ptpDate' : 'ptpAmount';
  if (f.startsWith('followup')) return 'followUp';
  if (f.startsWith('claimedpaid')) return 'claimedPaidDate';
  if (f.startsWith('steps')) return 'stepsDone';
  if (f.startsWith('outcome')) return 'outcomeCode';
  if (f.startsWith('party')) return 'party';
  if (f.startsWith('phone')) return 'phoneId';
  if (f.startsWith('note')) return 'note';
  if (f.startsWith('channel')) return 'channel';
  if (f.startsWith('visitaddress')) return 'visitAddress';
  return 'other';
}
