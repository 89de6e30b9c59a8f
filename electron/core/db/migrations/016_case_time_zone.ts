import type { Migration } from './types';

/**
 * Issue 11: a case may carry the debtor's own IANA time zone (imported, or set by a lead), read
 * by contact.check for the quiet hours; null means the team's zone. 13–17 are other work's numbers.
 */
export const migration016: Migration = {
  version: 16,
  name: 'case_time_zone',
  up: /* sql */ `
ALTER TABLE cases ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
`,
};
