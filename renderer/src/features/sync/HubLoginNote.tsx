import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract';
import { invoke } from '../../api';

/** On the sign-in card: this desk belongs to a team hub, so the hub account signs in (offline too). */
export function HubLoginNote() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('sync.status', {}).then((r) => live && r.ok && setStatus(r.value));
    return () => {
      live = false;
    };
  }, []);
  if (status?.mode !== 'hub') return null;
  return (
    <Alert
      type="info"
      showIcon
      className="hub-login-note"
      data-testid="hub-login-note"
      title={t('sync.loginHub', { url: status.hubUrl ?? '' })}
      description={t('sync.loginHubHint')}
    />
  );
}
