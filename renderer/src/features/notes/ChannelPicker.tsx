import AutoComplete from 'antd/es/auto-complete';
import Radio from 'antd/es/radio';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract';
import { CHANNEL_NEEDS, VISIT_ADDRESS_MAX } from '../../../../shared/domain/channel-rules';
import { Channel } from '../../../../shared/domain/enums';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';

/**
 * The record's channel (电话 / 短信 / 信函 / 外访 / 邮件), in the pane's head so it stays in sight
 * while the note scrolls: a radio group, so Tab reaches it and the arrow keys move along it. The
 * fields below follow from it (shared/domain/channel-rules).
 */
export function ChannelPicker() {
  const { t } = useTranslation();
  const channel = useNote((s) => s.channel);
  const patch = useNote((s) => s.patch);
  return (
    <Radio.Group
      size="small"
      optionType="button"
      buttonStyle="solid"
      className="note-channel"
      value={channel}
      aria-label={t('note.channel')}
      onChange={(e) => patch({ channel: Channel.parse(e.target.value) })}
      options={Channel.options.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))}
      data-testid="note-channel"
    />
  );
}

/** 外访地址: one of the debtor's addresses, or typed (shown for a visit only). */
export function VisitAddressField({ detail, errors }: { detail: CaseDetail; errors: string[] }) {
  const { t } = useTranslation();
  const channel = useNote((s) => s.channel);
  const value = useNote((s) => s.visitAddress);
  const patch = useNote((s) => s.patch);
  if (!CHANNEL_NEEDS[channel].address) return null;
  const d = detail.debtor;
  const known = ([['homeAddress', d.homeAddress], ['workAddress', d.workAddress], ['registeredAddress', d.registeredAddress]] as const)
    .filter((x): x is readonly ['homeAddress' | 'workAddress' | 'registeredAddress', string] => Boolean(x[1]));
  return (
    <div className="note-row">
      <div className="note-label">{t('note.visitAddress')}</div>
      <AutoComplete
        size="small"
        className="full"
        value={value}
        maxLength={VISIT_ADDRESS_MAX}
        placeholder={t('note.visitAddressPlaceholder')}
        status={errors.length ? 'error' : undefined}
        options={known.map(([k, a]) => ({ value: a, label: `${t(`profile.${k}`)} · ${a}` }))}
        onChange={(v: string) => patch({ visitAddress: v })}
        aria-label={t('note.visitAddress')}
        data-testid="note-visit-address"
      />
      <FieldErrors errors={errors} testid="err-visit-address" />
    </div>
  );
}
