import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Tooltip from 'antd/es/tooltip';
import SaveOutlined from '@ant-design/icons/es/icons/SaveOutlined';
import StepForwardOutlined from '@ant-design/icons/es/icons/StepForwardOutlined';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { useNote } from './store';

/** Who signs the note, and save (Ctrl+S) / save and open the next case (Ctrl+Enter). */
export function SaveBar({ save }: { save: (next: boolean) => Promise<void> }) {
  const { t } = useTranslation();
  const agent = useSession((s) => s.agent);
  const saving = useNote((s) => s.saving);
  return (
    <div className="note-actions">
      <span className="agent-sign">{agent ? `${agent.displayName} · ${agent.agentNo}` : ''}</span>
      <Space size={6}>
        <Tooltip title="Ctrl+S">
          <Button icon={<SaveOutlined />} loading={saving} onClick={() => void save(false)} data-testid="note-save">
            {t('note.save')} <span className="kbd light">Ctrl+S</span>
          </Button>
        </Tooltip>
        <Tooltip title="Ctrl+Enter">
          <Button type="primary" icon={<StepForwardOutlined />} loading={saving} onClick={() => void save(true)} data-testid="note-save-next">
            {t('note.saveNext')} <span className="kbd light">Ctrl+↵</span>
          </Button>
        </Tooltip>
      </Space>
    </div>
  );
}
