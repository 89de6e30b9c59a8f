import DatePicker from 'antd/es/date-picker';
import Input from 'antd/es/input';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract';
import { normalizeDigits } from '../../../../shared/domain/money';
import { dateValue } from '../../lib/format';
import { FieldErrors } from './FieldErrors';
import { fenToYuanText, useNote } from './store';
import { readTypedDate } from './typed-date';

interface Props {
  detail: CaseDetail;
  amountErrors: string[];
  dateErrors: string[];
  /** the promise date lies in [today, maxDate] */
  today: string;
  maxDate: string;
}

/** The promise to pay (PTP): amount in yuan (quick fills: overdue, minimum due) and date. */
export function PtpFields({ detail, amountErrors, dateErrors, today, maxDate }: Props) {
  const { t } = useTranslation();
  const amountText = useNote((s) => s.ptpAmountText);
  const ptpDate = useNote((s) => s.ptpDate);
  const typed = useNote((s) => s.ptpDateTyped);
  const patch = useNote((s) => s.patch);
  // What was typed is what will be saved: a date out of range stays in the field with its error
  // (the picker alone would put the last valid date back); text that is no date empties the date
  // and says what was typed. The calendar still greys out the days outside the range.
  const commitTyped = (raw: string) => {
    const now = useNote.getState();
    if (raw.trim() === (now.ptpDate ?? '')) return; // the field shows the value held: nothing typed
    const r = readTypedDate(raw);
    if (r.kind === 'invalid') {
      if (r.text !== now.ptpDateTyped || now.ptpDate !== null) patch({ ptpDate: null, ptpDateTyped: r.text });
    } else {
      const date = r.kind === 'date' ? r.date : null;
      if (date !== now.ptpDate || now.ptpDateTyped !== null) patch({ ptpDate: date, ptpDateTyped: null });
    }
  };
  // One value object per date: the picker puts its input text back to the value whenever the
  // value object changes, so a fresh object on every render (an autosave, a script update)
  // would wipe what is being typed.
  const pickerValue = useMemo(() => dateValue(ptpDate), [ptpDate]);
  const range = t('agentDesk.dateRange', { from: today, to: maxDate });
  const dateShown = dateErrors.length === 0 ? [] : [...(typed !== null ? [t('agentDesk.notADate', { text: typed })] : dateErrors), range];
  return (
    <div className="note-row two ptp-row" data-testid="ptp-fields">
      <div>
        <div className="note-label">
          {t('note.ptpAmount')}
          <span className="fill-links">
            <a onClick={() => patch({ ptpAmountText: fenToYuanText(detail.case.overdueAmountFen) })}>{t('note.fillOverdue')}</a>
            <a onClick={() => patch({ ptpAmountText: fenToYuanText(detail.case.minDueFen) })}>{t('note.fillMinDue')}</a>
          </span>
        </div>
        <Input
          size="small"
          prefix="¥"
          className="num-input"
          inputMode="decimal"
          placeholder={t('note.amountPlaceholder')}
          value={amountText}
          status={amountErrors.length ? 'error' : undefined}
          onChange={(e) => patch({ ptpAmountText: e.target.value })}
          // full-width digits from a Chinese input method show as the amount that is saved
          onBlur={() => amountText !== normalizeDigits(amountText) && patch({ ptpAmountText: normalizeDigits(amountText) })}
          data-testid="ptp-amount"
        />
        <FieldErrors errors={amountErrors} testid="err-ptp-amount" />
      </div>
      <div>
        <div className="note-label">{t('note.ptpDate')}</div>
        {/* captured before the picker's own handlers, which put the last valid date back on Tab / Enter / blur */}
        <div
          onKeyDownCapture={(e) => (e.key === 'Enter' || e.key === 'Tab') && e.target instanceof HTMLInputElement && commitTyped(e.target.value)}
          onBlurCapture={(e) => e.target instanceof HTMLInputElement && commitTyped(e.target.value)}
        >
          <DatePicker
            size="small"
            className="full"
            placeholder={t('note.pickDate')}
            format="YYYY-MM-DD"
            value={pickerValue}
            status={dateShown.length ? 'error' : undefined}
            disabledDate={(d) => {
              const s = d.format('YYYY-MM-DD');
              return s < today || s > maxDate;
            }}
            onChange={(d) => patch({ ptpDate: d ? d.format('YYYY-MM-DD') : null, ptpDateTyped: null })}
            data-testid="ptp-date"
          />
        </div>
        <FieldErrors errors={dateShown} testid="err-ptp-date" />
      </div>
    </div>
  );
}
