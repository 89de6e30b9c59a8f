import { DatePicker, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract';
import { normalizeDigits } from '../../../../shared/domain/money';
import { dateValue } from '../../lib/format';
import { FieldErrors } from './FieldErrors';
import { fenToYuanText, useNote } from './store';

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
  const patch = useNote((s) => s.patch);
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
        <DatePicker
          size="small"
          className="full"
          placeholder={t('note.pickDate')}
          value={dateValue(ptpDate)}
          status={dateErrors.length ? 'error' : undefined}
          disabledDate={(d) => {
            const s = d.format('YYYY-MM-DD');
            return s < today || s > maxDate;
          }}
          onChange={(d) => patch({ ptpDate: d ? d.format('YYYY-MM-DD') : null })}
          data-testid="ptp-date"
        />
        <FieldErrors errors={dateErrors} testid="err-ptp-date" />
      </div>
    </div>
  );
}
