import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { Button, DatePicker, Empty, Input, Select, Space, Tooltip, Typography } from 'antd';
import { CloseCircleOutlined, SaveOutlined, StepForwardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OutcomeCode } from '../../../../shared/contract';
import { Party } from '../../../../shared/domain/enums';
import { followUpPresetAt, type FollowUpPreset } from '../../../../shared/domain/dates';
import { fieldGroup, translateError } from '../../lib/errors';
import { dateValue, duration, instant, instantFromWallClock, wallClockOf } from '../../lib/format';
import { isMod, isTypingTarget, useKeydown } from '../../lib/hotkeys';
import { timeZoneNow, useLocale, useSession, useTimeZone } from '../../lib/session';
import { useNow } from '../../lib/useNow';
import { useWorkspace } from '../../lib/workspace';
import { fenToYuanText, useNote } from './store';
import { useOutcomeChecks } from './checks';
import { useDraftAutosave } from './draft';
import { FieldErrors } from './FieldErrors';
import { useNoteSave } from './useNoteSave';

const PRESETS: FollowUpPreset[] = ['30m', '1h', 'today18', 'tomorrow9', 'nextWorkday9'];

export function NotePane({ helpButton }: { helpButton?: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tz = useTimeZone();
  const codes = useSession((s) => s.outcomeCodes);
  const agent = useSession((s) => s.agent);
  const caseId = useWorkspace((s) => s.caseId);
  const detail = useWorkspace((s) => s.detail);
  const openSeq = useWorkspace((s) => s.openSeq);
  const ctxSeq = useWorkspace((s) => s.ctxSeq);
  const stepsDone = useWorkspace((s) => s.stepsDone);
  const requiredStepIds = useWorkspace((s) => s.requiredStepIds);
  const stepTexts = useWorkspace((s) => s.stepTexts);
  const call = useWorkspace((s) => s.call);
  const n = useNote();
  const now = useNow(1000, call.startedAt !== null);

  const scrollRef = useRef<HTMLDivElement>(null);
  // restore the draft when a case opens
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    const ws = useWorkspace.getState();
    if (!ws.caseId || !ws.detail) {
      useNote.getState().reset(null);
      return;
    }
    useNote.getState().load(ws.caseId, ws.detail.draft, ws.detail.draftSavedAt);
  }, [openSeq]);

  // a ticked step or a scenario is part of the draft
  const firstCtx = useRef(ctxSeq);
  useEffect(() => {
    if (ctxSeq !== firstCtx.current) useNote.getState().markDirty();
  }, [ctxSeq]);

  useDraftAutosave();

  const { code, violations, errorsFor, today, maxDate } = useOutcomeChecks();

  const selectOutcome = useCallback(
    (c: OutcomeCode) => {
      const st = useNote.getState();
      const ws = useWorkspace.getState();
      const patch: Parameters<typeof st.patch>[0] = { outcomeCode: c.code };
      if (!st.party || st.party === 'self' || st.party === 'none') {
        patch.party = c.isRpc ? 'self' : !c.isContact ? 'none' : st.party === 'none' ? null : st.party;
      }
      if (!st.phoneId && ws.detail) {
        const own = ws.detail.phones.find((p) => p.owner === 'self' && p.status === 'valid');
        if (own) patch.phoneId = own.id;
      }
      st.patch(patch);
    },
    [],
  );

  const save = useNoteSave(violations.length > 0);

  useKeydown((e) => {
    if (!useWorkspace.getState().caseId) return;
    if (isMod(e) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save(false);
      return;
    }
    if (isMod(e) && e.key === 'Enter') {
      e.preventDefault();
      void save(true);
      return;
    }
    if (!isMod(e) && !e.altKey && !e.shiftKey && /^[0-9]$/.test(e.key) && !isTypingTarget(e.target)) {
      const c = codes.find((x) => x.hotkey === e.key);
      if (c) {
        e.preventDefault();
        selectOutcome(c);
      }
    }
  });

  if (!caseId || !detail) {
    return (
      <section className="panel note-panel" data-testid="note-pane">
        <div className="panel-head">
          <Typography.Text strong>{t('note.title')}</Typography.Text>
          {helpButton}
        </div>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.empty')} />
      </section>
    );
  }

  const callText = call.startedAt
    ? t('note.callRunning', { d: duration((now - call.startedAt) / 1000) })
    : call.last
      ? t('note.call', { d: duration(call.last.durationSec) })
      : t('note.noCall');

  const partyErr = errorsFor('party', ['party']);
  const phoneErr = errorsFor('phoneId', ['phoneId']);
  const amountErr = errorsFor('ptpAmount', ['ptpAmountText']);
  const dateErr = errorsFor('ptpDate', ['ptpDate']);
  const paidErr = errorsFor('claimedPaidDate', ['claimedPaidDate']);
  const followErr = errorsFor('followUp', ['followUpAt', 'followUpPreset', 'outcomeCode']);
  const outcomeErr = errorsFor('outcomeCode', ['outcomeCode']);
  const noteErr = errorsFor('note', ['note']);
  const stepsErr = n.showAll || n.serverErrors.length
    ? [
        ...violations.filter((v) => fieldGroup(v.field) === 'stepsDone'),
        ...n.serverErrors.filter((v) => fieldGroup(v.field) === 'stepsDone'),
      ].length > 0
    : false;
  const missingSteps = requiredStepIds.filter((id) => !stepsDone.includes(id)).map((id) => stepTexts[id] ?? id);
  const otherErr = n.serverErrors.filter((v) => fieldGroup(v.field) === 'other').map((v) => translateError(t, { code: 'VALIDATION', message: '', ...v }, locale));

  const presetAt = (p: FollowUpPreset): Date | null => {
    try {
      return followUpPresetAt(p, new Date(), tz);
    } catch {
      return null;
    }
  };

  return (
    <section className="panel note-panel" data-testid="note-pane">
      <div className="panel-head">
        <Typography.Text strong>{t('note.title')}</Typography.Text>
        <span className="note-meta">
          <span className={`call-chip num${call.startedAt ? ' running' : ''}`} data-testid="note-call">
            {callText}
          </span>
          <span className="draft-state" data-testid="draft-state">
            {n.draftSaving ? t('note.draftSaving') : n.draftSavedAt ? t('note.draftSaved', { time: instant(n.draftSavedAt, tz, 'HH:mm:ss') }) : ''}
          </span>
          {helpButton}
        </span>
      </div>
      <div className="note-scroll" ref={scrollRef}>
        <div className="note-label">
          {t('note.outcome')} <span className="hint">{t('note.pickOutcome')}</span>
        </div>
        <div className="outcome-grid" data-testid="outcome-grid">
          {codes.map((c) => (
            <Tooltip key={c.code} title={c.label[locale]} mouseEnterDelay={0.6}>
              <Button
                size="small"
                type={n.outcomeCode === c.code ? 'primary' : 'default'}
                className="outcome-btn"
                onClick={() => selectOutcome(c)}
                data-testid={`outcome-${c.code}`}
                data-hotkey={c.hotkey ?? ''}
                aria-pressed={n.outcomeCode === c.code}
              >
                {c.hotkey !== null && <span className="kbd">{c.hotkey}</span>}
                <span className="outcome-label">{c.label[locale]}</span>
              </Button>
            </Tooltip>
          ))}
        </div>
        <FieldErrors errors={outcomeErr} testid="err-outcome" />

        <div className="note-row two">
          <div>
            <div className="note-label">{t('note.party')}</div>
            <Select
              size="small"
              className="full"
              placeholder={t('note.selectParty')}
              value={n.party ?? undefined}
              status={partyErr.length ? 'error' : undefined}
              options={Party.options.map((p) => ({ value: p, label: t(`enums.party.${p}`) }))}
              onChange={(v) => n.patch({ party: v })}
              data-testid="note-party"
            />
            <FieldErrors errors={partyErr} testid="err-party" />
          </div>
          <div>
            <div className="note-label">{t('note.phone')}</div>
            <Select
              size="small"
              className="full"
              allowClear
              placeholder={t('note.selectPhone')}
              value={n.phoneId ?? undefined}
              status={phoneErr.length ? 'error' : undefined}
              options={detail.phones.map((p) => {
                const contact = p.contactId ? detail.contacts.find((c) => c.id === p.contactId) : undefined;
                const who = contact ? contact.name : t(`enums.phoneOwner.${p.owner}`);
                return {
                  value: p.id,
                  disabled: p.status === 'do_not_call',
                  label: `${p.numberMasked} · ${who} · ${t(`enums.phoneKind.${p.kind}`)}${p.status !== 'valid' ? ` · ${t(`enums.phoneStatus.${p.status}`)}` : ''}`,
                };
              })}
              onChange={(v) => n.patch({ phoneId: v ?? null })}
              popupMatchSelectWidth={false}
              data-testid="note-phone"
            />
            <FieldErrors errors={phoneErr} testid="err-phone" />
          </div>
        </div>

        {code?.needsPtp && (
          <div className="note-row two ptp-row" data-testid="ptp-fields">
            <div>
              <div className="note-label">
                {t('note.ptpAmount')}
                <span className="fill-links">
                  <a onClick={() => n.patch({ ptpAmountText: fenToYuanText(detail.case.overdueAmountFen) })}>{t('note.fillOverdue')}</a>
                  <a onClick={() => n.patch({ ptpAmountText: fenToYuanText(detail.case.minDueFen) })}>{t('note.fillMinDue')}</a>
                </span>
              </div>
              <Input
                size="small"
                prefix="¥"
                className="num-input"
                inputMode="decimal"
                placeholder={t('note.amountPlaceholder')}
                value={n.ptpAmountText}
                status={amountErr.length ? 'error' : undefined}
                onChange={(e) => n.patch({ ptpAmountText: e.target.value })}
                data-testid="ptp-amount"
              />
              <FieldErrors errors={amountErr} testid="err-ptp-amount" />
            </div>
            <div>
              <div className="note-label">{t('note.ptpDate')}</div>
              <DatePicker
                size="small"
                className="full"
                placeholder={t('note.pickDate')}
                value={dateValue(n.ptpDate)}
                status={dateErr.length ? 'error' : undefined}
                disabledDate={(d) => {
                  const s = d.format('YYYY-MM-DD');
                  return s < today || s > maxDate;
                }}
                onChange={(d) => n.patch({ ptpDate: d ? d.format('YYYY-MM-DD') : null })}
                data-testid="ptp-date"
              />
              <FieldErrors errors={dateErr} testid="err-ptp-date" />
            </div>
          </div>
        )}

        {code?.needsPaidDate && (
          <div className="note-row">
            <div className="note-label">{t('note.claimedPaidDate')}</div>
            <DatePicker
              size="small"
              placeholder={t('note.pickDate')}
              value={dateValue(n.claimedPaidDate)}
              status={paidErr.length ? 'error' : undefined}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={(d) => n.patch({ claimedPaidDate: d ? d.format('YYYY-MM-DD') : null })}
              data-testid="claimed-paid-date"
            />
            <FieldErrors errors={paidErr} testid="err-paid-date" />
          </div>
        )}

        <div className="note-row">
          <div className="note-label">
            {t('note.followUp')}
            {n.followUpAt && (
              <span className="followup-chosen num" data-testid="followup-chosen">
                {instant(n.followUpAt, tz, 'YYYY-MM-DD HH:mm')}
                <CloseCircleOutlined
                  className="clear-icon"
                  onClick={() => n.patch({ followUpAt: null, followUpPreset: null })}
                  aria-label={t('common.clear')}
                />
              </span>
            )}
          </div>
          <div className="preset-row" data-testid="followup-presets">
            {PRESETS.map((p) => {
              const at = presetAt(p);
              return (
                <Button
                  key={p}
                  size="small"
                  type={n.followUpPreset === p ? 'primary' : 'default'}
                  disabled={!at || at.getTime() <= Date.now()}
                  onClick={() => at && n.patch({ followUpAt: at.toISOString(), followUpPreset: p })}
                  data-testid={`preset-${p}`}
                >
                  {t(`presets.${p}`)}
                </Button>
              );
            })}
            <DatePicker
              size="small"
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              placeholder={t('note.followUpExact')}
              value={n.followUpAt && !n.followUpPreset ? wallClockOf(n.followUpAt, tz) : null}
              status={followErr.length ? 'error' : undefined}
              disabledDate={(d) => d.format('YYYY-MM-DD') < today}
              onChange={(d) =>
                n.patch({ followUpAt: d ? instantFromWallClock(d, timeZoneNow()) : null, followUpPreset: null })
              }
              className="exact-picker"
              data-testid="followup-exact"
            />
          </div>
          <FieldErrors errors={followErr} testid="err-followup" />
        </div>

        <div className="note-row">
          <div className="note-label">{t('note.note')}</div>
          <Input.TextArea
            value={n.note}
            maxLength={4000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('note.notePlaceholder')}
            status={noteErr.length ? 'error' : undefined}
            onChange={(e) => n.patch({ note: e.target.value })}
            data-testid="note-text"
          />
          <FieldErrors errors={noteErr} testid="err-note" />
        </div>
        {stepsErr && missingSteps.length > 0 && (
          <div className="field-error" data-testid="err-steps">
            {t('note.stepsMissing', { steps: missingSteps.join('、') })}
          </div>
        )}
        <FieldErrors errors={otherErr} testid="err-other" />
      </div>
      <div className="note-actions">
        <span className="agent-sign">{agent ? `${agent.displayName} · ${agent.agentNo}` : ''}</span>
        <Space size={6}>
          <Tooltip title="Ctrl+S">
            <Button icon={<SaveOutlined />} loading={n.saving} onClick={() => void save(false)} data-testid="note-save">
              {t('note.save')} <span className="kbd light">Ctrl+S</span>
            </Button>
          </Tooltip>
          <Tooltip title="Ctrl+Enter">
            <Button
              type="primary"
              icon={<StepForwardOutlined />}
              loading={n.saving}
              onClick={() => void save(true)}
              data-testid="note-save-next"
            >
              {t('note.saveNext')} <span className="kbd light">Ctrl+↵</span>
            </Button>
          </Tooltip>
        </Space>
      </div>
    </section>
  );
}
