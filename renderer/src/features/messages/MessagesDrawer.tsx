import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Empty from 'antd/es/empty';
import Input from 'antd/es/input';
import Segmented from 'antd/es/segmented';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import FilePdfOutlined from '@ant-design/icons/es/icons/FilePdfOutlined';
import SendOutlined from '@ant-design/icons/es/icons/SendOutlined';
import { useTranslation } from 'react-i18next';
import type { MessageProblemView, MessageRecipient, MessageView } from '../../../../shared/contract/messages';
import { SMS_MAX_CHARS, LETTER_MAX_LINES, letterLines, smsLength } from '../../../../shared/domain/message-checks';
import { templatesFor, type MessageChannel, type MessageTemplate } from '../../../../shared/domain/message-templates';
import { stripInvisible } from '../../../../shared/domain/text-safety';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { instant } from '../../lib/format';
import { isLeadRole, useLocale, useSession } from '../../lib/session';
import { downloadBase64 } from './download';
import { EvidenceBlock } from './EvidenceBlock';
import { GatewaySettings } from './GatewaySettings';
import { MessageProblems } from './MessageProblems';
import { TemplateEditor } from './TemplateEditor';

const STATUS_COLOR: Record<MessageView['status'], string> = { sending: 'processing', recorded: 'blue', sent: 'green', failed: 'red' };

/** SMS and letters of one case: compose from a template with a live checked preview, send, history, evidence. */
export function MessagesDrawer({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const zone = useSession((s) => s.settings?.timeZone ?? 'Asia/Shanghai');
  const lead = useSession((s) => isLeadRole(s.agent));
  const [channel, setChannel] = useState<MessageChannel>('sms');
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  const [recipients, setRecipients] = useState<MessageRecipient[]>([]);
  const [recipient, setRecipient] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [edited, setEdited] = useState(false);
  const [subject, setSubject] = useState('');
  const [problems, setProblems] = useState<MessageProblemView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<MessageView[]>([]);
  const [busy, setBusy] = useState<'send' | 'pdf' | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!open) return;
    void invoke('message.options', { caseId, locale }).then((r) => {
      if (!r.ok) return setError(translateError(t, r.error, locale));
      setTemplates(r.value.templates);
      setRecipients(r.value.recipients);
    });
    void invoke('message.list', { caseId }).then((r) => r.ok && setHistory(r.value));
  }, [open, caseId, locale, t, reload]);

  const forChannel = useMemo(() => recipients.filter((r) => r.channel === channel), [recipients, channel]);
  const party = forChannel.find((r) => r.key === recipient)?.party ?? 'self';
  const usable = useMemo(() => templatesFor(templates, channel, locale, party), [templates, channel, locale, party]);

  // a channel, recipient or template that no longer fits falls back to the first that does
  useEffect(() => {
    if (!forChannel.some((r) => r.key === recipient)) setRecipient(forChannel[0]?.key ?? null);
  }, [forChannel, recipient]);
  useEffect(() => {
    if (!usable.some((x) => x.id === templateId)) setTemplateId(usable[0]?.id ?? null);
  }, [usable, templateId]);

  const seq = useRef(0);
  const preview = useCallback(async (edit: string | null) => {
    // only a consistent choice (the fallbacks above settle over a render or two)
    if (!recipient || !templateId || !forChannel.some((r) => r.key === recipient) || !usable.some((x) => x.id === templateId)) return;
    const mine = ++seq.current;
    const r = await invoke('message.preview', { caseId, templateId, recipient, ...(edit !== null ? { text: edit } : {}) });
    if (mine !== seq.current) return; // a later preview was asked for: this answer is stale
    if (!r.ok) {
      setError(translateError(t, r.error, locale));
      setProblems([]);
      return;
    }
    setError(null);
    setSubject(r.value.subject);
    if (edit === null) setText(r.value.text);
    setProblems(r.value.problems);
  }, [caseId, templateId, recipient, forChannel, usable, t, locale]);
  const previewRef = useRef(preview);
  previewRef.current = preview;
  const editedRef = useRef(false);
  editedRef.current = edited;
  /** A new channel, recipient or template drops the agent's edit: the merged template shows again. */
  const choose = <T,>(set: (v: T) => void) => (v: T) => {
    editedRef.current = false;
    setEdited(false);
    set(v);
  };

  // a new recipient or template starts again from the merged template
  useEffect(() => {
    setEdited(false);
    void preview(null);
  }, [preview]);
  // the agent's edit is checked as it is typed (the core checks again on send)
  useEffect(() => {
    if (!edited) return;
    const h = window.setTimeout(() => {
      if (editedRef.current) void previewRef.current(text);
    }, 250);
    return () => window.clearTimeout(h);
  }, [text, edited]);

  const send = async () => {
    if (!recipient || !templateId) return;
    setBusy('send');
    const r = await invoke('message.send', { caseId, templateId, recipient, clientRequestId: crypto.randomUUID(), ...(edited ? { text } : {}) });
    setBusy(null);
    if (!r.ok) {
      void message.error(translateError(t, r.error, locale));
      void preview(edited ? text : null);
      return;
    }
    void message.success(t(`messages.status.${r.value.message.status}`));
    setReload((n) => n + 1);
  };

  const pdf = async (input: { messageId: string } | null) => {
    if (!input && (!recipient || !templateId)) return;
    setBusy('pdf');
    const r = await invoke('message.letterPdf', input ?? { caseId, templateId: templateId ?? '', recipient: recipient ?? '', ...(edited ? { text } : {}) });
    setBusy(null);
    if (!r.ok) return void message.error(translateError(t, r.error, locale));
    downloadBase64(r.value);
  };

  const count = channel === 'sms' ? t('messages.smsCount', { n: smsLength(text), max: SMS_MAX_CHARS }) : t('messages.letterLines', { n: letterLines(text), max: LETTER_MAX_LINES });
  const blocked = problems.length > 0 || !!error || !templateId || !recipient;

  return (
    <Drawer open={open} onClose={onClose} title={t('messages.title')} size={640} destroyOnHidden={false} data-testid="messages-drawer">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented<MessageChannel>
          value={channel}
          onChange={choose(setChannel)}
          options={[{ value: 'sms', label: t('messages.sms') }, { value: 'letter', label: t('messages.letter') }]}
          data-testid="message-channel"
        />
        {forChannel.length === 0 ? (
          <Alert type="info" showIcon title={channel === 'sms' ? t('messages.noPhone') : t('messages.noAddress')} />
        ) : (
          <>
            <Space wrap>
              <Select
                style={{ width: 260 }}
                value={recipient}
                onChange={choose(setRecipient)}
                aria-label={t('messages.recipient')}
                data-testid="message-recipient"
                options={forChannel.map((r) => ({ value: r.key, label: `${r.name} · ${t(`messages.party.${r.party}`)} · ${r.destination}` }))}
              />
              <Select
                style={{ width: 280 }}
                value={templateId}
                onChange={choose(setTemplateId)}
                aria-label={t('messages.template')}
                data-testid="message-template"
                options={usable.map((x) => ({ value: x.id, label: x.name }))}
              />
            </Space>
            {party === 'third_party' && <Alert type="warning" showIcon title={t('messages.thirdPartyNote')} />}
            {channel === 'letter' && subject && <Typography.Text strong data-testid="message-subject">{subject}</Typography.Text>}
            <Input.TextArea
              value={text}
              onChange={(e) => {
                setEdited(true);
                setText(stripInvisible(e.target.value)); // as the core does: the marks then fall where the problems are
              }}
              autoSize={{ minRows: channel === 'sms' ? 4 : 10, maxRows: 18 }}
              aria-label={t('messages.preview')}
              data-testid="message-text"
            />
            <Typography.Text type="secondary" data-testid="message-count">{count}</Typography.Text>
            {error && <Alert type="error" showIcon title={error} data-testid="message-error" />}
            <MessageProblems text={text} problems={problems} />
            <Space>
              <Button type="primary" icon={<SendOutlined />} disabled={blocked} loading={busy === 'send'} onClick={() => void send()} data-testid="message-send">
                {channel === 'sms' ? t('messages.sendSms') : t('messages.recordLetter')}
              </Button>
              {channel === 'letter' && (
                <Button icon={<FilePdfOutlined />} disabled={!!error || problems.length > 0} loading={busy === 'pdf'} onClick={() => void pdf(null)} data-testid="letter-pdf">
                  {t('messages.letterPdf')}
                </Button>
              )}
            </Space>
          </>
        )}

        <Typography.Title level={5}>{t('messages.history')}</Typography.Title>
        {history.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messages.noHistory')} />
        ) : (
          <div className="message-history" data-testid="message-history" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {history.map((m) => (
              <div key={m.id} className="message-row" data-testid="message-row" data-status={m.status} style={{ borderBottom: '1px solid var(--ant-color-border-secondary, #eee)', paddingBottom: 6 }}>
                <div>
                  <Tag>{t(`messages.${m.channel}`)}</Tag>
                  <Tag color={STATUS_COLOR[m.status]}>{t(`messages.status.${m.status}`)}</Tag>
                  <Typography.Text type="secondary">{instant(m.at, zone)} · {m.destination} · {t(`messages.party.${m.party}`)}{m.agentName ? ` · ${m.agentName}` : ''}</Typography.Text>
                  {m.channel === 'letter' && (
                    <Button size="small" type="link" icon={<FilePdfOutlined />} onClick={() => void pdf({ messageId: m.id })}>
                      PDF
                    </Button>
                  )}
                </div>
                {m.error && <Typography.Text type="danger">{m.error}</Typography.Text>}
                <div className="message-content" style={{ whiteSpace: 'pre-wrap' }}>{m.content}</div>
              </div>
            ))}
          </div>
        )}

        <EvidenceBlock caseId={caseId} reload={reload} />
        {lead && <TemplateEditor templates={templates} onSaved={() => setReload((n) => n + 1)} />}
        {lead && <GatewaySettings />}
      </Space>
    </Drawer>
  );
}
