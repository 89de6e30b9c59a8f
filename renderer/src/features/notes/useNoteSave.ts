import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { translateError } from '../../lib/errors';
import { useLocale } from '../../lib/session';
import { saveNote } from './save';

/** save(next): store the note (Ctrl+S / Ctrl+Enter, the save bar) and tell the agent how it went. */
export function useNoteSave(invalid: boolean): (next: boolean) => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  return async (next) => {
    const r = await saveNote({ next, invalid, followUpReason: (c) => t('note.followUpReason', { outcome: c.label[locale] }) });
    if (r.kind === 'invalid') message.warning({ content: t('note.fixErrors'), key: 'note-invalid' });
    else if (r.kind === 'failed') message.error({ content: translateError(t, r.error, locale), key: 'note-save' });
    else if (r.kind === 'saved' && r.next === 'opened') message.success({ content: t('note.savedNext'), key: 'note-save' });
    else if (r.kind === 'saved' && r.next === 'none') message.info({ content: t('note.noNext'), key: 'note-save' });
    else if (r.kind === 'saved') message.success({ content: t('note.saved'), key: 'note-save' });
  };
}
