import App from 'antd/es/app';
import { useTranslation } from 'react-i18next';
import { translateError } from '../../lib/errors';
import { outcomeEffects } from '../../../../shared/domain/outcome-effects';
import { useLocale, useSession } from '../../lib/session';
import { useStepAlert } from '../../lib/step-alert';
import { useWorkspace } from '../../lib/workspace';
import { saveNote } from './save';
import { useNote } from './store';

/**
 * save(next): store the note (Ctrl+S / Ctrl+Enter, the save bar) and tell the agent how it went.
 * `stepsBlock`: unticked required steps hold it back; `othersInvalid`: other fields do too.
 */
export function useNoteSave(invalid: boolean, stepsBlock: boolean, othersInvalid: boolean): (next: boolean) => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  return async (next) => {
    // 要求停止联系 changes more than the dialled number (docs/domain.md): say what it did
    const before = useNote.getState();
    const ws0 = useWorkspace.getState();
    const code = useSession.getState().outcomeCodes.find((c) => c.code === before.outcomeCode);
    const phone = ws0.detail?.phones.find((p) => p.id === before.phoneId) ?? null;
    const stops = code && ws0.detail ? outcomeEffects(code, ws0.detail.case, phone).lockAllOf : null;
    const r = await saveNote({ next, invalid, followUpReason: (c) => t('note.followUpReason', { outcome: c.label[locale] }) });
    if (r.kind === 'saved') useStepAlert.getState().clear();
    if (r.kind === 'invalid') {
      // required steps unticked: a short count here, the steps marked in the script panel
      const ws = useWorkspace.getState();
      const missing = ws.requiredStepIds.filter((id) => !ws.stepsDone.includes(id)).length;
      if (missing > 0 && stepsBlock && ws.caseId) useStepAlert.getState().flag(ws.caseId);
      const steps = missing > 0 && stepsBlock;
      const content = [...(othersInvalid || !steps ? [t('note.fixErrors')] : []), ...(steps ? [t('agentDesk.stepsMissing', { count: missing })] : [])].join(' · ');
      message.warning({ content, key: 'note-invalid' });
    }
    else if (r.kind === 'failed') message.error({ content: translateError(t, r.error, locale), key: 'note-save' });
    else if (r.kind === 'saved' && stops) message.warning({ content: t(stops === 'self' ? 'agentDesk.stoppedSelf' : 'agentDesk.stoppedContact'), key: 'note-save', duration: 6 })
    else if (r.kind === 'saved' && r.next === 'opened') message.success({ content: t('note.savedNext'), key: 'note-save' });
    else if (r.kind === 'saved' && r.next === 'none') message.info({ content: t('note.noNext'), key: 'note-save' });
    else if (r.kind === 'saved') message.success({ content: t('note.saved'), key: 'note-save' });
  };
}
