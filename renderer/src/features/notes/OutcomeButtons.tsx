import Button from 'antd/es/button';
import Tooltip from 'antd/es/tooltip';
import { useTranslation } from 'react-i18next';
import { useLocale, useSession } from '../../lib/session';
import { FieldErrors } from './FieldErrors';
import { selectOutcome } from './outcome';
import { useNote } from './store';

/** The outcome codes as buttons (with their digit hotkeys) and the outcome's errors. */
export function OutcomeButtons({ errors }: { errors: string[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const codes = useSession((s) => s.outcomeCodes);
  const outcomeCode = useNote((s) => s.outcomeCode);
  return (
    <>
      <div className="note-label">
        {t('note.outcome')} <span className="hint">{t('note.pickOutcome')}</span>
      </div>
      <div className="outcome-grid" data-testid="outcome-grid">
        {codes.map((c) => (
          <Tooltip key={c.code} title={c.label[locale]} mouseEnterDelay={0.6}>
            <Button
              size="small"
              type={outcomeCode === c.code ? 'primary' : 'default'}
              className="outcome-btn"
              onClick={() => selectOutcome(c)}
              data-testid={`outcome-${c.code}`}
              data-hotkey={c.hotkey ?? ''}
              aria-pressed={outcomeCode === c.code}
            >
              {c.hotkey !== null && <span className="kbd">{c.hotkey}</span>}
              <span className="outcome-label">{c.label[locale]}</span>
            </Button>
          </Tooltip>
        ))}
      </div>
      <FieldErrors errors={errors} testid="err-outcome" />
    </>
  );
}
