/**
 * Compile-time checks of the typed outbox writer (run by `npm run typecheck`, never executed):
 * each `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
 */
import { writeOutbox } from './outbox';

declare const ctx: Parameters<typeof writeOutbox>[0];
const at = '2024-05-01T08:00:00.000Z';

export function outboxTypeTests(): void {
  // The shape the shared schema asks for compiles.
  writeOutbox(ctx, 'case.setPreferredPhone', { caseId: '1001', phoneId: null, at });
  writeOutbox(ctx, 'case.assign', { caseIds: ['1001'], agentId: '7', at });

  // @ts-expect-error a field of the wrong type (a hub id travels as a string)
  writeOutbox(ctx, 'case.setPreferredPhone', { caseId: 1001, phoneId: null, at });
  // @ts-expect-error a missing field
  writeOutbox(ctx, 'case.setPreferredPhone', { caseId: '1001', phoneId: null });
  // @ts-expect-error a field the schema does not have
  writeOutbox(ctx, 'case.setPreferredPhone', { caseId: '1001', phoneId: null, at, note: 'x' });
  // @ts-expect-error a mutation name the registry does not know
  writeOutbox(ctx, 'case.delete', { caseId: '1001', at });
  // @ts-expect-error the args of another mutation
  writeOutbox(ctx, 'payment.record', { caseId: '1001', phoneId: null, at });
  // @ts-expect-error an enum value outside the schema
  writeOutbox(ctx, 'promise.transition', { promiseId: 'p', caseId: '1001', from: 'pending', to: 'lost', paidFen: 0, at });
}
