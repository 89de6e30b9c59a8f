import type { HubErrorCode } from '../shared/sync';

export const STATUS: Record<HubErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  MUTATION_GAP: 409,
  RULE_VIOLATION: 409,
  TOO_LARGE: 413,
  UPDATE_REQUIRED: 426,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL: 500,
};

/** An expected failure answered in the HubError shape. */
export class HubFailure extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}
