import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import Checkbox from 'antd/es/checkbox';
import Empty from 'antd/es/empty';
import Spin from 'antd/es/spin';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskError, ScriptStep, ScriptView } from '../../../../shared/contract';
import type { Locale, ScenarioId } from '../../../../shared/domain/enums';
import { enteredPtpFields, renderTemplate, titleFor, type MergeFields } from '../../../../shared/domain/merge';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { money, todayIn } from '../../lib/format';
import { useEnteredPtp } from '../../lib/entered-ptp';
import { useKeydown } from '../../lib/hotkeys';
import { useStepAlert } from '../../lib/step-alert';
import { useLocale, useSession, useTimeZone } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';

/**
 * Fill the merge fields the core left in the text: the promise being entered in the note pane
 * (live, as the agent types it), and any case field the core could not fill.
 */
function useMerge(detail: CaseDetail | null, locale: Locale): (text: string) => string {
  const agent = useSession((s) => s.agent);
  const settings = useSession((s) => s.settings);
  const tz = useTimeZone();
  const ptpAmountFen = useEnteredPtp((s) => s.amountFen);
  const ptpDate = useEnteredPtp((s) => s.date);
  return useMemo(() => {
    if (!detail) return (text: string) => text;
    const c = detail.case;
    const fields: Partial<MergeFields> = {
      debtorName: detail.debtor.name,
      overdueAmount: money(c.overdueAmountFen, locale),
      minDue: money(c.minDueFen, locale),
      balance: money(c.balanceFen, locale),
      dpd: String(c.dpd),
      creditor: c.creditor,
      institution: settings?.institutionName ?? '',
      agentName: agent?.displayName ?? '',
      agentNo: agent?.agentNo ?? '',
      ...enteredPtpFields({ amountFen: ptpAmountFen, date: ptpDate }, todayIn(tz), locale, (fen) => money(fen, locale)),
    };
    return (text: string) => {
      if (!text.includes('{{')) return text;
      try {
        return renderTemplate(text, {
          ...fields,
          debtorTitle: detail.debtor.gender ? titleFor(detail.debtor.gender, locale) : '',
        });
      } catch {
        return text;
      }
    };
  }, [detail, locale, agent, settings, tz, ptpAmountFen, ptpDate]);
}

export function ScriptPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const caseId = useWorkspace((s) => s.caseId);
  const detail = useWorkspace((s) => s.detail);
  const stepsDone = useWorkspace((s) => s.stepsDone);
  const scenario = useWorkspace((s) => s.scenario);
  const setStepDone = useWorkspace((s) => s.setStepDone);
  const setScenario = useWorkspace((s) => s.setScenario);
  const setScriptSteps = useWorkspace((s) => s.setScriptSteps);
  const [script, setScript] = useState<ScriptView | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [loading, setLoading] = useState(false);
  const merge = useMerge(detail, locale);
  // The core merges the case's figures into the script: fetch again when they change (a payment, a new bucket).
  const c = detail?.case;
  const figures = c ? `${c.balanceFen}|${c.overdueAmountFen}|${c.minDueFen}|${c.dpd}|${c.bucket}` : '';
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // (block body: Chromium's scrollTo may return a promise, which an effect must not return)
    scrollRef.current?.scrollTo({ top: 0 });
  }, [caseId]);

  // A save refused for unticked required steps marks them here; the first scrolls into view,
  // its box focused so Space ticks it (then Tab to the next).
  const alertCase = useStepAlert((s) => s.caseId);
  const alertSeq = useStepAlert((s) => s.seq);
  const marking = alertCase !== null && alertCase === caseId;
  useEffect(() => {
    if (alertSeq === 0) return;
    const first = scrollRef.current?.querySelector<HTMLElement>('li.step-missing');
    first?.scrollIntoView({ block: 'nearest' });
    first?.querySelector<HTMLInputElement>('input[type=checkbox]')?.focus({ preventScroll: true });
  }, [alertSeq]);

  // A chosen scenario's steps open below the chips: bring them into view.
  const scenarioRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scenario) scenarioRef.current?.scrollIntoView({ block: 'nearest' });
  }, [scenario]);

  // F8 ticks the next required step (from anywhere, the note text included) and shows it.
  useKeydown((e) => {
    if (e.key !== 'F8' || e.repeat || !caseId) return;
    e.preventDefault();
    const ws = useWorkspace.getState();
    const next = ws.requiredStepIds.find((id) => !ws.stepsDone.includes(id));
    if (!next) return;
    ws.setStepDone(next, true);
    scrollRef.current?.querySelector(`[data-step-id="${CSS.escape(next)}"]`)?.scrollIntoView({ block: 'nearest' });
  });

  useEffect(() => {
    if (!caseId) {
      setScript(null);
      return;
    }
    let live = true;
    setLoading(true);
    void invoke('script.forCase', { caseId, locale }).then((res) => {
      if (!live) return;
      setLoading(false);
      if (res.ok) {
        setScript(res.value);
        setError(null);
      } else {
        setScript(null);
        setError(res.error);
      }
    });
    return () => {
      live = false;
    };
  }, [caseId, locale, figures]);

  const scenarioView = script?.scenarios.find((s) => s.id === scenario) ?? null;

  // tell the note pane which steps must be ticked
  useEffect(() => {
    if (!script) {
      setScriptSteps([], {});
      return;
    }
    const steps = [...script.opening, ...script.body, ...(scenarioView?.steps ?? [])];
    const required = steps.filter((s) => s.required);
    setScriptSteps(
      required.map((s) => s.id),
      Object.fromEntries(required.map((s) => [s.id, merge(s.text)])),
    );
  }, [script, scenarioView, merge, setScriptSteps]);

  if (!caseId) {
    return (
      <section className="panel script-panel" data-testid="script-panel">
        <div className="panel-head">
          <Typography.Text strong>{t('script.title')}</Typography.Text>
        </div>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('script.empty')} />
      </section>
    );
  }

  const requiredAll = script ? [...script.opening, ...script.body, ...(scenarioView?.steps ?? [])].filter((s) => s.required) : [];
  const requiredDone = requiredAll.filter((s) => stepsDone.includes(s.id)).length;

  const stepList = (steps: ScriptStep[], group: string) => (
    <ul className="script-steps" data-testid={`script-${group}`}>
      {steps.map((s) => (
        <li
          key={s.id}
          className={stepsDone.includes(s.id) ? 'done' : marking && s.required ? 'step-missing' : undefined}
          data-testid={marking && s.required && !stepsDone.includes(s.id) ? 'script-step-missing' : undefined}
        >
          <Checkbox
            checked={stepsDone.includes(s.id)}
            onChange={(e) => setStepDone(s.id, e.target.checked)}
            data-testid="script-step"
            data-step-id={s.id}
            data-required={s.required ? 'true' : 'false'}
          >
            <span className="step-text">
              {s.required && (
                <Tag color="red" className="step-required">
                  {t('script.required')}
                </Tag>
              )}
              {merge(s.text)}
            </span>
          </Checkbox>
        </li>
      ))}
    </ul>
  );

  return (
    <section className="panel script-panel" data-testid="script-panel">
      <div className="panel-head">
        <Typography.Text strong>{t('script.title')}</Typography.Text>
        {script && (
          <span className="script-meta">
            <Tag color="blue">{script.title || t(`enums.stage.${script.stage}`)}</Tag>
            <Tag color={requiredDone === requiredAll.length ? 'success' : 'error'} data-testid="script-progress">
              {t('script.progress', { done: requiredDone, total: requiredAll.length })}
            </Tag>
          </span>
        )}
      </div>
      <div className="script-scroll" ref={scrollRef}>
        {error && <Alert type="error" showIcon title={t('script.loadFailed')} description={translateError(t, error, locale)} />}
        <Spin spinning={loading && !script} size="small">
          {script && (
            <>
              <div className="script-group">{t('script.opening')}</div>
              {stepList(script.opening, 'opening')}
              {script.body.length > 0 && (
                <>
                  <div className="script-group">{t('script.body')}</div>
                  {stepList(script.body, 'body')}
                </>
              )}
              <div className="script-group">{t('script.scenario')}</div>
              <div className="scenario-chips" data-testid="script-scenarios">
                {script.scenarios.map((s) => (
                  <Tag.CheckableTag
                    key={s.id}
                    checked={scenario === s.id}
                    onChange={(on) => setScenario(on ? (s.id as ScenarioId) : null)}
                    data-testid={`scenario-${s.id}`}
                  >
                    {s.title || t(`enums.scenario.${s.id}`)}
                  </Tag.CheckableTag>
                ))}
              </div>
              <div ref={scenarioRef}>{scenarioView && stepList(scenarioView.steps, 'scenario-steps')}</div>
            </>
          )}
        </Spin>
      </div>
    </section>
  );
}
