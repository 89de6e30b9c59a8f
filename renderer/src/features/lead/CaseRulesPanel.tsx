import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import type { CaseView, DeskError } from '../../../../shared/contract';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale, useTimeZone } from '../../lib/session';

/**
 * The lead's decisions on one case's contact rules (issue 11): clear a hold (dispute/complaint)
 * with a written reason, so the case goes back to its agent's queue; set the debtor's own time
 * zone for the quiet hours (empty: the team's).
 */
export function CaseRulesPanel({ kase, onChanged }: { kase: CaseView; onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const teamZone = useTimeZone();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [zone, setZone] = useState(kase.timeZone ?? '');
  const [busy, setBusy] = useState<'hold' | 'zone' | null>(null);
  const [error, setError] = useState<DeskError | null>(null);

  useEffect(() => {
    setZone(kase.timeZone ?? '');
    setError(null);
  }, [kase.id, kase.timeZone]);

  const clearHold = async () => {
    setBusy('hold');
    const res = await invoke('lead.clearHold', { caseId: kase.id, reason: reason.trim() });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setError(null);
    setReason('');
    message.success(t('lead.caseRules.cleared'));
    onChanged();
  };

  const saveZone = async () => {
    setBusy('zone');
    const res = await invoke('lead.setCaseTimeZone', { caseId: kase.id, timeZone: zone.trim() === '' ? null : zone.trim() });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setError(null);
    message.success(t('lead.caseRules.zoneSaved', { zone: res.value.timeZone ?? teamZone }));
    onChanged();
  };

  return (
    <div className="case-rules" data-testid="case-rules" style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 12 }}>
      {kase.status === 'hold' && (
        <Alert
          type="warning"
          showIcon
          data-testid="case-hold"
          title={t('lead.caseRules.onHold')}
          description={
            <Space.Compact style={{ width: '100%' }}>
              <Input
                size="small"
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t('lead.caseRules.reason')}
                aria-label={t('lead.caseRules.reason')}
                data-testid="case-hold-reason"
              />
              <Button size="small" type="primary" loading={busy === 'hold'} disabled={reason.trim().length < 2} onClick={() => void clearHold()} data-testid="case-clear-hold">
                {t('lead.caseRules.clear')}
              </Button>
            </Space.Compact>
          }
        />
      )}
      <div>
        <Typography.Text type="secondary">{t('lead.caseRules.zone', { team: teamZone })}</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input size="small" maxLength={64} value={zone} placeholder={teamZone} onChange={(e) => setZone(e.target.value)} aria-label={t('lead.caseRules.zone', { team: teamZone })} data-testid="case-zone" />
          <Button size="small" loading={busy === 'zone'} disabled={zone.trim() === (kase.timeZone ?? '')} onClick={() => void saveZone()} data-testid="case-zone-save">
            {t('lead.caseRules.saveZone')}
          </Button>
        </Space.Compact>
      </div>
      {error && <Alert type="error" showIcon title={translateError(t, error, locale)} data-testid="case-rules-error" />}
    </div>
  );
}
