import { useEffect, useState } from 'react';
import App from 'antd/es/app';
import Badge from 'antd/es/badge';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Empty from 'antd/es/empty';
import Input from 'antd/es/input';
import List from 'antd/es/list';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import WarningOutlined from '@ant-design/icons/es/icons/WarningOutlined';
import { useTranslation } from 'react-i18next';
import type { ContactViolation } from '../../../../shared/contract';
import { invoke, subscribe } from '../../api';
import { instant } from '../../lib/format';
import { timeZoneNow } from '../../lib/session';

/** Calls that broke a contact rule (issue 11): a button with the open count and a small list. */
export function ViolationsButton() {
  const { t } = useTranslation();
  const [data, setData] = useState<{ items: ContactViolation[]; open: number }>({ items: [], open: 0 });
  const [open, setOpen] = useState(false);
  const load = () => void invoke('contact.violations', {}).then((r) => r.ok && setData(r.value));
  const { message } = App.useApp();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  // A lead allows one more call on the number of a blocked or flagged call (written reason; audited, synced).
  const allow = async (v: ContactViolation) => {
    if (!v.phoneId) return;
    const r = await invoke('contact.override', { caseId: v.caseId, phoneId: v.phoneId, reason: reasons[v.attemptId] ?? '' });
    if (r.ok) {
      setReasons((x) => ({ ...x, [v.attemptId]: '' }));
      void message.success(t('contactRules.overrideAllowed'));
    } else void message.error(r.error.field === 'reason' ? t('contactRules.overrideReasonNeeded') : r.error.message);
  };
  useEffect(() => {
    load();
    const a = subscribe('queue.changed', load);
    const b = subscribe('sync.status', load);
    return () => {
      a();
      b();
    };
  }, []);
  return (
    <>
      <Badge count={data.open} size="small" offset={[-4, 2]}>
        <Button size="small" icon={<WarningOutlined />} danger={data.open > 0} onClick={() => (load(), setOpen(true))} data-testid="lead-violations" data-count={data.open}>
          {t('contactRules.violations')}
        </Button>
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('contactRules.violationsTitle', { count: data.open })} size={520} destroyOnHidden>
        {data.items.length === 0 ? (
          <Empty description={t('contactRules.noViolations')} />
        ) : (
          <List<ContactViolation>
            size="small"
            dataSource={data.items}
            data-testid="violations-list"
            renderItem={(v) => (
              <List.Item key={v.attemptId} data-testid="violation-row" data-case-id={v.caseId}>
                <div className="violation">
                  <div>
                    <strong>{v.debtorName ?? v.caseId}</strong> · {v.agentName ?? t('conflicts.unknownAgent')} · <span className="num">{instant(v.at, timeZoneNow(), 'MM-DD HH:mm')}</span>
                  </div>
                  <div>
                    {v.rules.map((r) => (
                      <Tag key={r} color="red" data-testid="violation-rule" data-rule={r}>
                        {t(`contactRules.short.${r}`)}
                      </Tag>
                    ))}
                    <Tag>{t(`contactRules.source.${v.source}`)}</Tag>
                    {v.resolvedAt && <Tag color="green">{t('conflicts.resolved')}</Tag>}
                  </div>
                  {v.phoneId && (
                    <Space.Compact size="small" style={{ width: '100%', marginTop: 4 }}>
                      <Input
                        size="small"
                        data-testid="violation-override-reason"
                        placeholder={t('contactRules.overridePlaceholder')}
                        value={reasons[v.attemptId] ?? ''}
                        onChange={(e) => setReasons((x) => ({ ...x, [v.attemptId]: e.target.value }))}
                        maxLength={500}
                      />
                      <Button size="small" data-testid="violation-override" disabled={(reasons[v.attemptId] ?? '').trim().length < 4} onClick={() => void allow(v)}>
                        {t('contactRules.overrideSave')}
                      </Button>
                    </Space.Compact>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
