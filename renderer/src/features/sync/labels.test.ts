import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import type { SyncStatus } from '../../../../shared/contract';
import { connectionState, rejectionText } from './labels';

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

describe('connectionState', () => {
  const hub: SyncStatus = {
    mode: 'hub', hubUrl: 'http://hub:7420', hubUser: null, online: true, syncing: false, pending: 0, lastSyncAt: null, lastError: null,
    rejections: 0, settingsWarnings: [], hosting: null,
  };
  it('a disabled or signed-out account is not shown as online, though the hub answered (#22)', () => {
    expect(connectionState(hub)).toBe('online');
    expect(connectionState({ ...hub, lastError: 'unauthenticated' })).toBe('refused');
    expect(connectionState({ ...hub, lastError: 'forbidden' })).toBe('refused');
    expect(connectionState({ ...hub, online: false, lastError: 'offline' })).toBe('offline');
    expect(connectionState({ ...hub, mode: 'local' })).toBe('local');
  });
});
