/**
 * The hub's appliers, one per mutation of the shared registry. The map is typed over the names,
 * so a mutation without an applier does not compile, and indexing it with a generic name gives
 * the applier of exactly that mutation's args (the correlated-union pattern, no casts).
 */
import type { z } from 'zod';
import { MAX_CLOCK_AHEAD_MS, NamedMutation, argsOutOfBounds, isMutationName, type Mutation, type MutationArgs, type MutationName } from '../../shared/sync';
import { attemptSave } from './attempt-save';
import { caseAssign } from './case-assign';
import { caseClearHold } from './case-clear-hold';
import { caseSetTimeZone } from './case-set-time-zone';
import { caseSetPreferredPhone } from './case-set-preferred-phone';
import { contactOverride } from './contact-override';
import { Reject, type Applier, type MutationCtx } from './context';
import { messageSend } from './message-send';
import { paymentRecord } from './payment-record';
import { phoneAdd } from './phone-add';
import { phoneMark } from './phone-mark';
import { paymentVerify } from './payment-verify';
import { promiseTransition } from './promise-transition';

export type Appliers = { readonly [N in MutationName]: Applier<N> };

export const APPLIERS: Appliers = {
  'attempt.save': attemptSave,
  'payment.record': paymentRecord,
  'payment.verify': paymentVerify,
  'promise.transition': promiseTransition,
  'case.setPreferredPhone': caseSetPreferredPhone,
  'case.assign': caseAssign,
  'contact.override': contactOverride,
  'phone.add': phoneAdd,
  'phone.mark': phoneMark,
  'message.send': messageSend,
  'case.clearHold': caseClearHold,
  'case.setTimeZone': caseSetTimeZone,
};

/** A mutation whose args passed its schema: name and args stay correlated (a union over the names). */
export type ParsedMutation<N extends MutationName = MutationName> = { [K in N]: { name: K; args: MutationArgs<K> } }[N];

/** The first issues, by their path inside the args. */
function summarizeIssues(e: z.ZodError): string {
  return e.issues.slice(0, 5).map((i) => `${i.path.slice(1).join('.') || '(args)'}: ${i.message}`).join('; ').slice(0, 500);
}

/** Check a pushed mutation before anything is written: bounded args, a known name, args of its schema, no timestamp from the future. */
export function parseMutation(m: Mutation, now: Date): ParsedMutation | Reject {
  const tooLarge = argsOutOfBounds(m.args);
  if (tooLarge !== null) return new Reject('invalidArgs', `args: ${tooLarge}`);
  if (!isMutationName(m.name)) return new Reject('unknownMutation', m.name.slice(0, 64));
  const parsed = NamedMutation.safeParse({ name: m.name, args: m.args });
  if (!parsed.success) return new Reject('invalidArgs', summarizeIssues(parsed.error));
  const p = parsed.data;
  const limit = now.getTime() + MAX_CLOCK_AHEAD_MS;
  const stamps: [string, string | null][] = [['clientTime', m.clientTime], ['at', p.args.at], ['callStartedAt', p.name === 'attempt.save' ? p.args.callStartedAt : null]];
  for (const [field, v] of stamps) {
    if (v !== null && Date.parse(v) > limit) return new Reject('clockAhead', field);
  }
  return p;
}

/** Apply a parsed mutation through its applier. */
export function applyParsed<N extends MutationName>(ctx: MutationCtx, p: ParsedMutation<N>): Promise<Reject | null> {
  return APPLIERS[p.name](ctx, p.args);
}
