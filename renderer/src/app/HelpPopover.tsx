import Button from 'antd/es/button';
import Popover from 'antd/es/popover';
import QuestionCircleOutlined from '@ant-design/icons/es/icons/QuestionCircleOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isTypingTarget, useKeydown } from '../lib/hotkeys';

/** The '?' popover listing every hotkey; '?' (outside text fields) toggles it. */
export function HelpPopover() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useKeydown((e) => {
    if (e.key === '?' && !isTypingTarget(e.target)) {
      e.preventDefault();
      setOpen((o) => !o);
    }
    if (e.key === 'Escape') setOpen(false);
  });
  const rows: [string, string][] = [
    ['F9', t('help.callToggle')],
    ['F8', t('agentDesk.tickNextStep')],
    ['1 … 9, 0', t('help.outcome')],
    ['Ctrl+S', t('help.save')],
    ['Ctrl+Enter', t('help.saveNext')],
    ['Ctrl+K  /', t('help.search')],
    ['Alt+↑  Alt+↓', t('help.queueMove')],
    ['?', t('help.help')],
  ];
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('help.title')}
      content={
        <table className="help-table" data-testid="help-table">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <td>
                  <span className="kbd">{k}</span>
                </td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <Button size="small" type="text" icon={<QuestionCircleOutlined />} aria-label={t('topbar.help')} data-testid="help-button">
        {t('topbar.help')}
      </Button>
    </Popover>
  );
}
