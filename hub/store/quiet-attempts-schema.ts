/**
 * Hub migration 11, both dialects: attempts.counters_only. An attempt that changed nothing on its
 * case but the attempt counters (attempt_count, last_attempt_at, last_outcome_code) does not
 * move the case's feed entry; a pull sends the case row along with such an attempt when it is
 * the case's latest change (hub/feed.ts readPage). Older rows keep 0: their case was fanned out.
 */
export const QUIET_ATTEMPTS_SCHEMA = /* sql */ `
ALTER TABLE attempts ADD COLUMN counters_only INTEGER NOT NULL DEFAULT 0;
`;
