import Button from 'antd/es/button';
import DatePicker from 'antd/es/date-picker';
import CloseCircleOutlined from '@ant-design/icons/es/icons/CloseCircleOutlined';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpPresetAt, type FollowUpPreset } from '../../../../shared/domain/dates';
import { instant, instantFromWallClock, wallClockOf } from '../../lib/format';
import { timeZoneNow, useTimeZone } from '../../lib/session';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';

const PRESETS: FollowUpPreset[] = ['30m', '1h', 'today18', 'tomorrow9', 'nextWorkday9'];

/** The follow-up: a preset (30 min, tomorrow 9:00, ...) or an exact time in the desk's zone. */
export function FollowUpFields({ errors, today }: { errors: string[]; today: string }) {
  const { t } = useTranslation();
  const tz = useTimeZone();
  const followUpAt = useNote((s) => s.followUpAt);
  const followUpPreset = useNote((s) => s.followUpPreset);
  const patch = useNote((s) => s.patch);
  // one value object per instant: a new one each render would reset the text being typed (see PtpFields)
  const exact = useMemo(() => (followUpAt && !followUpPreset ? wallClockOf(followUpAt, tz) : null), [followUpAt, followUpPreset, tz]);

  const presetAt = (p: FollowUpPreset): Date | null => {
    try {
      return followUpPresetAt(p, new Date(), tz);
    } catch {
      return null;
    }
  };

  return (
    <div className="note-row">
      <div className="note-label">
        {t('note.followUp')}
        {followUpAt && (
          <span className="followup-chosen num" data-testid="followup-chosen">
            {instant(followUpAt, tz, 'YYYY-MM-DD HH:mm')}
            <CloseCircleOutlined
              className="clear-icon"
              onClick={() => patch({ followUpAt: null, followUpPreset: null })}
              aria-label={t('common.clear')}
            />
          </span>
        )}
      </div>
      <div className="preset-row" data-testid="followup-presets">
        {PRESETS.map((p) => {
          const at = presetAt(p);
          return (
            <Button
              key={p}
              size="small"
              type={followUpPreset === p ? 'primary' : 'default'}
              disabled={!at || at.getTime() <= Date.now()}
              onClick={() => at && patch({ followUpAt: at.toISOString(), followUpPreset: p })}
              data-testid={`preset-${p}`}
            >
              {t(`presets.${p}`)}
            </Button>
          );
        })}
        <DatePicker
          size="small"
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={t('note.followUpExact')}
          value={exact}
          status={errors.length ? 'error' : undefined}
          disabledDate={(d) => d.format('YYYY-MM-DD') < today}
          onChange={(d) => patch({ followUpAt: d ? instantFromWallClock(d, timeZoneNow()) : null, followUpPreset: null })}
          className="exact-picker"
          data-testid="followup-exact"
        />
      </div>
      <FieldErrors errors={errors} testid="err-followup" />
    </div>
  );
}
