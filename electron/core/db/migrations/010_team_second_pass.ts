import type { Migration } from './types';

/**
 * Team mode, second pass (issue 9):
 * - left_cases: a case a pull took off this desk (reassigned away, or out of scope). The desk
 *   keeps who it was about and who holds it now, so the agent is told at once, a rejection of
 *   late work still names the debtor, and the note the agent was typing (the draft, moved here)
 *   can still be saved: the hub takes a former holder's 催记 as history.
 * - sync_rejections.acknowledged_at: the agent has read the rejection; the top bar's badge counts
 *   only those not yet acknowledged (the row stays for the record).
 */
export const migration010: Migration = {
  version: 10,
  name: 'team_second_pass',
  up: /* sql */ `
CREATE TABLE left_cases (
  case_id        INTEGER PRIMARY KEY,
  debtor_name    TEXT NOT NULL,
  balance_fen    INTEGER NOT NULL,
  moved_to_id    INTEGER,
  moved_to_name  TEXT,
  left_at        TEXT NOT NULL,
  draft_agent_id INTEGER,
  draft          TEXT CHECK (draft IS NULL OR json_valid(draft)),
  draft_saved_at TEXT
) STRICT;
ALTER TABLE sync_rejections ADD COLUMN acknowledged_at TEXT;
`,
};
