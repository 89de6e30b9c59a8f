import { useTranslation } from 'react-i18next';
import { fieldGroup, translateError, type RuleLike } from '../../lib/errors';
import { useLocale } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';

/**
 * How many required script steps are not ticked, once a save was tried: a short line kept above
 * the save buttons (always on screen); the steps themselves are marked in the script panel.
 */
export function StepsMissing({ violations }: { violations: RuleLike[] }) {
  const { t } = useTranslation();
  const showAll = useNote((s) => s.showAll);
  const serverErrors = useNote((s) => s.serverErrors);
  const stepsDone = useWorkspace((s) => s.stepsDone);
  const requiredStepIds = useWorkspace((s) => s.requiredStepIds);
  const isSteps = (v: RuleLike) => fieldGroup(v.field) === 'stepsDone';
  const stepsErr = (showAll || serverErrors.length > 0) && (violations.some(isSteps) || serverErrors.some(isSteps));
  const missing = requiredStepIds.filter((id) => !stepsDone.includes(id)).length;
  if (!stepsErr || missing === 0) return null;
  return (
    <div className="field-error steps-missing" data-testid="err-steps" role="alert">
      {t('agentDesk.stepsMissing', { count: missing })} {t('agentDesk.stepsHint')}
    </div>
  );
}

/** Errors that belong to no single field (other core answers). */
export function PaneErrors() {
  const { t } = useTranslation();
  const locale = useLocale();
  const serverErrors = useNote((s) => s.serverErrors);
  const otherErr = serverErrors
    .filter((v) => fieldGroup(v.field) === 'other')
    .map((v) => translateError(t, { code: 'VALIDATION', message: '', ...v }, locale));
  return <FieldErrors errors={otherErr} testid="err-other" />;
}
