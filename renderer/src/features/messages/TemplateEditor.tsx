import { useEffect, useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import SaveOutlined from '@ant-design/icons/es/icons/SaveOutlined';
import { useTranslation } from 'react-i18next';
import { MERGE_FIELD_KEYS } from '../../../../shared/domain/merge';
import type { MessageTemplate } from '../../../../shared/domain/message-templates';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale, useSession } from '../../lib/session';

/**
 * A lead edits the team's templates (team mode: on the hub, which sends them to every desk).
 * The whole list is saved; the core and the hub check every template (merge fields, third-party safety).
 */
export function TemplateEditor({ templates, onSaved }: { templates: MessageTemplate[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const all = useSession((s) => s.settings?.messageTemplates ?? []);
  const [id, setId] = useState<string | null>(templates[0]?.id ?? null);
  const [body, setBody] = useState('');
  useEffect(() => {
    setBody(all.find((x) => x.id === id)?.body ?? '');
  }, [id, all]);

  const save = async () => {
    const next = all.map((x) => (x.id === id ? { ...x, body } : x));
    const r = await invoke('message.saveTemplates', { templates: next });
    if (!r.ok) return void message.error(translateError(t, r.error, locale));
    const s = await invoke('settings.get', {});
    if (s.ok) useSession.setState({ settings: s.value });
    void message.success(t('messages.templates.saved'));
    onSaved();
  };

  return (
    <div data-testid="template-editor">
      <Typography.Title level={5}>{t('messages.templates.title')}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select style={{ width: 320 }} value={id} onChange={setId} options={templates.map((x) => ({ value: x.id, label: x.name }))} aria-label={t('messages.template')} />
        <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 3, maxRows: 12 }} aria-label={t('messages.templates.body')} />
        <Typography.Text type="secondary">{t('messages.templates.fields', { fields: MERGE_FIELD_KEYS.map((k) => `{{${k}}}`).join(' ') })}</Typography.Text>
        <Button icon={<SaveOutlined />} onClick={() => void save()} disabled={!id}>{t('messages.templates.save')}</Button>
      </Space>
    </div>
  );
}
