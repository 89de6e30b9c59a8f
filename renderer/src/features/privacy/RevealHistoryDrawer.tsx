import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import Typography from 'antd/es/typography';
// Loaded only when the agent opens it: deep imports keep them out of the first-paint chunk.
import Drawer from 'antd/es/drawer';
import Table from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { RevealEntry } from '../../../../shared/contract';
import { invoke } from '../../api';
import { instant } from '../../lib/format';
import { useSession } from '../../lib/session';

/** The agent's own reveal history, read from the audit log. */
export function RevealHistoryDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.settings?.timeZone ?? 'Asia/Shanghai');
  const [items, setItems] = useState<RevealEntry[] | null>(null);

  useEffect(() => {
    if (!open) return;
    setItems(null);
    void invoke('privacy.myReveals', { limit: 200 }).then((r) => setItems(r.ok ? r.value.items : []));
  }, [open]);

  return (
    <>
      <Drawer open={open} onClose={onClose} title={t('privacy.revealsTitle')} size={560} destroyOnHidden data-testid="reveal-history-drawer">
        <Typography.Paragraph type="secondary">{t('privacy.revealsIntro')}</Typography.Paragraph>
        {items !== null && items.length === 0 ? (
          <Alert type="info" showIcon title={t('privacy.revealsEmpty')} />
        ) : (
          <Table<RevealEntry>
            size="small"
            loading={items === null}
            dataSource={items ?? []}
            rowKey={(r) => `${r.at}|${r.caseId}|${r.field}`}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('privacy.colAt'), dataIndex: 'at', width: 150, render: (v: string) => <span className="num">{instant(v, timeZone, 'YYYY-MM-DD HH:mm:ss')}</span> },
              { title: t('privacy.colDebtor'), dataIndex: 'debtorName', render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('privacy.caseGone')}</Typography.Text> },
              { title: t('privacy.colCase'), dataIndex: 'caseId', width: 80, render: (v: string) => <span className="num">#{v}</span> },
              { title: t('privacy.colField'), dataIndex: 'field', width: 120, render: (v: RevealEntry['field']) => t(`privacy.fields.${v}`) },
            ]}
          />
        )}
      </Drawer>
    </>
  );
}
