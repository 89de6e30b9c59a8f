import DatePicker from 'antd/es/date-picker';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dateValue } from '../../lib/format';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';

/** 已还款: the date the debtor says they paid (today at the latest). */
export function PaidDateField({ errors, today }: { errors: string[]; today: string }) {
  const { t } = useTranslation();
  const claimedPaidDate = useNote((s) => s.claimedPaidDate);
  const patch = useNote((s) => s.patch);
  // one value object per date: a new one each render would reset the text being typed (see PtpFields)
  const value = useMemo(() => dateValue(claimedPaidDate), [claimedPaidDate]);
  return (
    <div className="note-row">
      <div className="note-label">{t('note.claimedPaidDate')}</div>
      <DatePicker
        size="small"
        placeholder={t('note.pickDate')}
        value={value}
        status={errors.length ? 'error' : undefined}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        onChange={(d) => patch({ claimedPaidDate: d ? d.format('YYYY-MM-DD') : null })}
        data-testid="claimed-paid-date"
      />
      <FieldErrors errors={errors} testid="err-paid-date" />
    </div>
  );
}
