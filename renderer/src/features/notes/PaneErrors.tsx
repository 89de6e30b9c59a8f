import { useTranslation } from 'react-i18next';
import { fieldGroup, translateError, type RuleLike } from '../../lib/errors';
import { useLocale } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';

/** Errors that belong to no single field: required script steps not ticked, other core answers. */
export function PaneErrors({ violations }: { violations: RuleLike[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const showAll = useNote((s) => s.showAll);
  const serverErrors = useNote((s) => s.serverErrors);
  const stepsDone = useWorkspace((s) => s.stepsDone);
  const requiredStepIds = useWorkspace((s) => s.requiredStepIds);
  const stepTexts = useWorkspace((s) => s.stepTexts);

  const isSteps = (v: RuleLike) => fieldGroup(v.field) === 'stepsDone';
  const stepsErr = (showAll || serverErrors.length > 0) && (violations.some(isSteps) || serverErrors.some(isSteps));
  const missingSteps = requiredStepIds.filter((id) => !stepsDone.includes(id)).map((id) => stepTexts[id] ?? id);
  const otherErr = serverErrors
    .filter((v) => fieldGroup(v.field) === 'other')
    .map((v) => translateError(t, { code: 'VALIDATION', message: '', ...v }, locale));
  return (
    <>
      {stepsErr && missingSteps.length > 0 && (
        <div className="field-error" data-testid="err-steps">
          {t('note.stepsMissing', { steps: missingSteps.join('、') })}
        </div>
      )}
      <FieldErrors errors={otherErr} testid="err-other" />
    </>
  );
}
