/**
 * Every business-rule id a refusal or an inline check can carry (`DeskError.rule`,
 * `RuleViolation.rule`). Each id is an i18n key under `rules.` on the renderer; a unit test
 * (renderer/src/i18n/vocabulary.test.ts) holds every id to a zh-CN and an en text, and every
 * text to an id.
 */
import { z } from 'zod';
import { CONTACT_RULE_IDS } from './contact-rules';
import { OUTCOME_RULE_IDS } from './outcome-rules';
import { CHANNEL_RULE_IDS } from './channel-rules';
import { PHONE_ENTRY_RULE_IDS } from './phone-entry';
import { MESSAGE_RULE_IDS } from './message-checks';

const DISTRIBUTION_RULE_IDS = [
  'distribution.unknownAgent',
  'distribution.noAgents',
  'distribution.unknownBatch',
  'distribution.recallBeforeEnd',
  'distribution.recallNoEndDate',
  'distribution.planChanged',
  'distribution.tooMany',
  'distribution.hubUnreachable',
] as const;

export const RULE_IDS = [
  ...OUTCOME_RULE_IDS,
  ...CONTACT_RULE_IDS, // issue 11: before a call (shared/domain/contact-rules.ts)
  ...CHANNEL_RULE_IDS, // issue 9: what each channel of a 催记 needs (shared/domain/channel-rules.ts)
  ...PHONE_ENTRY_RULE_IDS, // issue 9: numbers and contacts added or marked by hand (shared/domain/phone-entry.ts)
  'note.bannedPhrase', // issue 11: banned wording (shared/domain/banned-phrases.ts)
  ...MESSAGE_RULE_IDS, // issue 11: outbound SMS and letters (shared/domain/message-checks.ts)
  // typed in the note pane and the payment dialog before the core sees a number
  'money.invalid',
  'payment.amountRequired',
  'payment.amountInvalid',
  'payment.amountPositive',
  'payment.amountAboveBalance',
  'payment.dateRequired',
  'payment.dateInvalid',
  'payment.dateInFuture',
  // checked by the desk and again by the hub (shared/domain/payment-rules.ts)
  'payment.caseClosed',
  'payment.dateTooOld',
  // issue 9: channel, transaction number, verification (payment-channel.ts, payment-verify.ts)
  'payment.txnInvalid',
  'payment.txnDuplicate',
  'payment.notUnverified',
  'payment.rejectReason',
  'payment.notFound',
  // click-to-dial (shared/contract/dial.ts, electron/core/dial)
  'dial.notConfigured',
  'dial.timeout',
  'dial.unreachable',
  'dial.httpStatus',
  'dial.badResponse',
  'dial.noNumber',
  // a late promise a lead accepts (shared/domain/late-work.ts)
  'ptp.caseClosed',
  // a promise state change a lead accepts (shared/domain/late-work.ts checkAcceptedTransition)
  'ptp.promiseMissing',
  'ptp.stateNotRestorable',
  'ptp.paymentsDisagree',
  // a lead clears a case's hold (dispute/complaint), shared/domain/case-hold.ts
  'case.notOnHold',
  // a case's own time zone (shared/domain/settings.ts zone check)
  'case.timeZoneUnknown',
  'phone.notOnCase',
  'phone.notMarked',
  'phone.doNotCall',
  'attempt.requestIdReused',
  'case.notAssigned',
  'auth.disabled',
  'settings.timeZoneUnknown',
  'lead.only',
  'lead.unknownAgent',
  'lead.agentDisabled',
  'sync.badCredentials',
  'sync.forbidden',
  'sync.updateRequired',
  'sync.unreachable',
  'sync.hubError',
  'sync.badResponse',
  'sync.badUrl',
  'sync.pendingWork',
  'sync.needsLogin',
  'conflict.needsHub',
  'conflict.hubUnreachable',
  'conflict.notFound',
  'hub.leadOnly',
  'hub.hostUnavailable',
  'hub.startFailed',
  'hub.connectedElsewhere',
  'team.usernameTaken',
  'team.badInput',
  'team.notInTeam',
  'team.agentsOnly',
  'team.notHosting',
  'sync.notAHub',
  // distribution (分案): checked by the desk in local mode and by the hub in team mode
  ...DISTRIBUTION_RULE_IDS,
  'sync.throttled',
  'screen.locked',
  'screen.badPassword',
] as const;
export const RuleId = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleId>;
