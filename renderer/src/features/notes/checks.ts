import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeCode } from '../../../../shared/contract';
import { addDays } from '../../../../shared/domain/dates';
import { checkOutcome, type OutcomeDraft } from '../../../../shared/domain/outcome-rules';
import { fieldGroup, translateRule, type FieldGroup, type RuleLike } from '../../lib/errors';
import { dayjs, money, todayIn } from '../../lib/format';
import { useLocale, useSession, useTimeZone } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { amountFen, useNote } from './store';
import { channelViolations } from './channel';

/**
 * The note pane's inline checks: the same shared checkOutcome the core refuses with, plus the
 * pane's own (amount text, party). `errorsFor` gives a field group's translated messages once
 * the field was touched (or a save was tried), merged with the core's answer.
 */
export function useOutcomeChecks() {
  const { t } = useTranslation();
  const locale = useLocale();
  const tz = useTimeZone();
  const codes = useSession((s) => s.outcomeCodes);
  const settings = useSession((s) => s.settings);
  const detail = useWorkspace((s) => s.detail);
  const stepsDone = useWorkspace((s) => s.stepsDone);
  const requiredStepIds = useWorkspace((s) => s.requiredStepIds);
  const n = useNote();

  const code: OutcomeCode | undefined = codes.find((c) => c.code === n.outcomeCode);
  const balanceFen = detail?.case.balanceFen ?? 0;
  const ptpMaxDays = settings?.ptpMaxDays ?? 30;
  const today = todayIn(tz);

  const violations: RuleLike[] = useMemo(() => {
    if (!detail) return [];
    const fen = amountFen(n.ptpAmountText);
    const draft: OutcomeDraft = {
      outcomeCode: n.outcomeCode,
      party: n.party,
      ptp: code?.needsPtp ? { amountFen: typeof fen === 'number' ? fen : null, dueDate: n.ptpDate } : null,
      followUpAt: n.followUpAt ? new Date(n.followUpAt) : null,
      claimedPaidDate: code?.needsPaidDate ? n.claimedPaidDate : null,
      stepsDone,
    };
    let v: RuleLike[] = [];
    try {
      v = checkOutcome(draft, {
        code,
        balanceFen,
        today,
        now: new Date(),
        ptpMaxDays,
        requiredStepIds,
      });
    } catch {
      v = [];
    }
    if (code?.needsPtp && n.ptpDateTyped !== null) {
      // what was typed is no date: say so (the date to be saved is none), not "pick a date"
      v = [...v.filter((x) => fieldGroup(x.field) !== 'ptpDate'), { field: 'ptp.dueDate', rule: 'ptp.dateInvalid' }];
    }
    if (code?.needsPtp && fen === 'invalid') {
      v = [{ field: 'ptp.amountFen', rule: 'money.invalid' }, ...v.filter((x) => fieldGroup(x.field) !== 'ptpAmount')];
    }
    const has = (g: FieldGroup) => v.some((x) => fieldGroup(x.field) === g);
    if (!n.outcomeCode && !has('outcomeCode')) v.unshift({ field: 'outcomeCode', rule: 'outcome.required' });
    if (!n.party && !has('party')) v.push({ field: 'party', rule: 'party.required' });
    // What the channel needs (a number for an SMS, an address for a visit), as the core will judge it.
    v.push(...channelViolations(n));
    return v;
  }, [detail, n.channel, n.phoneId, n.visitAddress, n.ptpAmountText, n.outcomeCode, n.party, n.ptpDate, n.ptpDateTyped, n.followUpAt, n.claimedPaidDate, code, stepsDone, requiredStepIds, balanceFen, today, ptpMaxDays]);

  const defaults = { balance: money(balanceFen, locale), maxDays: ptpMaxDays, maxDate: addDaysSafe(today, ptpMaxDays) };
  const errorsFor = (group: FieldGroup, touchKeys: (keyof typeof n.touched)[]): string[] => {
    const show = n.showAll || touchKeys.some((k) => n.touched[k]);
    const local = show ? violations.filter((v) => fieldGroup(v.field) === group) : [];
    const server = n.serverErrors.filter((v) => fieldGroup(v.field) === group);
    return [...new Set([...local, ...server].map((v) => translateRule(t, { ...v, params: { ...defaults, ...v.params } }, locale)))];
  };

  return { code, violations, errorsFor, today, ptpMaxDays, maxDate: defaults.maxDate };
}

function addDaysSafe(date: string, days: number): string {
  try {
    return addDays(date, days);
  } catch {
    return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
  }
}
