import { useCallback, useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Popconfirm from 'antd/es/popconfirm';
import Typography from 'antd/es/typography';
import ImportOutlined from '@ant-design/icons/es/icons/ImportOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import type { LocalCasesPreview } from '../../../../shared/contract/team';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale } from '../../lib/session';

/**
 * #20: a lead hosting the team hub on this desk brings the cases of the desk's own local database
 * into it: a preview of what moves, a confirmation, then what moved. Shown only while hosting.
 */
export function MoveLocalCases({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<LocalCasesPreview | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [moving, setMoving] = useState(false);
  const [result, setResult] = useState<{ moved: number; alreadyOnHub: number } | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('team.localCasesPreview', {});
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else {
      setPreview(null);
      setError(r.error.rule === 'team.notHosting' ? null : r.error);
    }
  }, []);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const move = async () => {
    setMoving(true);
    const r = await invoke('team.moveLocalCases', {});
    setMoving(false);
    if (!r.ok) return setError(r.error);
    setResult(r.value);
    message.success(t('team2.move.done', { count: r.value.moved }));
    void load();
  };

  if (!preview && !error) return null;
  return (
    <div data-testid="move-local" style={{ marginTop: 20 }}>
      <Typography.Title level={5}>
        <ImportOutlined /> {t('team2.move.title')}
      </Typography.Title>
      {error && <Alert type="error" showIcon title={translateError(t, error, locale)} data-testid="move-local-error" style={{ marginBottom: 8 }} />}
      {preview && (
        <>
          <Typography.Paragraph data-testid="move-local-preview" data-to-move={preview.toMove}>
            {preview.toMove > 0
              ? t('team2.move.preview', { count: preview.toMove, debtors: preview.debtors, attempts: preview.attempts, promises: preview.promises, payments: preview.payments, already: preview.alreadyOnHub })
              : t('team2.move.nothing', { local: preview.localCases })}
          </Typography.Paragraph>
          {preview.toMove > 0 && (
            <Popconfirm
              title={t('team2.move.confirm', { count: preview.toMove })}
              onConfirm={() => void move()}
              okButtonProps={{ 'data-testid': 'move-local-ok' } as Record<`data-${string}`, string>}
            >
              <Button type="primary" loading={moving} data-testid="move-local-button">
                {t('team2.move.button', { count: preview.toMove })}
              </Button>
            </Popconfirm>
          )}
        </>
      )}
      {result && (
        <Alert type="success" showIcon style={{ marginTop: 8 }} data-testid="move-local-result"
          title={t('team2.move.result', { count: result.moved, already: result.alreadyOnHub })} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('team2.move.hint')}</Typography.Paragraph>
    </div>
  );
}
