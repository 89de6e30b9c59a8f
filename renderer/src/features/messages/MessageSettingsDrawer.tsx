import Divider from 'antd/es/divider';
import Drawer from 'antd/es/drawer';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { GatewaySettings } from './GatewaySettings';
import { TemplateEditor } from './TemplateEditor';

/** A lead's message settings: how SMS go out (gateway), then the team's templates. */
export function MessageSettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const templates = useSession((s) => s.settings?.messageTemplates ?? []);
  return (
    <Drawer open={open} onClose={onClose} title={t('messages.settings.title')} size={640} destroyOnHidden={false} data-testid="message-settings-drawer">
      <GatewaySettings />
      <Divider />
      <TemplateEditor templates={templates} onSaved={() => {}} />
    </Drawer>
  );
}
