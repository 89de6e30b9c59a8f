/** What a refused route answers: a code, and for business rules the rule id, field and params. */
import { z } from 'zod';
import { RuleId } from '../domain/rule-ids';

export const ErrorCode = z.enum([
  'UNKNOWN_ROUTE',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION', // a business rule: field + params say which and why
  'HUB_UNREACHABLE', // the team hub did not answer (network, hub down): try again when online
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const DeskError = z.object({
  code: ErrorCode,
  /** English fallback; the renderer translates `errors.<code>` / `rules.<rule>` through i18n. */
  message: z.string(),
  /** Dotted path of the offending field, e.g. "ptp.amountFen". */
  field: z.string().optional(),
  /** Which business rule failed, e.g. "ptp.amountAboveBalance". */
  rule: RuleId.optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type DeskError = z.infer<typeof DeskError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };
