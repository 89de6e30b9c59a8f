import TagOutlined from '@ant-design/icons/es/icons/TagOutlined';
import App from 'antd/es/app';
import Select from 'antd/es/select';
import Tooltip from 'antd/es/tooltip';
import { useTranslation } from 'react-i18next';
import type { PhoneView } from '../../../../shared/contract';
import { PhoneMark } from '../../../../shared/domain/phone-entry';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';

/** 'clear' in the select: withdraw a hand mark made in error. */
const CLEAR = 'clear';

/** 标记号码: 空号 / 停机 / 非本人 by hand, or 清除标记 (a select: Tab reaches it, the arrow keys and Enter pick). */
export function PhoneMarkSelect({ phone }: { phone: PhoneView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const caseId = useWorkspace((s) => s.caseId);
  const mark = async (m: PhoneMark | null) => {
    if (!caseId) return;
    const res = await invoke('phone.mark', { caseId, phoneId: phone.id, mark: m });
    if (!res.ok) {
      message.error({ content: translateError(t, res.error, locale), key: 'phone-mark' });
      return;
    }
    message.success({ content: m === null ? t('profile.phoneMarkCleared') : t('profile.phoneMarked', { mark: t(`enums.phoneMark.${m}`) }), key: 'phone-mark' });
    await useWorkspace.getState().refreshCase();
  };
  return (
    // an icon, not a word: a number's row must fit the phones column at 1366 px in English too
    <Tooltip title={t('profile.markPhone')}>
    <Select
      size="small"
      className="phone-mark"
      variant="borderless"
      suffixIcon={null}
      value={null}
      placeholder={<TagOutlined />}
      aria-label={t('profile.markPhone')}
      popupMatchSelectWidth={false}
      options={[
        ...PhoneMark.options.map((m) => ({ value: m, label: t(`enums.phoneMark.${m}`) })),
        ...(phone.mark ? [{ value: CLEAR, label: t('profile.clearPhoneMark') }] : []),
      ]}
      onChange={(v: string | null) => {
        if (v === CLEAR) void mark(null);
        else {
          const m = PhoneMark.safeParse(v);
          if (m.success) void mark(m.data);
        }
      }}
      data-testid={`phone-mark-${phone.id}`}
    />
    </Tooltip>
  );
}
