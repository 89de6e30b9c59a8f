import { useEffect, useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Tooltip from 'antd/es/tooltip';
import PhoneOutlined from '@ant-design/icons/es/icons/PhoneOutlined';
import SettingOutlined from '@ant-design/icons/es/icons/SettingOutlined';
import { useTranslation } from 'react-i18next';
import type { DeskError, DialMode } from '../../../../shared/contract';
import { invoke } from '../../api';
import { dialPhoneOf, useDial } from '../../lib/dial';
import { translateError, translateRule } from '../../lib/errors';
import { shutWhileOpen } from '../../lib/opener-tooltip';
import { useLocale } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { i18n } from '../../i18n';
import { DialSettingsModal, dialSettingsChanged } from './DialSettings';

/**
 * 拨号: dial the open case's number the way this desk is set up (none / tel: / sip: / a local
 * softphone over HTTP). The desk checks the contact rules first (a refusal shows the same
 * reasons as F9); a dial that went out starts the call timer, and a recording reference the
 * softphone returns goes on the case's next call record.
 */
export function DialButton() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const detail = useWorkspace((s) => s.detail);
  const picked = useDial((s) => s.phoneId);
  const [mode, setMode] = useState<DialMode>('none');
  const [busy, setBusy] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    const load = () => void invoke('dial.settings', {}).then((r) => r.ok && setMode(r.value.mode));
    load();
    dialSettingsChanged.addEventListener('change', load);
    return () => dialSettingsChanged.removeEventListener('change', load);
  }, []);

  const phoneId = detail ? dialPhoneOf(detail, picked) : null;
  const phone = detail?.phones.find((p) => p.id === phoneId) ?? null;

  const errorText = (e: DeskError): string => (e.rule && i18n.exists(`rules.${e.rule}`) ? translateRule(t, e, locale) : translateError(t, e, locale));

  const dial = async () => {
    const d = useWorkspace.getState().detail;
    if (!d || busy) return;
    const pid = dialPhoneOf(d, useDial.getState().phoneId);
    if (!pid) return void message.warning({ content: t('rules.dial.noNumber'), key: 'dial' });
    setBusy(true);
    const r = await invoke('dial.start', { caseId: d.case.id, phoneId: pid });
    setBusy(false);
    if (useWorkspace.getState().detail?.case.id !== d.case.id) return; // the agent moved on meanwhile
    if (!r.ok) return void message.error({ content: errorText(r.error), key: 'dial', duration: 6 });
    const v = r.value;
    if (v.kind === 'blocked') {
      useDial.setState({ blocked: { caseId: d.case.id, phoneId: pid, result: v.check } });
      return;
    }
    if (v.kind === 'link' && !v.opened) {
      // the web-host hands the link back: the browser passes it to the system's dialler
      const a = document.createElement('a');
      a.href = v.url;
      a.rel = 'noopener';
      a.click();
    }
    if (v.kind === 'http') useDial.setState({ recording: v.recordingRef ? { caseId: d.case.id, ref: v.recordingRef } : null });
    if (v.overridden) message.warning({ content: t('contactRules.overrideUsed'), key: 'call' });
    else message.success({ content: v.kind === 'http' && v.recordingRef ? t('dial.startedRec', { ref: v.recordingRef }) : t('dial.started'), key: 'dial' });
    if (!useWorkspace.getState().call.startedAt) useWorkspace.getState().startCall();
  };

  return (
    <>
      {mode !== 'none' && (
        <Tooltip title={phone ? t('dial.tooltip', { tail: phone.numberMasked.slice(-4), how: t(`dial.mode.${mode}`) }) : t('call.noCase')}>
          <Button size="small" icon={<PhoneOutlined />} loading={busy} disabled={!detail || !phoneId} onClick={() => void dial()} data-testid="dial-button" data-mode={mode}>
            {t('dial.button')}
          </Button>
        </Tooltip>
      )}
      <Tooltip title={t('dial.settingsTitle')} {...shutWhileOpen(settingsOpen)}>
        <Button size="small" type="text" icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} aria-label={t('dial.settingsTitle')} data-testid="dial-settings-open" />
      </Tooltip>
      {settingsOpen && <DialSettingsModal onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
