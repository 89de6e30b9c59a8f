import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { rejectionText } from './labels';

describe('rejectionText', () => {
  it('names the rule a ruleViolation broke, placeholders the hub gave no value for shown as an ellipsis', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(rejectionText(t, 'ruleViolation', 'ptp.dateTooFar')).toBe('The team hub checked the rules again and refused it: The date must be within … days (by …)');
    expect(rejectionText(t, 'ruleViolation', 'no.suchRule')).toBe('The team hub checked the rules again and refused it: no.suchRule');
    expect(rejectionText(t, 'outOfScope', 'whatever')).toBe('The case is no longer yours; the record was not accepted');
    expect(rejectionText(t, 'fromTheFuture')).toBe('Rejected (fromTheFuture)');
  });
});
