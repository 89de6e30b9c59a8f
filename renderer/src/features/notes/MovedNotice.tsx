import { useEffect } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../lib/workspace';

/**
 * The open case was reassigned away while the agent worked it (#16): say at once where it went.
 * The screen and the note stay; saving records the call as the agent's history on the hub.
 */
export function MovedNotice() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const moved = useWorkspace((s) => s.moved);
  const key = moved ? `${moved.caseId}@${moved.leftAt}` : null;
  useEffect(() => {
    if (!moved) return;
    void message.warning({
      content: moved.toName ? t('team2.moved.toast', { debtor: moved.debtorName, name: moved.toName }) : t('team2.moved.toastUnassigned', { debtor: moved.debtorName }),
      duration: 8,
    });
    // once per move, not on every re-render (t and message are stable)
  }, [key]);
  if (!moved) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="moved-notice"
      data-testid="moved-notice"
      data-to={moved.toName ?? ''}
      title={moved.toName ? t('team2.moved.title', { name: moved.toName }) : t('team2.moved.titleUnassigned')}
      description={t('team2.moved.body')}
    />
  );
}
