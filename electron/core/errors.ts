import type { DeskError, ErrorCode } from '../../shared/contract';
import type { RuleId } from '../../shared/domain/rule-ids';

/** A refusal the core means to send to the renderer: mapped 1:1 to `{ ok: false, error }`. */
export class DeskFailure extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly rule: RuleId | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { field?: string; rule?: RuleId; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'DeskFailure';
    this.code = code;
    this.field = extra.field;
    this.rule = extra.rule;
    this.params = extra.params;
  }

  toError(): DeskError {
    const e: DeskError = { code: this.code, message: this.message };
    if (this.field !== undefined) e.field = this.field;
    if (this.rule !== undefined) e.rule = this.rule;
    if (this.params !== undefined) e.params = this.params;
    return e;
  }
}

export const notFound = (what: string): DeskFailure => new DeskFailure('NOT_FOUND', `${what} not found`);
export const forbidden = (msg: string, rule?: RuleId): DeskFailure =>
  new DeskFailure('FORBIDDEN', msg, rule === undefined ? {} : { rule });
