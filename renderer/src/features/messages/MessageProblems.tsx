import { useTranslation } from 'react-i18next';
import type { MessageProblemView } from '../../../../shared/contract/messages';
import { translateRule } from '../../lib/errors';
import { useLocale } from '../../lib/session';

const CONTEXT = 12; // characters shown either side of a marked span

/**
 * Why a message cannot go out (issue 11): each problem with its reason; a banned phrase, an odd
 * amount or an unfilled field marked in its place in the text.
 */
export function MessageProblems({ text, problems }: { text: string; problems: readonly MessageProblemView[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (problems.length === 0) return null;
  return (
    <div className="banned-phrases" role="alert" data-testid="message-problems">
      <div className="banned-title">{t('messages.blocked')}</div>
      {problems.slice(0, 6).map((p, i) => (
        <div key={`${p.rule}-${p.start ?? i}`} className="banned-hit" data-testid="message-problem" data-rule={p.rule}>
          {p.rule === 'message.bannedPhrase' && <span className="banned-category">{t(`contactRules.banned.${String(p.params.category)}`)}</span>}
          <span className="message-reason" style={{ marginRight: 8 }}>
            {p.rule === 'message.contactRule' ? t(`rules.${String(p.params.contactRule)}`, p.params) : translateRule(t, { rule: p.rule, params: p.params }, locale)}
          </span>
          {p.start !== undefined && p.end !== undefined && (
            <span className="banned-context">
              {p.start > CONTEXT ? '…' : ''}
              {text.slice(Math.max(0, p.start - CONTEXT), p.start)}
              <mark data-testid="message-mark">{text.slice(p.start, p.end)}</mark>
              {text.slice(p.end, p.end + CONTEXT)}
              {p.end + CONTEXT < text.length ? '…' : ''}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
